import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityDetail } from '../../../../electron/contract/schemas/facilities';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { parseCostInput } from '../inventory/money-display';
import type { FinanceFormats } from './finance-formats';
import { FinanceDialog } from './FinanceDialog';
import { FormField } from './FormField';

/** A revenue-share period's gross revenue, which sets what that period owes the lender. */
export function RecordRevenueDialog({ detail, formats, onClose }: { detail: FacilityDetail; formats: FinanceFormats; onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const id = useId();
  const periods = detail.schedule.structure === 'revenue-share' ? detail.schedule.periods.filter((period) => period.kind === 'period') : [];
  // The first period still waiting for its revenue, else the first one.
  const first = periods.find((period) => period.revenue === null && period.dueDate <= detail.asOf) ?? periods.find((period) => period.revenue === null) ?? periods[0];
  const [period, setPeriod] = useState(String(first?.n ?? 1));
  const [revenue, setRevenue] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const parsed = parseCostInput(revenue, formats.language);
  const error = !parsed.ok ? parsed.error : parsed.value === null ? 'required' : null;
  const shownError = submitted && error ? t(`finance.error.${error}`) : undefined;

  const save = async () => {
    setSubmitted(true);
    if (busy || !parsed.ok || parsed.value === null) return;
    setBusy(true);
    setFailure(null);
    try {
      await client.invoke('ledger.revenue.record', { facilityId: detail.facility.id, period: Number(period), revenue: parsed.value });
      onClose();
    } catch (caught) {
      setFailure(describeError(caught).message);
      setBusy(false);
    }
  };

  return (
    <FinanceDialog title={t('finance.revenue.title', { name: detail.facility.name })} testId="finance-revenue-dialog" onClose={onClose} onSubmit={() => void save()}>
      <div className="edit-grid">
        <FormField id={`${id}-period`} label={t('finance.revenue.period')}>
          <select id={`${id}-period`} className="select" value={period} onChange={(event) => setPeriod(event.target.value)} data-testid="finance-revenue-period">
            {periods.map((option) => (
              <option key={option.n} value={option.n}>
                {t('finance.revenue.periodOption', { n: option.n, from: formats.date(option.periodStart), to: formats.date(option.dueDate) })}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${id}-revenue`} label={t('finance.revenue.amount')} error={shownError} hint={parsed.ok && parsed.value !== null ? t('finance.form.amountReads', { amount: formats.money(parsed.value) }) : t('finance.revenue.amountHint')}>
          <input id={`${id}-revenue`} className="input numeric-input" inputMode="decimal" value={revenue} onChange={(event) => setRevenue(event.target.value)} aria-invalid={shownError ? true : undefined} aria-describedby={`${id}-revenue-message`} data-testid="finance-revenue-amount" autoComplete="off" />
        </FormField>
      </div>
      {failure ? (
        <p className="field-error" role="alert" data-testid="finance-revenue-error">
          {t('finance.payment.failed', { message: failure })}
        </p>
      ) : null}
      <div className="dialog-actions fin-dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('finance.form.cancel')}
        </button>
        <button type="submit" className="button button-primary" aria-busy={busy} aria-disabled={busy} data-testid="finance-revenue-save">
          {t('finance.revenue.save')}
        </button>
      </div>
    </FinanceDialog>
  );
}
