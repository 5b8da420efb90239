import { useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityDetail } from '../../../../electron/contract/schemas/facilities';
import { isApiErrorBody } from '../../../../electron/contract/errors';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { parseCostInput } from '../inventory/money-display';
import { ALLOCATION_ORDERS, buildFacility, defaultFormValues, errorsFromIssues, termsKey, valuesFromDetail, type FacilityField, type FacilityFormValues, type FieldErrors } from './facility-form';
import type { FinanceFormats } from './finance-formats';
import { FormField } from './FormField';
import { TermsPreviewPanel } from './TermsPreviewPanel';
import { useFieldErrorText } from './use-field-error-text';
import { useTermsPreview } from './use-terms-preview';

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'conflict'; message: string } | { kind: 'failed'; message: string; other: string[] };

interface FacilityFormProps {
  /** The facility being edited; absent for a new one. */
  editing?: FacilityDetail;
  formats: FinanceFormats;
  onSaved(detail: FacilityDetail): void;
  onCancel(): void;
  /** After a conflict: load the facility again (the form then restarts from it). */
  onReload(): void;
}

/**
 * Create or edit a facility. Every field is checked as it is typed (shown once the field was
 * left, or on Save); the server's calculator previews the schedule beside the form; the server's
 * own field issues land on the fields they name.
 */
