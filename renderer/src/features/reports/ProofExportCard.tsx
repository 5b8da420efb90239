import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../client/client-context';
import { Card } from '../../ui/Card';
import { exportProof, useReportsStore } from './store';

/**
 * One asset's line for a lender: its leaf in one report, the Merkle proof to the signed root
 * and the signed report — without the rest of the fleet. Assets are offered from the register.
 */
export function ProofExportCard() {
  const { t } = useTranslation();
  const client = useClient();
  const ids = { asset: useId(), seq: useId(), list: useId(), message: useId() };
  const [assetId, setAssetId] = useState('');
  const [seq, setSeq] = useState('');
  const [assets, setAssets] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const proving = useReportsStore((state) => state.proving);

  useEffect(() => {
    let live = true;
    client.invoke('inventory.assets.list', {}).then(
      ({ assets: list }) => live && setAssets(list.map((asset) => asset.id)),
      () => undefined, // the field still takes a typed id
    );
    client.invoke('node.status').then(
      (status) => live && status.lastReport && setSeq((current) => current || String(status.lastReport!.seq)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);

  const problem = !/^(host|gpu|robot):.+$/.test(assetId.trim()) ? 'asset' : !/^[1-9][0-9]*$/.test(seq.trim()) ? 'seq' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem === null) void exportProof(client, assetId.trim(), Number(seq.trim()));
  };

  return (
    <Card title={t('reports.proof.title')} testId="reports-proof">
      <p className="reports-help">{t('reports.proof.help')}</p>
      <form className="reports-form" onSubmit={submit} noValidate>
        <div className="reports-field reports-field-wide">
          <label htmlFor={ids.asset}>{t('reports.proof.asset')}</label>
          <input id={ids.asset} className="input mono" list={ids.list} value={assetId} spellCheck={false} autoComplete="off" placeholder="gpu:GPU-…" aria-invalid={touched && problem === 'asset'} aria-describedby={ids.message} data-testid="reports-proof-asset" onChange={(event) => setAssetId(event.target.value)} />
          <datalist id={ids.list}>
            {assets.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </div>
        <div className="reports-field reports-field-narrow">
          <label htmlFor={ids.seq}>{t('reports.proof.seq')}</label>
          <input id={ids.seq} className="input" inputMode="numeric" value={seq} aria-invalid={touched && problem === 'seq'} aria-describedby={ids.message} data-testid="reports-proof-seq" onChange={(event) => setSeq(event.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={proving.busy} data-testid="reports-proof-button">
          {proving.busy ? <span className="spinner" aria-hidden="true" /> : null}
          {t('reports.proof.button')}
        </button>
      </form>
      <p id={ids.message} className={touched && problem ? 'field-error' : 'field-hint'} role={touched && problem ? 'alert' : undefined}>
        {touched && problem ? t(`reports.proof.problem.${problem}`) : t('reports.proof.hint')}
      </p>
      {proving.error ? (
        <p className="reports-outcome reports-outcome-bad" role="alert" data-testid="reports-proof-error">
          {proving.error.message}
        </p>
      ) : null}
      {proving.filename && !proving.error ? (
        <p className="reports-outcome reports-outcome-ok" data-testid="reports-proof-done">
          {t('reports.proof.done', { file: proving.filename })}
        </p>
      ) : null}
    </Card>
  );
}
