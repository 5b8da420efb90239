import { useTranslation } from 'react-i18next';
import type { FacilityStatus, InstallmentStatus } from '../../../../electron/contract/schemas/facilities';

/** Colour by what the operator must do: nothing (ok), watch (warn), act (danger). */
const FACILITY_TONE: Record<FacilityStatus, string> = { current: 'ok', late: 'warn', default: 'danger', repaid: 'idle', 'closed-forgiven': 'idle' };
const INSTALLMENT_TONE: Record<InstallmentStatus, string> = {
  upcoming: 'idle',
  prepaid: 'ok',
  paid: 'ok',
  late: 'warn',
  partial: 'warn',
  unpaid: 'danger',
  'awaiting-revenue': 'warn',
  forgiven: 'idle',
};

export function FacilityStatusChip({ status }: { status: FacilityStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`fin-chip fin-chip-${FACILITY_TONE[status]}`} data-testid="finance-status" data-status={status}>
      {t(`finance.status.${status}`)}
    </span>
  );
}

/** An installment's status, with its days past due when it has any ("Unpaid · 34 d"). */
export function InstallmentStatusChip({ status, daysPastDue }: { status: InstallmentStatus; daysPastDue: number }) {
  const { t } = useTranslation();
  return (
    <span className={`fin-chip fin-chip-${INSTALLMENT_TONE[status]}`}>
      {t(`finance.installment.${status}`)}
      {daysPastDue > 0 ? <span className="fin-dpd">· {t('finance.daysPastDueShort', { days: daysPastDue })}</span> : null}
    </span>
  );
}
