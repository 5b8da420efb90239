import { useTranslation } from 'react-i18next';
import type { AuditVerificationResult } from '../../../../electron/contract/audit-api';
import { Field, Fields } from '../../ui/Fields';
import { formatMoney } from '../inventory/money-display';
import type { NodeFormats } from '../node/node-formats';

/** Rows of the per-asset table shown at most; the rest are in the CLI's --json output. */
const MAX_ASSET_ROWS = 200;

/**
 * The outcome of a verification, with the same facts as `sietch audit verify`: on success the
 * summary (reports, period, assets, uptime, totals, journal, network, signer), on failure the
 * exact report, leaf, journal row and field, and the reason.
 */
export function VerificationResult({ result, filename, formats }: { result: AuditVerificationResult; filename: string | null; formats: NodeFormats }) {
  const { t } = useTranslation();
  const money = (micro: bigint) => formatMoney(micro, formats.language);
  if (!result.ok && result.failure) {
    const failure = result.failure;
    return (
      <section className="reports-result reports-result-bad" role="alert" data-testid="reports-verify-result" data-ok="false">
        <h3 className="reports-result-title">{t(`reports.result.failed.${result.kind}`, { file: filename ?? '' })}</h3>
        <Fields>
          {failure.report !== null ? <Field label={t('reports.result.report')} testId="reports-failure-report">{failure.report}</Field> : null}
          {failure.leaf !== null ? <Field label={t('reports.result.leaf')} testId="reports-failure-leaf" mono>{failure.leaf}</Field> : null}
          {failure.journalRow !== null ? <Field label={t('reports.result.journalRow')} testId="reports-failure-journal-row">{failure.journalRow}</Field> : null}
          {failure.field !== null ? <Field label={t('reports.result.field')} testId="reports-failure-field" mono>{failure.field}</Field> : null}
          {failure.file !== null ? <Field label={t('reports.result.file')} mono>{failure.file}</Field> : null}
          <Field label={t('reports.result.reason')} testId="reports-failure-message">{failure.message}</Field>
          {result.reportsChecked !== null ? <Field label={t('reports.result.checkedBefore')}>{formats.integer(result.reportsChecked)}</Field> : null}
        </Fields>
      </section>
    );
  }
  if (result.kind === 'proof' && result.proof) {
    const proof = result.proof;
    return (
      <section className="reports-result reports-result-ok" data-testid="reports-verify-result" data-ok="true">
        <h3 className="reports-result-title">{t('reports.result.provedTitle', { asset: proof.assetId, seq: proof.seq })}</h3>
        <Fields>
          <Field label={t('reports.result.signer')} mono>{proof.signer}</Field>
          <Field label={t('reports.result.network')}>{t('reports.result.networkValue', { name: proof.network.name, chainId: proof.network.chainId })}</Field>
          <Field label={t('reports.result.epoch')}>{formats.epochWindowUtc(proof.epoch.from, proof.epoch.to)}</Field>
          <Field label={t('reports.result.uptime')}>{formats.bps(proof.leaf.uptimeBps)}</Field>
          <Field label={t('reports.result.utilization')}>{t('reports.result.utilizationValue', { mean: formats.bps(proof.leaf.meanUtilBps), p95: formats.bps(proof.leaf.p95UtilBps) })}</Field>
          <Field label={t('reports.result.energy')}>{t('reports.result.wh', { value: formats.bigInteger(proof.leaf.energyWh) })}</Field>
          <Field label={t('reports.result.identity')}>{proof.leaf.identityOk ? t('reports.result.identityOk') : t('reports.result.identityMismatch')}</Field>
          {proof.hardware.attested ? <Field label={t('reports.result.hardware')} testId="reports-result-hardware">{proof.hardware.evidence === 'not-included' ? t('reports.result.hardwareNotIncluded') : proof.hardware.root ? t('reports.result.hardwareTrusted', { n: 1, root: proof.hardware.root }) : t('reports.result.hardwareOwnRoot', { n: 1 })}</Field> : null}
          <Field label={t('reports.result.revenue')}>{money(proof.leaf.revenue)}</Field>
          <Field label={t('reports.result.root')} mono>{proof.merkleRoot}</Field>
          <Field label={t('reports.result.uid')} mono>{proof.uid}</Field>
        </Fields>
      </section>
    );
  }
  const bundle = result.bundle!;
  const kinds = Object.entries(bundle.assets.byKind)
    .map(([kind, count]) => `${formats.integer(count)} ${kind}`)
    .join(', ');
  const assets = bundle.perAsset.length > MAX_ASSET_ROWS ? [...bundle.perAsset].sort((a, b) => a.meanUptimeBps - b.meanUptimeBps).slice(0, MAX_ASSET_ROWS) : bundle.perAsset;
  return (
    <section className="reports-result reports-result-ok" data-testid="reports-verify-result" data-ok="true">
      <h3 className="reports-result-title">{t('reports.result.verifiedTitle', { file: filename ?? '' })}</h3>
      <Fields>
        <Field label={t('reports.result.signer')} mono testId="reports-result-signer">{bundle.signer}</Field>
        <Field label={t('reports.result.network')}>{t('reports.result.networkValue', { name: bundle.network.name, chainId: bundle.network.chainId })}</Field>
        <Field label={t('reports.result.reports')} testId="reports-result-reports">{t('reports.result.reportsValue', { n: formats.integer(bundle.reports.count), first: bundle.reports.firstSeq, last: bundle.reports.lastSeq, published: formats.integer(bundle.reports.published) })}</Field>
        <Field label={t('reports.result.period')}>{formats.epochWindowUtc(bundle.period.from, bundle.period.to)}</Field>
        <Field label={t('reports.result.assets')} testId="reports-result-assets">{t('reports.result.assetsValue', { n: formats.integer(bundle.assets.count), kinds, leaves: formats.integer(bundle.leaves) })}</Field>
        <Field label={t('reports.result.uptime')}>
          {bundle.uptime.lowest ? t('reports.result.uptimeValue', { mean: formats.bps(bundle.uptime.meanBps), lowest: formats.bps(bundle.uptime.lowest.uptimeBps), asset: bundle.uptime.lowest.assetId, seq: bundle.uptime.lowest.seq }) : formats.bps(bundle.uptime.meanBps)}
        </Field>
        {bundle.hardware.attestedLeaves > 0 ? (
          <Field label={t('reports.result.hardware')} testId="reports-result-hardware">
            {bundle.hardware.root ? t('reports.result.hardwareTrusted', { n: bundle.hardware.evidenceItems, root: bundle.hardware.root }) : t('reports.result.hardwareOwnRoot', { n: bundle.hardware.evidenceItems })}
          </Field>
        ) : null}
        <Field label={t('reports.result.health')}>{t('reports.result.healthValue', { flagged: formats.integer(bundle.health.flaggedLeaves), identity: formats.integer(bundle.health.identityFailures) })}</Field>
        <Field label={t('reports.result.totals')}>{t('reports.result.totalsValue', { revenue: money(bundle.totals.revenue), repaid: money(bundle.totals.repaid), energy: formats.bigInteger(bundle.totals.energyWh) })}</Field>
        <Field label={t('reports.result.journal')}>{t('reports.result.journalValue', { rows: formats.integer(bundle.journal.rows), from: bundle.journal.anchor.seq, to: bundle.journal.head.seq })}</Field>
        <Field label={t('reports.result.backend')}>{bundle.signatureBackend}</Field>
      </Fields>
      <div className="table-scroll reports-assets">
        <table className="data-table" data-testid="reports-result-assets-table">
          <caption className="sr-only">{t('reports.result.assetsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.result.asset')}</th>
              <th scope="col">{t('reports.result.kind')}</th>
              <th scope="col" className="numeric">{t('reports.result.reportsColumn')}</th>
              <th scope="col" className="numeric">{t('reports.result.meanUptime')}</th>
              <th scope="col" className="numeric">{t('reports.result.minUptime')}</th>
              <th scope="col" className="numeric">{t('reports.result.energyColumn')}</th>
              <th scope="col" className="numeric">{t('reports.result.flagged')}</th>
            </tr>
          </thead>
          <tbody>
            {assets.map((asset) => (
              <tr key={asset.assetId}>
                <td className="mono">{asset.assetId}</td>
                <td>{asset.kind}</td>
                <td className="numeric">{formats.integer(asset.reports)}</td>
                <td className="numeric">{formats.bps(asset.meanUptimeBps)}</td>
                <td className="numeric">{formats.bps(asset.minUptimeBps)}</td>
                <td className="numeric">{formats.bigInteger(asset.energyWh)}</td>
                <td className="numeric">{formats.integer(asset.flaggedReports)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {bundle.perAsset.length > MAX_ASSET_ROWS ? <p className="muted">{t('reports.result.assetsTruncated', { shown: MAX_ASSET_ROWS, total: formats.integer(bundle.perAsset.length) })}</p> : null}
    </section>
  );
}
