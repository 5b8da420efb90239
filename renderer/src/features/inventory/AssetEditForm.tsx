import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetDetail } from '../../../../electron/contract/schemas/assets';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { saveAssetEdit } from './asset-actions';
import type { CellFormats } from './cell-formats';
import { buildEdit, valuesFromDetail, type EditError, type EditFieldName, type EditValues } from './edit-form';
import { parseCostInput } from './money-display';

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'nothing' } | { kind: 'failed'; message: string };

const FIELD_ORDER: EditFieldName[] = ['site', 'rack', 'cost', 'date', 'notes'];

/**
 * The cost book fields of one asset (site, rack, acquisition cost and date, notes). Mount it
 * with key={asset id}: another asset starts a fresh form. While untouched it follows reloads
 * of the detail; once edited, it keeps what the operator typed until Save or Cancel.
 */
export function AssetEditForm({ detail, formats }: { detail: AssetDetail; formats: CellFormats }) {
  const { t } = useTranslation();
  const client = useClient();
  const idPrefix = useId();
  const loaded = useMemo(() => valuesFromDetail(detail), [detail]);
  const [values, setValues] = useState<EditValues>(loaded);
  const [base, setBase] = useState<EditValues>(loaded);
  const [showErrors, setShowErrors] = useState<Partial<Record<EditFieldName, boolean>>>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);

  const dirty = FIELD_ORDER.some((field) => values[field] !== base[field]);
  // The detail reloaded (an event, our own save): take the new values unless the operator is mid-edit.
  if (base !== loaded && !dirty) {
    setBase(loaded);
    setValues(loaded);
  }

  const { errors } = buildEdit(detail.asset.id, values, detail, formats.language);
  const costPreview = useMemo(() => {
    const parsed = parseCostInput(values.cost, formats.language);
    return parsed.ok && parsed.value !== null ? formats.money(parsed.value) : null;
  }, [values.cost, formats]);

  const set = (field: EditFieldName) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  };
  const touch = (field: EditFieldName) => () => setShowErrors((current) => ({ ...current, [field]: true }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (status.kind === 'saving') return;
    const result = buildEdit(detail.asset.id, values, detail, formats.language);
    const firstInvalid = FIELD_ORDER.find((field) => result.errors[field]);
    if (firstInvalid) {
      setShowErrors(Object.fromEntries(FIELD_ORDER.map((field) => [field, true])));
      formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    if (!result.edit) {
      setStatus({ kind: 'nothing' });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      await saveAssetEdit(client, result.edit);
      setStatus({ kind: 'saved' });
      // What was saved is the new baseline; the reloaded detail replaces it as soon as it lands.
      setBase(values);
    } catch (error) {
      setStatus({ kind: 'failed', message: describeError(error).message });
    }
  };

  const cancel = () => {
    setValues(loaded);
    setBase(loaded);
    setShowErrors({});
    setStatus({ kind: 'idle' });
  };

  const errorText = (error: EditError): string => (error.kind === 'tooLong' ? t('inventory.edit.error.tooLong', { max: formats.integer(error.max) }) : t(`inventory.edit.error.${error.kind}`));
  const field = (name: EditFieldName) => {
    const error = showErrors[name] ? errors[name] : undefined;
    const inputId = `${idPrefix}-${name}`;
    const messageId = `${inputId}-message`;
    return { inputId, messageId, error, aria: { id: inputId, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': messageId, onBlur: touch(name) } };
  };
  const site = field('site');
  const rack = field('rack');
  const cost = field('cost');
  const date = field('date');
  const notes = field('notes');

  return (
    <form ref={formRef} className="edit-form" onSubmit={(event) => void submit(event)} noValidate data-testid="inventory-edit-form">
      <div className="edit-grid">
        <div className="edit-field">
          <label htmlFor={site.inputId}>{t('inventory.field.site')}</label>
          <input {...site.aria} className="input" value={values.site} onChange={set('site')} maxLength={400} data-testid="inventory-edit-site" autoComplete="off" />
          <FieldMessage id={site.messageId} error={site.error && errorText(site.error)} />
        </div>
        <div className="edit-field">
          <label htmlFor={rack.inputId}>{t('inventory.field.rack')}</label>
          <input {...rack.aria} className="input" value={values.rack} onChange={set('rack')} maxLength={400} data-testid="inventory-edit-rack" autoComplete="off" />
          <FieldMessage id={rack.messageId} error={rack.error && errorText(rack.error)} />
        </div>
        <div className="edit-field">
          <label htmlFor={cost.inputId}>{t('inventory.field.acquisitionCost')}</label>
          <input {...cost.aria} className="input numeric-input" value={values.cost} onChange={set('cost')} inputMode="decimal" placeholder="28500.00" data-testid="inventory-edit-cost" autoComplete="off" />
          <FieldMessage id={cost.messageId} error={cost.error && errorText(cost.error)} hint={costPreview ? t('inventory.edit.costPreview', { amount: costPreview }) : t('inventory.edit.costHint')} />
        </div>
        <div className="edit-field">
          <label htmlFor={date.inputId}>{t('inventory.field.acquisitionDate')}</label>
          <input {...date.aria} className="input" type="date" value={values.date} onChange={set('date')} data-testid="inventory-edit-date" />
          <FieldMessage id={date.messageId} error={date.error && errorText(date.error)} />
        </div>
        <div className="edit-field edit-field-wide">
          <label htmlFor={notes.inputId}>{t('inventory.field.notes')}</label>
          <textarea {...notes.aria} className="input textarea" rows={3} value={values.notes} onChange={set('notes')} data-testid="inventory-edit-notes" />
          <FieldMessage id={notes.messageId} error={notes.error && errorText(notes.error)} hint={t('inventory.edit.notesHint')} />
        </div>
      </div>
      <div className="edit-actions">
        <span className={`edit-status edit-status-${status.kind}`} role="status" data-testid="inventory-edit-status" data-status={status.kind}>
          {status.kind === 'saved' ? t('inventory.edit.saved') : status.kind === 'nothing' ? t('inventory.edit.nothing') : status.kind === 'failed' ? t('inventory.edit.failed', { message: status.message }) : null}
        </span>
        <button type="button" className="button" onClick={cancel} aria-disabled={!dirty} data-testid="inventory-edit-cancel">
          {t('inventory.edit.cancel')}
        </button>
        <button type="submit" className="button button-primary" aria-busy={status.kind === 'saving'} aria-disabled={status.kind === 'saving'} data-testid="inventory-edit-save">
          {status.kind === 'saving' ? <span className="spinner" aria-hidden="true" /> : null}
          {status.kind === 'saving' ? t('inventory.edit.saving') : t('inventory.edit.save')}
        </button>
      </div>
    </form>
  );
}

/** The line under a field: its error when there is one (announced), else its hint. */
function FieldMessage({ id, error, hint }: { id: string; error?: string | undefined; hint?: string }) {
  if (error)
    return (
      <span id={id} className="field-error" role="alert">
        {error}
      </span>
    );
  return (
    <span id={id} className="field-hint">
      {hint ?? ''}
    </span>
  );
}
