import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityDetail } from '../../../../electron/contract/schemas/facilities';
import { Card } from '../../ui/Card';
import { FacilityHighlights } from './FacilityHighlights';
import type { FinanceFormats } from './finance-formats';
import { JournalEvents } from './JournalEvents';
import { PaymentsTable } from './PaymentsTable';
import { RecordPaymentDialog } from './RecordPaymentDialog';
import { RecordRevenueDialog } from './RecordRevenueDialog';
import { RevenuePeriodsTable, RevenuePosition } from './RevenuePeriodsTable';
import { rowsFromInstallments } from './schedule-rows';
import { ScheduleTable } from './ScheduleTable';
import { FacilityStatusChip } from './StatusChips';
import { TermsSummary } from './TermsSummary';

interface FacilityDetailViewProps {
  detail: FacilityDetail;
  formats: FinanceFormats;
  onBack(): void;
  onEdit(): void;
}

/** One facility: where it stands, its terms, the schedule expected against actual, payments, journal. */
export function FacilityDetailView({ detail, formats, onBack, onEdit }: FacilityDetailViewProps) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'payment' | 'revenue' | null>(null);
  const { facility, schedule } = detail;
  const owesNothing = facility.status === 'repaid' || facility.status === 'closed-forgiven';

  return (
    <div className="fin-detail" data-testid="finance-detail" data-facility-id={facility.id}>
      <div className="fin-detail-head">
        <button type="button" className="button button-quiet" onClick={onBack} data-testid="finance-back">
          {t('finance.detail.back')}
        </button>
        <div className="fin-detail-title">
          <h2 className="fin-detail-name" data-testid="finance-detail-name">
            {facility.name}
          </h2>
          <span className="muted">
            {t('finance.detail.byLender', { lender: facility.lender, structure: t(`finance.structure.${facility.structure}`) })} · {t('finance.detail.asOf', { date: formats.date(detail.asOf) })}
          </span>
        </div>
        <FacilityStatusChip status={facility.status} />
        <div className="fin-detail-actions">
          <button type="button" className="button" onClick={onEdit} data-testid="finance-edit">
            {t('finance.detail.edit')}
          </button>
          {schedule.structure === 'revenue-share' ? (
            <button type="button" className="button" onClick={() => setDialog('revenue')} data-testid="finance-record-revenue">
              {t('finance.detail.recordRevenue')}
            </button>
          ) : null}
          <button type="button" className="button button-primary" onClick={() => setDialog('payment')} aria-disabled={owesNothing} disabled={owesNothing} data-testid="finance-record-payment">
            {t('finance.detail.recordPayment')}
          </button>
        </div>
      </div>
      {detail.notes ? <p className="fin-notes">{detail.notes}</p> : null}
      <FacilityHighlights detail={detail} formats={formats} />
      <div className="fin-detail-grid">
        <Card title={schedule.structure === 'fixed-rate' ? t('finance.detail.schedule') : t('finance.detail.periods')} className="fin-schedule-card">
          {schedule.structure === 'fixed-rate' ? (
            <>
              <ScheduleTable rows={rowsFromInstallments(schedule.installments)} formats={formats} nextN={facility.nextPayment?.n ?? null} testId="finance-schedule" />
              <p className="muted fin-totals">
                {t('finance.detail.totals', {
                  payment: formats.money(schedule.totals.expected.payment),
                  interest: formats.money(schedule.totals.expected.interest),
                  paid: formats.money(schedule.totals.paid.total),
                  fees: formats.money(schedule.totals.paid.lateFees + schedule.totals.paid.prepaymentFees),
                })}
              </p>
            </>
          ) : (
            <>
              <RevenuePosition position={schedule.position} formats={formats} />
              <RevenuePeriodsTable periods={schedule.periods} formats={formats} />
            </>
          )}
        </Card>
        <Card title={t('finance.detail.terms')}>
          <TermsSummary terms={detail.terms} formats={formats} />
        </Card>
        <Card title={t('finance.detail.payments')} className="fin-wide">
          <PaymentsTable payments={detail.payments} formats={formats} />
        </Card>
        <Card title={t('finance.detail.journal')} className="fin-wide">
          <JournalEvents events={detail.events} formats={formats} />
        </Card>
      </div>
      {dialog === 'payment' ? <RecordPaymentDialog detail={detail} formats={formats} onClose={() => setDialog(null)} /> : null}
      {dialog === 'revenue' ? <RecordRevenueDialog detail={detail} formats={formats} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
