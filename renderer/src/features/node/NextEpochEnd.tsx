import { useTranslation } from 'react-i18next';
import type { NodeStatus } from '../../../../electron/contract/schemas/node';
import { epochCountdown } from './epoch-clock';
import type { NodeFormats } from './node-formats';
import { useNow } from './use-now';

/** When the current epoch ends, with a live countdown; while stopped, why there is none. */
export function NextEpochEnd({ status, formats }: { status: NodeStatus; formats: NodeFormats }) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  if (!status.running) {
    return (
      <span className="muted" data-testid="node-next-epoch" data-state="stopped">
        {t('node.nextEpoch.stopped')}
      </span>
    );
  }
  const countdown = epochCountdown(status.nextEpochEndsAt, status.epochSeconds, status.sampleIntervalSeconds, now);
  const time = formats.time(countdown.endsAt);
  return (
    <span data-testid="node-next-epoch" data-state={countdown.closing ? 'closing' : 'counting'} data-ends-at={new Date(countdown.endsAt).toISOString()} title={formats.dateTime(countdown.endsAt)}>
      {countdown.closing ? t('node.nextEpoch.closing', { time }) : t('node.nextEpoch.countdown', { time, countdown: formats.countdown(countdown.remainingMs) })}
    </span>
  );
}
