import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { useRowLabels, type RowLabels } from './row-labels';

/** Present / missing / retired, coloured so a missing GPU stands out in a column of "present". */
export function StatusChipView({ status, labels }: { status: AssetSummary['status']; labels: RowLabels }) {
  return (
    <span className={`chip chip-status-${status}`} data-testid="status-chip" data-status={status}>
      {labels.status[status]}
    </span>
  );
}

/** Health status with its reason count; the reasons, spelled out, in the tooltip. */
export function HealthChipView({ health, labels }: { health: AssetSummary['health']; labels: RowLabels }) {
  return (
    <span className={`chip chip-health-${health.status}`} data-testid="health-chip" data-health={health.status} title={labels.healthTitle(health)}>
      <span className="chip-dot" aria-hidden="true" />
      {labels.health[health.status]}
      {health.reasons.length > 0 ? <span className="chip-count">{health.reasons.length}</span> : null}
    </span>
  );
}

/** The chips outside the grid (the drawer), translating for themselves. */
export function StatusChip({ status }: { status: AssetSummary['status'] }) {
  return <StatusChipView status={status} labels={useRowLabels()} />;
}

export function HealthChip({ health }: { health: AssetSummary['health'] }) {
  return <HealthChipView health={health} labels={useRowLabels()} />;
}
