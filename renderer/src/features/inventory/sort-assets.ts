import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import type { ColumnId, SortState } from './columns';
import { healthRank, statusRank } from './health-labels';
import type { HostLabels } from './host-labels';

type SortKey = string | number | bigint | null;
type KeyOf = (asset: AssetSummary, hosts: HostLabels) => SortKey;

const text = (value: string | null): string | null => (value === null || value === '' ? null : value);

/**
 * What each column sorts on. Health and status sort by severity rank (worst first when
 * ascending), then by how many reasons, so two "degraded" GPUs come out with the worse one first.
 */
const SORT_KEYS: Record<ColumnId, KeyOf> = {
  kind: (asset) => asset.kind,
  label: (asset) => text(asset.label) ?? text(asset.model),
  id: (asset) => asset.id,
  host: (asset, hosts) => (asset.hostId === null ? null : (hosts.get(asset.hostId) ?? asset.hostId)),
  pciBusId: (asset) => text(asset.pciBusId),
  serial: (asset) => text(asset.serial),
  status: (asset) => statusRank(asset.status),
  health: (asset) => healthRank(asset.health.status) * 1000 - Math.min(asset.health.reasons.length, 999),
  utilization: (asset) => asset.utilizationGpuPct,
  power: (asset) => asset.powerDrawW,
  temperature: (asset) => asset.temperatureC,
  location: (asset) => (asset.site === null && asset.rack === null ? null : `${asset.site ?? ''}\u0000${asset.rack ?? ''}`),
  cost: (asset) => asset.acquisitionCost,
  lastSeen: (asset) => asset.lastSeen,
};

/** Numeric-aware ("gpu-node-2" before "gpu-node-10"), case-insensitive. */
const DEFAULT_COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * A sorted copy (the input is never mutated). Keys are computed once per asset, not once per
 * comparison: with 10,000 rows a sort makes ~140,000 comparisons. Missing values sort last in
 * both directions; ties fall back to the asset id, so the order is total and stable across reloads.
 */
export function sortAssets(assets: readonly AssetSummary[], sort: SortState, hosts: HostLabels, collator: Intl.Collator = DEFAULT_COLLATOR): AssetSummary[] {
  const keyOf = SORT_KEYS[sort.column];
  const direction = sort.direction === 'asc' ? 1 : -1;
  const keyed = assets.map((asset) => ({ asset, key: keyOf(asset, hosts) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
    } else {
      const order = compareKeys(a.key, b.key, collator);
      if (order !== 0) return order * direction;
    }
    return a.asset.id < b.asset.id ? -1 : a.asset.id > b.asset.id ? 1 : 0;
  });
  return keyed.map((entry) => entry.asset);
}

function compareKeys(a: Exclude<SortKey, null>, b: Exclude<SortKey, null>, collator: Intl.Collator): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  // numbers and bigints (money) compare exactly with < and >, even mixed.
  return a < b ? -1 : a > b ? 1 : 0;
}
