import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../client/client-context';
import { useLanguage } from '../../ui/use-language';
import { cellFormats } from './cell-formats';
import { useCostBookImport } from './use-cost-book-import';

/** "Import cost book…": a file picker, then a modal with the dry run's verdict and Apply. */
export function ImportCostBook() {
  const { t } = useTranslation();
  const formats = cellFormats(useLanguage());
  const client = useClient();
  const { state, check, apply, close } = useCostBookImport(client);
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const open = state.step !== 'idle';
  const busy = state.step === 'checking' || state.step === 'applying';

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button type="button" className="button" data-testid="inventory-import" aria-busy={busy} onClick={() => inputRef.current?.click()}>
        {t('inventory.toolbar.import')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".csv,text/csv"
        className="visually-hidden-input"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="inventory-import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared at once, so picking the same (fixed) file again still fires a change.
          event.target.value = '';
          if (file) void check(file);
        }}
      />
      <dialog
        ref={dialogRef}
        className="dialog dialog-wide"
        aria-labelledby={titleId}
        data-testid="inventory-import-dialog"
        data-step={state.step}
        onCancel={(event) => {
          // Escape while the import is being written would hide its outcome: wait for it.
          if (state.step === 'applying') event.preventDefault();
          else close();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {t('inventory.import.title')}
        </h2>
        {state.step !== 'idle' ? <p className="muted">{t('inventory.import.file', { name: state.file })}</p> : null}
        <div className="import-body" aria-live="polite">
          {state.step === 'checking' ? (
            <p className="busy-line">
              <span className="spinner" aria-hidden="true" /> {t('inventory.import.checking')}
            </p>
          ) : null}
          {state.step === 'review' || state.step === 'applying' ? (
            state.result.errors.length > 0 ? (
              <>
                <p className="import-verdict import-verdict-bad" data-testid="inventory-import-verdict">
                  {t('inventory.import.errors', { count: formats.integer(state.result.errors.length) })}
                </p>
                <div className="import-errors-scroll">
                  <table className="data-table import-errors" data-testid="inventory-import-errors">
                    <thead>
                      <tr>
                        <th className="numeric">{t('inventory.import.row')}</th>
                        <th>{t('inventory.import.column')}</th>
                        <th>{t('inventory.import.message')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {state.result.errors.map((error, index) => (
                        <tr key={`${error.row}-${error.column}-${index}`} data-testid="inventory-import-error" data-row={error.row}>
                          <td className="numeric">{formats.integer(error.row)}</td>
                          <td className="mono">{error.column ?? t('inventory.import.wholeFile')}</td>
                          <td className="wrap">{error.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : (
              <p className="import-verdict import-verdict-good" data-testid="inventory-import-verdict">
                {t('inventory.import.ready', { rows: formats.integer(state.result.rows) })}
              </p>
            )
          ) : null}
          {state.step === 'done' ? (
            <p className="import-verdict import-verdict-good" data-testid="inventory-import-result" data-updated={state.result.updated}>
              {t('inventory.import.applied', { updated: formats.integer(state.result.updated), rows: formats.integer(state.result.rows) })}
            </p>
          ) : null}
          {state.step === 'failed' ? (
            <p className="import-verdict import-verdict-bad" role="alert" data-testid="inventory-import-failed">
              {t('inventory.import.failed', { message: state.message })}
            </p>
          ) : null}
        </div>
        <p className="muted import-note">{t('inventory.import.allOrNothing')}</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => state.step !== 'applying' && close()} aria-disabled={state.step === 'applying'} data-testid="inventory-import-close">
            {t('inventory.import.close')}
          </button>
          {state.step === 'review' || state.step === 'applying' ? (
            state.result.errors.length === 0 ? (
              <button type="button" className="button button-primary" onClick={() => void apply()} aria-busy={state.step === 'applying'} aria-disabled={state.step === 'applying'} data-testid="inventory-import-apply">
                {state.step === 'applying' ? <span className="spinner" aria-hidden="true" /> : null}
                {state.step === 'applying' ? t('inventory.import.applying') : t('inventory.import.apply')}
              </button>
            ) : null
          ) : null}
        </div>
      </dialog>
    </>
  );
}
