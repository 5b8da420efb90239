import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityDetail } from '../../../../electron/contract/schemas/facilities';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { unitsForInput } from '../inventory/money-display';
import { todayUtc } from './calendar';
import type { FinanceFormats } from './finance-formats';
import { FinanceDialog } from './FinanceDialog';
import { FormField } from './FormField';
import { readPayment } from './payment-input';

/**
 * Money received from the borrower. The amount starts at the next payment due (the usual case);
 * the server allocates it and refuses what cannot be (dated before the last payment, more than
 * everything owed) — its message is shown here, the dialog stays open.
 */
export function RecordPaymentDialog({ detail, formats, onClose }: { detail: FacilityDetail; formats: FinanceFormats; onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const id = useId();
  const today = todayUtc();
  const next = detail.facility.nextPayment;
  const suggested = detail.arrears.total > 0n ? detail.arrears.total : (next?.amount ?? null);
  const [amount, setAmount] = useState(unitsForInput(suggested));
  const [date, setDate] = useState(today);
  const [kind, setKind] = useState<'regular' | 'prepayment'>('regular');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const read = readPayment(amount, date, today, formats.language);
  const errors = submitted ? read.errors : {};
  const amountHint = read.amount !== null ? t('finance.form.amountReads', { amount: formats.money(read.amount) }) : t('finance.payment.amountHint');

  const save = async () => {
    setSubmitted(true);
    if (busy || read.amount === null) return;
    setBusy(true);
    setFailure(null);
    try {
      await client.invoke('ledger.payment.record', { facilityId: detail.facility.id, date, amount: read.amount, kind, reference: reference.trim() || null, note: note.trim() || null });
      onClose();
    } catch (error) {
      setFailure(describeError(error).message);
      setBusy(false);
    }
  };

  return (
    <FinanceDialog title={t('finance.payment.title', { name: detail.facility.name })} testId="finance-payment-dialog" onClose={onClose} onSubmit={() => void save()}>
      <div className="edit-grid">
        <FormField id={`${id}-amount`} label={t('finance.payment.amount')} error={errors.amount && t(`finance.error.${errors.amount}`)} hint={amountHint}>
          <input id={`${id}-amount`} className="input numeric-input" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} aria-invalid={errors.amount ? true : undefined} aria-describedby={`${id}-amount-message`} data-testid="finance-payment-amount" autoComplete="off" />
        </FormField>
        <FormField id={`${id}-date`} label={t('finance.payment.date')} error={errors.date && t(`finance.error.${errors.date}`)}>
          <input id={`${id}-date`} className="input" type="date" max={today} value={date} onChange={(event) => setDate(event.target.value)} aria-invalid={errors.date ? true : undefined} aria-describedby={`${id}-date-message`} data-testid="finance-payment-date" />
        </FormField>
        <FormField id={`${id}-kind`} label={t('finance.payment.kind')} hint={t(`finance.payment.kindHint.${kind}`)}>
          <select id={`${id}-kind`} className="select" value={kind} onChange={(event) => setKind(event.target.value as 'regular' | 'prepayment')} aria-describedby={`${id}-kind-message`} data-testid="finance-payment-kind">
            <option value="regular">{t('finance.paymentKind.regular')}</option>
            <option value="prepayment">{t('finance.paymentKind.prepayment')}</option>
          </select>
        </FormField>
        <FormField id={`${id}-reference`} label={t('finance.payment.reference')}>
          <input id={`${id}-reference`} className="input" maxLength={200} value={reference} onChange={(event) => setReference(event.target.value)} data-testid="finance-payment-reference" autoComplete="off" />
        </FormField>
        <FormField id={`${id}-note`} label={t('finance.payment.note')} wide>
          <textarea id={`${id}-note`} className="input textarea" rows={2} maxLength={4000} value={note} onChange={(event) => setNote(event.target.value)} data-testid="finance-payment-note" />
        </FormField>
      </div>
      {failure ? (
        <p className="field-error" role="alert" data-testid="finance-payment-error">
          {t('finance.payment.failed', { message: failure })}
        </p>
      ) : null}
      <div className="dialog-actions fin-dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('finance.form.cancel')}
        </button>
        <button type="submit" className="button button-primary" aria-busy={busy} aria-disabled={busy} data-testid="finance-payment-save">
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {t('finance.payment.save')}
        </button>
      </div>
    </FinanceDialog>
  );
}
