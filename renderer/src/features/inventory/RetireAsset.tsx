import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { retireAsset } from './asset-actions';

/**
 * "Retire…": a modal that asks for the reason (it goes into the journal, where an auditor
 * will read it) and a second, explicit confirmation. Retiring cannot be undone from here.
 */
export function RetireAsset({ asset }: { asset: AssetSummary }) {
  const { t } = useTranslation();
  const client = useClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  if (asset.status === 'retired') return <p className="muted">{t('inventory.retire.already')}</p>;

  const close = () => {
    if (busy) return;
    setOpen(false);
    setReason('');
    setMissingReason(false);
    setFailure(null);
  };

  const confirm = async () => {
    if (busy) return;
    if (reason.trim() === '') {
      setMissingReason(true);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await retireAsset(client, asset.id, reason.trim());
      setBusy(false);
      setOpen(false);
      setReason('');
    } catch (error) {
      setBusy(false);
      setFailure(describeError(error).message);
    }
  };

  return (
    <>
      <button type="button" className="button button-danger" onClick={() => setOpen(true)} data-testid="inventory-retire">
        {t('inventory.retire.button')}
      </button>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={titleId}
        data-testid="inventory-retire-dialog"
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
          noValidate
        >
          <h2 id={titleId} className="dialog-title">
            {t('inventory.retire.title', { label: asset.label || asset.id })}
          </h2>
          {/* Many GPUs share a model name: the id says which one. */}
          <p className="dialog-text mono retire-id">{asset.id}</p>
          <p className="dialog-text">{t('inventory.retire.explain')}</p>
          <label htmlFor={reasonId} className="control-label">
            {t('inventory.retire.reason')}
          </label>
          <textarea
            id={reasonId}
            className="input textarea"
            rows={3}
            maxLength={500}
            required
            value={reason}
            placeholder={t('inventory.retire.reasonPlaceholder')}
            aria-invalid={missingReason ? true : undefined}
            aria-describedby={`${reasonId}-message`}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim() !== '') setMissingReason(false);
            }}
            data-testid="inventory-retire-reason"
          />
          <span id={`${reasonId}-message`} className={missingReason ? 'field-error' : 'field-hint'} role={missingReason ? 'alert' : undefined}>
            {missingReason ? t('inventory.retire.reasonRequired') : ''}
          </span>
          {failure ? (
            <p className="field-error" role="alert">
              {t('inventory.retire.failed', { message: failure })}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              {t('inventory.retire.cancel')}
            </button>
            <button type="submit" className="button button-danger-solid" aria-busy={busy} aria-disabled={busy} data-testid="inventory-retire-confirm">
              {busy ? <span className="spinner" aria-hidden="true" /> : null}
              {busy ? t('inventory.retire.retiring') : t('inventory.retire.confirm')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
