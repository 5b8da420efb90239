import { memo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetSourceStatus } from '../../../../electron/contract/schemas/fleet';
import { useClient } from '../../client/client-context';
import { describeError } from '../../client/describe-error';
import { useNow } from '../node/use-now';
import type { FleetFormats } from './fleet-formats';
import { SourceStateChip } from './FleetStateChip';
import { TargetsTable } from './TargetsTable';
import { TestResult, type TestStatus } from './TestResult';

interface SourceItemProps {
  source: FleetSourceStatus;
  formats: FleetFormats;
  onRemove(source: FleetSourceStatus): void;
}

/** "Last sweep 12 seconds ago", kept current; the date and time in the tooltip. */
function LastSweep({ iso, formats }: { iso: string; formats: FleetFormats }) {
  const now = useNow(5_000);
  return (
    <time dateTime={iso} title={formats.dateTime(iso)} data-testid="fleet-source-last-read">
      {formats.ago(iso, now)}
    </time>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fleet-fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * One fleet source in Settings: its state and message, the last sweep (when, how long, how
 * much), hosts and GPUs, targets up, error counters, warnings, each target's health, and its
 * actions (test now; remove, for a source added here — a config.json source is edited there).
 */
export const SourceItem = memo(function SourceItem({ source, formats, onRemove }: SourceItemProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [test, setTest] = useState<TestStatus>({ kind: 'idle' });
  const up = source.targets.filter((target) => target.state === 'up').length;
  const dash = <span className="missing">—</span>;

  const runTest = async () => {
    if (test.kind === 'testing') return;
    setTest({ kind: 'testing' });
    try {
      setTest({ kind: 'done', result: await client.invoke('fleet.source.test', { id: source.id }) });
    } catch (error) {
      setTest({ kind: 'failed', error: describeError(error) });
    }
  };

  return (
    <li className="fleet-source" id={sourceElementId(source.id)} tabIndex={-1} data-testid="fleet-source" data-source-id={source.id} data-state={source.state} aria-labelledby={`${sourceElementId(source.id)}-name`}>
      <div className="fleet-source-head">
        <SourceStateChip state={source.state} />
        <h3 className="fleet-source-name" id={`${sourceElementId(source.id)}-name`} data-testid="fleet-source-name">
          {source.name}
        </h3>
        <span className="tag">{t(`fleet.kind.${source.kind}`)}</span>
        <span className="tag" title={t(`fleet.originHint.${source.origin}`)}>
          {t(`fleet.origin.${source.origin}`)}
        </span>
        {source.site ? <span className="tag">{t('fleet.siteTag', { site: source.site })}</span> : null}
        <div className="fleet-source-actions">
          <button type="button" className="button button-quiet" onClick={() => void runTest()} aria-busy={test.kind === 'testing'} aria-disabled={test.kind === 'testing'} data-testid="fleet-source-test">
            {test.kind === 'testing' ? <span className="spinner" aria-hidden="true" /> : null}
            {t('fleet.source.test')}
          </button>
          {source.origin === 'settings' ? (
            <button type="button" className="button button-danger" onClick={() => onRemove(source)} data-testid="fleet-source-remove" aria-label={t('fleet.source.removeNamed', { name: source.name })}>
              {t('fleet.source.remove')}
            </button>
          ) : null}
        </div>
      </div>
      <p className="mono fleet-source-endpoint" data-testid="fleet-source-endpoint">
        {source.endpoint}
      </p>
      {source.message ? (
        <p className="fleet-message" data-testid="fleet-source-message">
          {source.message}
        </p>
      ) : null}
      <dl className="fleet-facts">
        <Fact label={t('fleet.source.lastRead')}>{source.lastReadAt ? <LastSweep iso={source.lastReadAt} formats={formats} /> : t('fleet.source.notRead')}</Fact>
        <Fact label={t('fleet.source.duration')}>{source.durationMs === null ? dash : formats.duration(source.durationMs)}</Fact>
        <Fact label={t('fleet.source.bytes')}>{source.bytes === null ? dash : formats.bytes(source.bytes)}</Fact>
        <Fact label={t('fleet.source.hosts')} testId="fleet-source-hosts">
          {formats.integer(source.hosts)}
        </Fact>
        <Fact label={t('fleet.source.gpus')} testId="fleet-source-gpus">
          {formats.integer(source.gpus)}
        </Fact>
        <Fact label={t('fleet.source.targetsUp')} testId="fleet-source-targets-up">
          {source.targets.length === 0 ? dash : t('fleet.source.upOf', { up: formats.integer(up), total: formats.integer(source.targets.length) })}
        </Fact>
        <Fact label={t('fleet.source.errors')} testId="fleet-source-errors">
          <span title={t('fleet.source.errorsTitle')}>{formats.integer(source.errors)}</span>
          {source.consecutiveFailures > 0 ? <span className="fleet-consecutive"> {t('fleet.source.consecutive', { n: formats.integer(source.consecutiveFailures) })}</span> : null}
        </Fact>
      </dl>
      {test.kind === 'idle' ? null : <TestResult status={test} formats={formats} />}
      {source.warnings.length > 0 ? (
        <details className="fleet-details">
          <summary>{t('fleet.source.warnings', { n: formats.integer(source.warnings.length) })}</summary>
          <ul className="fleet-warnings">
            {source.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {source.targets.length > 0 ? (
        // Open by itself when a target fails: that is what the operator came to see.
        <details className="fleet-details" open={up < source.targets.length ? true : undefined} data-testid="fleet-source-targets">
          <summary>{t('fleet.source.targets', { up: formats.integer(up), total: formats.integer(source.targets.length) })}</summary>
          <TargetsTable targets={source.targets} formats={formats} />
        </details>
      ) : null}
      {source.origin === 'config' ? <p className="field-hint">{t('fleet.source.fromConfig')}</p> : null}
    </li>
  );
});

/** The element id of a source's item: the Inventory page's source chips link to it. */
export function sourceElementId(id: string): string {
  return `fleet-source-${id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}
