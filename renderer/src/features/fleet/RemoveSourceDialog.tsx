import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetSourceStatus } from '../../../../electron/contract/schemas/fleet';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { FleetDialog } from './FleetDialog';

/**
 * Confirms a removal, saying what it does to the register: nothing is deleted, the source's
 * hosts and GPUs are no longer reported, so they are missed and then missing.
 */
export function RemoveSourceDialog({ source, onRemoved, onClose }: { source: FleetSourceStatus; onRemoved(id: string): void; onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await client.invoke('fleet.source.remove', { id: source.id });
      onRemoved(source.id);
    } catch (error) {
      setBusy(false);
      setFailure(describeError(error).message);
    }
  };

  return (
    <FleetDialog title={t('fleet.remove.title', { name: source.name })} testId="fleet-remove-dialog" onClose={() => !busy && onClose()} onSubmit={() => void confirm()}>
      <p className="dialog-text mono">{source.endpoint}</p>
      <p className="dialog-text">{t('fleet.remove.explain', { hosts: source.hosts, gpus: source.gpus })}</p>
      {failure ? (
        <p className="field-error" role="alert">
          {t('fleet.remove.failed', { message: failure })}
        </p>
      ) : null}
      <div className="dialog-actions fleet-dialog-actions">
        <button type="button" className="button" onClick={onClose} data-testid="fleet-remove-cancel">
          {t('fleet.remove.cancel')}
        </button>
        <button type="submit" className="button button-danger-solid" aria-busy={busy} aria-disabled={busy} data-testid="fleet-remove-confirm">
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {t('fleet.remove.confirm')}
        </button>
      </div>
    </FleetDialog>
  );
}
