import { useTranslation } from 'react-i18next';
import type { NodeStatus } from '../../../../electron/contract/schemas/node';
import { shortenHash } from '../../i18n/format';
import { Card } from '../../ui/Card';
import { Field } from '../../ui/Fields';
import { EvidenceSourceField } from '../gpu-evidence/EvidenceSourceField';
import { NextEpochEnd } from './NextEpochEnd';
import type { NodeFormats } from './node-formats';
import { NodeRunControl } from './NodeRunControl';
import { RelativeTime } from './RelativeTime';
import { ReportCounts } from './ReportCounts';
import { SignerField } from './SignerState';
import type { NodeLabels } from './use-node-labels';

interface NodeStatusPanelProps {
  status: NodeStatus;
  formats: NodeFormats;
  labels: NodeLabels;
  switching: 'start' | 'stop' | null;
  onSwitch(to: 'start' | 'stop'): void;
}

/** Everything about the node at a glance: how it samples, for which network, who signs, how far it got. */
export function NodeStatusPanel({ status, formats, labels, switching, onSwitch }: NodeStatusPanelProps) {
  const { t } = useTranslation();
  const { network, lastReport } = status;
  return (
    <Card title={t('node.status.title')} className="node-status" testId="node-status" actions={<NodeRunControl running={status.running} switching={switching} onSwitch={onSwitch} />}>
      <dl className="fields node-fields">
        <Field label={t('node.field.sampling')}>
          <span data-testid="node-sample-interval" data-seconds={status.sampleIntervalSeconds}>
            {t('node.field.samplingValue', { interval: formats.duration(status.sampleIntervalSeconds) })}
          </span>
        </Field>
        <Field label={t('node.field.epoch')} note={t('node.field.epochNote')}>
          <span data-testid="node-epoch-length" data-seconds={status.epochSeconds}>
            {formats.duration(status.epochSeconds)}
          </span>
        </Field>
        <Field
          label={t('node.field.network')}
          note={
            <>
              {t('node.field.chain', { chainId: network.chainId })} · EAS{' '}
              <span className="mono nowrap" title={network.easAddress} data-testid="node-eas-address">
                {shortenHash(network.easAddress, 4)}
              </span>
            </>
          }
        >
          <span data-testid="node-network" data-network-id={network.id} data-chain-id={network.chainId} title={`${network.name} · ${network.id}`}>
            {network.name}
          </span>
        </Field>
        <Field label={t('node.field.signer')}>
          <SignerField signer={status.signer} />
        </Field>
        <Field label={t('node.field.reports')}>
          <ReportCounts counts={status.reports} formats={formats} labels={labels} />
        </Field>
        <Field label={t('node.field.lastTick')} note={<span data-testid="node-ticks" data-ticks={status.ticks}>{t('node.field.ticks', { ticks: formats.integer(status.ticks) })}</span>}>
          {status.lastTickAt ? <RelativeTime iso={status.lastTickAt} formats={formats} testId="node-last-tick" /> : <span className="muted">{t('node.field.never')}</span>}
        </Field>
        <Field label={t('node.field.samplesStored')}>
          <span data-testid="node-samples" data-samples={status.samplesStored}>
            {formats.integer(status.samplesStored)}
          </span>
        </Field>
        <Field
          label={t('node.field.lastEpoch')}
          note={lastReport ? <span title={formats.epochWindowUtc(lastReport.epochStart, lastReport.epochEnd)}>{formats.epochWindow(lastReport.epochStart, lastReport.epochEnd)}</span> : undefined}
        >
          {lastReport ? (
            <span data-testid="node-last-epoch" data-seq={lastReport.seq}>
              {t('node.field.lastEpochValue', { seq: lastReport.seq, observed: formats.bps(lastReport.observedBps) })}
            </span>
          ) : (
            <span className="muted" data-testid="node-last-epoch">
              {t('node.field.noEpochYet')}
            </span>
          )}
        </Field>
        <Field label={t('node.field.nextEpoch')}>
          <NextEpochEnd status={status} formats={formats} />
        </Field>
        <EvidenceSourceField formats={formats} />
      </dl>
    </Card>
  );
}
