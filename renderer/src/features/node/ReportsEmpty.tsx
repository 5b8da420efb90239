import { useTranslation } from 'react-i18next';
import type { NodeStatus } from '../../../../electron/contract/schemas/node';
import { epochCountdown } from './epoch-clock';
import type { NodeFormats } from './node-formats';
import { useNow } from './use-now';

/**
 * No report yet. Running: when the first one comes (a live countdown to the epoch end). Stopped:
 * that nothing will come until it starts, and what happens to the time it was stopped.
 */
export function ReportsEmpty({ status, formats }: { status: NodeStatus; formats: NodeFormats }) {
  const { t } = useTranslation();
  return (
    <section className="node-empty" data-testid="node-empty" data-state={status.running ? 'waiting' : 'stopped'} aria-labelledby="node-empty-title">
      <h3 id="node-empty-title" className="node-empty-title">
        {status.running ? t('node.empty.waitingTitle') : t('node.empty.stoppedTitle')}
      </h3>
      {status.running ? <FirstEpoch status={status} formats={formats} /> : <p>{t('node.empty.stopped')}</p>}
    </section>
  );
}

function FirstEpoch({ status, formats }: { status: NodeStatus; formats: NodeFormats }) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  const countdown = epochCountdown(status.nextEpochEndsAt, status.epochSeconds, status.sampleIntervalSeconds, now);
  const time = formats.time(countdown.endsAt);
  return <p>{countdown.closing ? t('node.empty.closing') : t('node.empty.waiting', { time, countdown: formats.countdown(countdown.remainingMs) })}</p>;
}