export function FacilityForm({ editing, formats, onSaved, onCancel, onReload }: FacilityFormProps) {
  const { t } = useTranslation();
  const client = useClient();
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = useMemo(() => (editing ? valuesFromDetail(editing) : defaultFormValues()), [editing]);
  const [values, setValues] = useState<FacilityFormValues>(initial);
  const [touched, setTouched] = useState<Partial<Record<FacilityField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const errorText = useFieldErrorText(formats);
  // The version this edit started from: a save names it, so a change made elsewhere meanwhile is
  // refused (conflict) instead of overwritten. Only "Reload" moves the form to a newer version.
  const [baseVersion, setBaseVersion] = useState(editing?.facility.version ?? 0);
  const [reloading, setReloading] = useState(false);
  if (editing && reloading && editing.facility.version !== baseVersion) {
    setReloading(false);
    setBaseVersion(editing.facility.version);
    setValues(valuesFromDetail(editing));
    setServerErrors({});
    setStatus({ kind: 'idle' });
  }

  const built = useMemo(() => buildFacility(values, formats.language), [values, formats.language]);
  const preview = useTermsPreview(built.terms);
  const previewErrors = preview.kind === 'failed' ? errorsFromIssues(preview.issues, values).fields : {};
  // Terms can change only until the first payment (the server refuses after).
  const termsLocked = editing !== undefined && editing.facility.paymentCount > 0;

  const shownError = (field: FacilityField) => serverErrors[field] ?? previewErrors[field] ?? (touched[field] || submitted ? built.errors[field] : undefined);

  const set = (field: FacilityField) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => ({ ...current, [field]: undefined }));
    if (status.kind === 'failed') setStatus({ kind: 'idle' });
  };
  const props = (field: FacilityField, testId?: string) => {
    const error = shownError(field);
    return {
      id: `${idPrefix}-${field}`,
      name: field,
      value: values[field],
      onChange: set(field),
      onBlur: () => setTouched((current) => ({ ...current, [field]: true })),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': `${idPrefix}-${field}-message`,
      'data-testid': testId ?? `finance-form-${field}`,
      disabled: termsLocked && TERMS_FIELDS.has(field),
    };
  };
  const field = (name: FacilityField, label: string, control: ReactNode, hint?: string, wide?: boolean) => (
    <FormField id={`${idPrefix}-${name}`} label={label} error={errorText(shownError(name))} hint={hint} wide={wide}>
      {control}
    </FormField>
  );
  const text = (name: FacilityField, label: string, options: { hint?: string; placeholder?: string; numeric?: boolean; type?: string; testId?: string } = {}) =>
    field(name, label, <input {...props(name, options.testId)} className={options.numeric ? 'input numeric-input' : 'input'} type={options.type ?? 'text'} inputMode={options.numeric ? 'decimal' : undefined} placeholder={options.placeholder} autoComplete="off" />, options.hint);
  const select = (name: FacilityField, label: string, choices: readonly { value: string; label: string }[], hint?: string) =>
    field(
      name,
      label,
      <select {...props(name)} className="select">
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>,
      hint,
    );
  // Reads the amount back in the operator's format, so 1000000 vs 100000 is caught before saving.
  const amountHint = (name: FacilityField, fallback: string) => {
    const parsed = parseCostInput(values[name], formats.language);
    return parsed.ok && parsed.value !== null ? t('finance.form.amountReads', { amount: formats.money(parsed.value) }) : fallback;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (status.kind === 'saving') return;
    setSubmitted(true);
    const firstInvalid = Object.keys(built.errors)[0];
    if (!built.terms || firstInvalid) {
      formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid ?? 'name'}"]`)?.focus();
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const detail = editing
        ? await client.invoke('ledger.facility.update', {
            id: editing.facility.id,
            version: baseVersion,
            name: built.name,
            lender: built.lender,
            notes: built.notes,
            ...(termsLocked || termsKey(built.terms) === termsKey(editing.terms) ? {} : { terms: built.terms }),
          })
        : await client.invoke('ledger.facility.create', { name: built.name, lender: built.lender, notes: built.notes, terms: built.terms });
      setStatus({ kind: 'idle' });
      onSaved(detail);
    } catch (error) {
      const described = describeError(error);
      if (described.code === 'conflict' && editing) {
        setStatus({ kind: 'conflict', message: described.message });
        return;
      }
      const mapped = isApiErrorBody(error) && error.issues ? errorsFromIssues(error.issues, values) : { fields: {}, other: [] };
      setServerErrors(mapped.fields);
      setStatus({ kind: 'failed', message: described.message, other: mapped.other });
    }
  };

  const fixed = values.structure === 'fixed-rate';
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}` as never) });

  return (
    <div className="fin-form-layout">
      <form ref={formRef} className="fin-form card" onSubmit={(event) => void submit(event)} noValidate data-testid="finance-form" aria-labelledby={`${idPrefix}-title`}>
        <h2 id={`${idPrefix}-title`} className="card-title fin-form-title">
          {editing ? t('finance.form.editTitle', { name: editing.facility.name }) : t('finance.form.newTitle')}
        </h2>
        <fieldset className="fin-fieldset">
          <legend>{t('finance.form.identity')}</legend>
          <div className="edit-grid">
            {text('name', t('finance.field.name'), { placeholder: t('finance.form.namePlaceholder') })}
            {text('lender', t('finance.field.lender'), { placeholder: t('finance.form.lenderPlaceholder') })}
            {field('notes', t('finance.field.notes'), <textarea {...props('notes')} className="input textarea" rows={2} />, undefined, true)}
          </div>
        </fieldset>
        <fieldset className="fin-fieldset" disabled={termsLocked}>
          <legend>{t('finance.form.terms')}</legend>
          {termsLocked ? <p className="field-hint fin-locked">{t('finance.form.termsLocked')}</p> : null}
          <div className="edit-grid">
            {select('structure', t('finance.field.structure'), ['fixed-rate', 'revenue-share'].map(option('finance.structure')), t(fixed ? 'finance.form.fixedRateHint' : 'finance.form.revenueShareHint'))}
            {text('principal', t('finance.field.principal'), { numeric: true, placeholder: '1000000.00', hint: amountHint('principal', t('finance.form.amountHint')) })}
            {text('startDate', t('finance.field.startDate'), { type: 'date', hint: t('finance.form.startDateHint') })}
            {fixed ? (
              <>
                {text('rate', t('finance.field.rate'), { numeric: true, placeholder: '12.5', hint: t('finance.form.rateHint') })}
                {text('periods', t('finance.field.periods'), { numeric: true })}
                {select('frequency', t('finance.field.frequency'), ['monthly', 'quarterly'].map(option('finance.frequency')))}
                {select('amortization', t('finance.field.amortization'), ['annuity', 'equal-principal', 'interest-only', 'bullet'].map(option('finance.amortization')))}
                {select('dayCount', t('finance.field.dayCount'), ['30/360', 'ACT/360', 'ACT/365F', 'ACT/ACT'].map((value) => ({ value, label: value })))}
                {text('balloon', t('finance.field.balloon'), { numeric: true, placeholder: '0.00', hint: amountHint('balloon', t('finance.form.balloonHint')) })}
                {text('firstDueDate', t('finance.field.firstDueDate'), { type: 'date', hint: t('finance.form.firstDueHint') })}
              </>
            ) : (
              <>
                {text('sharePct', t('finance.field.sharePct'), { numeric: true, placeholder: '60', hint: t('finance.form.shareHint') })}
                {text('targetMultiple', t('finance.field.targetMultiple'), { numeric: true, placeholder: '1.25' })}
                {text('tailSharePct', t('finance.field.tailSharePct'), { numeric: true, hint: t('finance.form.tailHint') })}
                {text('minimumPayment', t('finance.field.minimumPayment'), { numeric: true, placeholder: '0.00', hint: amountHint('minimumPayment', t('finance.form.minimumHint')) })}
                {text('termMonths', t('finance.field.termMonths'), { numeric: true })}
                {select('atTermCap', t('finance.field.atTermCap'), ['due', 'forgiven'].map(option('finance.atTermCap')))}
              </>
            )}
          </div>
        </fieldset>
        <details className="fin-fieldset fin-servicing">
          <summary>{t('finance.form.servicing')}</summary>
          <div className="edit-grid">
            {text('graceDays', t('finance.field.graceDays'), { numeric: true })}
            {text('defaultAfterDays', t('finance.field.defaultAfterDays'), { numeric: true })}
            {fixed ? (
              <>
                {text('lateFeePct', t('finance.field.lateFeePct'), { numeric: true })}
                {text('penaltyAprPct', t('finance.field.penaltyAprPct'), { numeric: true })}
                {text('prepaymentFeePct', t('finance.field.prepaymentFeePct'), { numeric: true })}
                {select('prepaymentMode', t('finance.field.prepaymentMode'), ['reduce-payment', 'shorten-term'].map(option('finance.prepaymentMode')))}
                {select(
                  'allocationOrder',
                  t('finance.field.allocationOrder'),
                  ALLOCATION_ORDERS.map((order) => ({ value: order, label: order.split(',').map((bucket) => t(`finance.bucket.${bucket}` as never)).join(' → ') })),
                )}
              </>
            ) : null}
          </div>
        </details>
        {status.kind === 'conflict' ? (
          <div className="alert fin-conflict" role="alert" data-testid="finance-form-conflict">
            <span className="alert-text">{t('finance.form.conflict')}</span>
            <button
              type="button"
              className="button"
              onClick={() => {
                setReloading(true);
                onReload();
              }}
              data-testid="finance-form-reload"
            >
              {t('finance.form.reload')}
            </button>
          </div>
        ) : null}
        {status.kind === 'failed' ? (
          <p className="field-error" role="alert" data-testid="finance-form-error">
            {t('finance.form.failed', { message: status.message })}
            {status.other.map((line) => (
              <span key={line} className="fin-issue">
                {line}
              </span>
            ))}
          </p>
        ) : null}
        <div className="edit-actions">
          <button type="button" className="button" onClick={onCancel} data-testid="finance-form-cancel">
            {t('finance.form.cancel')}
          </button>
          <button type="submit" className="button button-primary" aria-busy={status.kind === 'saving'} aria-disabled={status.kind === 'saving'} data-testid="finance-form-save">
            {status.kind === 'saving' ? <span className="spinner" aria-hidden="true" /> : null}
            {editing ? t('finance.form.saveChanges') : t('finance.form.create')}
          </button>
        </div>
      </form>
      <TermsPreviewPanel preview={preview} formats={formats} />
    </div>
  );
}

/** The fields that are terms: locked once a payment is recorded. */
const TERMS_FIELDS: ReadonlySet<FacilityField> = new Set<FacilityField>([
  'structure',
  'principal',
  'startDate',
  'graceDays',
  'defaultAfterDays',
  'rate',
  'periods',
  'frequency',
  'amortization',
  'dayCount',
  'balloon',
  'firstDueDate',
  'lateFeePct',
  'penaltyAprPct',
  'prepaymentFeePct',
  'prepaymentMode',
  'allocationOrder',
  'sharePct',
  'targetMultiple',
  'tailSharePct',
  'minimumPayment',
  'termMonths',
  'atTermCap',
]);
