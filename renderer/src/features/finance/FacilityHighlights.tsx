import { useTranslation } from 'react-i18next';
import type { FacilityDetail } from '../../../../electron/contract/schemas/facilities';
import type { FinanceFormats } from './finance-formats';

/** What a finance desk looks at first: the next payment, arrears, outstanding, payoff. */
export function FacilityHighlights({ detail, formats }: { detail: FacilityDetail; formats: FinanceFormats }) {
  const { t } = useTranslation();
  const { facility, arrears, schedule } = detail;
  const next = facility.nextPayment;
  const payoff = schedule.structure === 'fixed-rate' ? schedule.payoff : null;
  return (
    <div className="fin-highlights">
      <div className="fin-kpi fin-kpi-next" data-testid="finance-next-payment" data-due-date={next?.dueDate ?? ''} data-amount={next?.amount?.toString() ?? ''}>
        <span className="fin-kpi-label">{t('finance.detail.nextPayment')}</span>
        {next ? (
          <>
            <span className="fin-kpi-value numeric">{next.amount === null ? t('finance.detail.fromRevenue') : formats.money(next.amount)}</span>
            <span className="fin-kpi-note">{t('finance.detail.nextPaymentNote', { n: next.n, date: formats.date(next.dueDate) })}</span>
          </>
        ) : (
          <span className="fin-kpi-value">—</span>
        )}
      </div>
      <div className={arrears.total > 0n ? 'fin-kpi fin-kpi-arrears' : 'fin-kpi'} data-testid="finance-arrears" data-total={arrears.total.toString()} data-days-past-due={arrears.daysPastDue}>
        <span className="fin-kpi-label">{t('finance.detail.arrears')}</span>
        <span className="fin-kpi-value numeric">{formats.money(arrears.total)}</span>
        <span className="fin-kpi-note">
          {arrears.total > 0n
            ? t('finance.detail.arrearsNote', { days: formats.integer(arrears.daysPastDue), date: arrears.oldestDueDate ? formats.date(arrears.oldestDueDate) : '—' })
            : t('finance.detail.noArrears')}
        </span>
        {arrears.total > 0n ? (
          <span className="fin-kpi-note">
            {schedule.structure === 'fixed-rate'
              ? t('finance.detail.arrearsSplit', { principal: formats.money(arrears.principal), interest: formats.money(arrears.interest), fees: formats.money(arrears.fees) })
              : t('finance.detail.arrearsShare', { share: formats.money(arrears.shareDue) })}
          </span>
        ) : null}
      </div>
      <div className="fin-kpi" data-testid="finance-outstanding">
        <span className="fin-kpi-label">{t('finance.detail.outstanding')}</span>
        <span className="fin-kpi-value numeric">{formats.money(facility.outstandingPrincipal)}</span>
        <span className="fin-kpi-note">{t('finance.detail.ofPrincipal', { principal: formats.money(facility.principal) })}</span>
      </div>
      {payoff ? (
        <div className="fin-kpi" data-testid="finance-payoff" title={t('finance.detail.payoffSplit', { arrears: formats.money(payoff.arrears), accrued: formats.money(payoff.accruedInterest), principal: formats.money(payoff.principal), fee: formats.money(payoff.prepaymentFee), credit: formats.money(payoff.credit) })}>
          <span className="fin-kpi-label">{t('finance.detail.payoff', { date: formats.date(payoff.asOf) })}</span>
          <span className="fin-kpi-value numeric">{formats.money(payoff.total)}</span>
          <span className="fin-kpi-note">{t('finance.detail.payoffNote', { accrued: formats.money(payoff.accruedInterest), fee: formats.money(payoff.prepaymentFee) })}</span>
        </div>
      ) : null}
      {detail.credit > 0n ? (
        <div className="fin-kpi" data-testid="finance-credit">
          <span className="fin-kpi-label">{t('finance.detail.credit')}</span>
          <span className="fin-kpi-value numeric">{formats.money(detail.credit)}</span>
        </div>
      ) : null}
    </div>
  );
}
