import { useTranslation } from 'react-i18next';
import type { FleetTargetStatus } from '../../../../electron/contract/schemas/fleet';
import type { FleetFormats } from './fleet-formats';
import { TargetStateChip } from './FleetStateChip';

/** A source may have a thousand targets: the failing ones first, and at most this many rows. */
export const SHOWN_TARGETS = 100;

/** Failing targets first (most consecutive failures first), then the others in their order. */
export function targetsToShow(targets: readonly FleetTargetStatus[], limit = SHOWN_TARGETS): FleetTargetStatus[] {
  const failing = targets.filter((target) => target.state !== 'up').sort((a, b) => b.consecutiveFailures - a.consecutiveFailures);
  const up = targets.filter((target) => target.state === 'up');
  return [...failing, ...up].slice(0, limit);
}

/** Each target of a source: its state and message, what it answered, the hosts it carried, its error counters. */
export function TargetsTable({ targets, formats }: { targets: readonly FleetTargetStatus[]; formats: FleetFormats }) {
  const { t } = useTranslation();
  const shown = targetsToShow(targets);
  const dash = <span className="missing">—</span>;
  return (
    <div className="fleet-targets-wrap">
      <table className="fleet-targets" data-testid="fleet-targets">
        <thead>
          <tr>
            <th scope="col">{t('fleet.target.target')}</th>
            <th scope="col">{t('fleet.target.state')}</th>
            <th scope="col">{t('fleet.target.hosts')}</th>
            <th scope="col" className="numeric">
              {t('fleet.target.duration')}
            </th>
            <th scope="col" className="numeric">
              {t('fleet.target.bytes')}
            </th>
            <th scope="col" className="numeric">
              {t('fleet.target.series')}
            </th>
            <th scope="col" className="numeric">
              {t('fleet.target.errors')}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((target) => (
            <tr key={target.target} data-testid="fleet-target" data-state={target.state}>
              <td className="mono fleet-target-name" title={target.target}>
                {target.target}
                {target.message ? <span className="fleet-target-message">{target.message}</span> : null}
              </td>
              <td>
                <TargetStateChip state={target.state} />
              </td>
              <td className="fleet-target-hosts" title={target.hostnames.join(', ')}>
                {target.hostnames.length > 0 ? target.hostnames.join(', ') : dash}
              </td>
              <td className="numeric">{target.durationMs === null ? dash : formats.duration(target.durationMs)}</td>
              <td className="numeric">{target.bytes === null ? dash : formats.bytes(target.bytes)}</td>
              <td className="numeric">{target.series === null ? dash : formats.integer(target.series)}</td>
              <td className="numeric" title={t('fleet.target.errorsTitle', { errors: target.errors, consecutive: target.consecutiveFailures })}>
                {formats.integer(target.errors)}
                {target.consecutiveFailures > 0 ? <span className="fleet-consecutive"> ({formats.integer(target.consecutiveFailures)})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {targets.length > shown.length ? <p className="muted fleet-more">{t('fleet.target.more', { n: formats.integer(targets.length - shown.length) })}</p> : null}
    </div>
  );
}
