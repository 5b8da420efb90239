import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { ASSET_KINDS, ASSET_STATUSES, HEALTH_STATUSES, type AssetKind, type AssetStatus, type HealthStatus } from './health-labels';
import type { HostLabels } from './host-labels';

/** The chips that are on, per facet; an empty list means "any". Within a facet chips are OR-ed, facets are AND-ed. */
export interface InventoryFilters {
  kind: readonly AssetKind[];
  status: readonly AssetStatus[];
  health: readonly HealthStatus[];
}
export type FacetId = keyof InventoryFilters;

export const NO_FILTERS: InventoryFilters = { kind: [], status: [], health: [] };

export interface FacetCounts {
  kind: Record<AssetKind, number>;
  status: Record<AssetStatus, number>;
  health: Record<HealthStatus, number>;
}

/** Lower-cased text searched per asset, built once per list (not per keystroke). */
export type SearchIndex = ReadonlyMap<AssetSummary, string>;

export function buildSearchIndex(assets: readonly AssetSummary[], hosts: HostLabels): SearchIndex {
  const index = new Map<AssetSummary, string>();
  for (const asset of assets) {
    const host = asset.hostId === null ? '' : `${asset.hostId}\n${hosts.get(asset.hostId) ?? ''}`;
    // A newline between fields: a term never matches across two of them.
    index.set(asset, [asset.id, asset.serial, asset.uuid, asset.label, asset.model, host, asset.site, asset.rack, asset.pciBusId].filter(Boolean).join('\n').toLowerCase());
  }
  return index;
}

/** "a100  rack-7" -> ["a100", "rack-7"]: every term must match somewhere. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

const zeroCounts = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * One pass over the sorted list: the rows that pass the search and every facet, in the sorted
 * order, and per-chip counts. A chip's count is how many rows it would show given the search
 * and the other facets (faceted counts), so a chip never promises rows that are not there.
 */
export function filterAssets(sorted: readonly AssetSummary[], index: SearchIndex, filters: InventoryFilters, query: string): { rows: AssetSummary[]; counts: FacetCounts } {
  const terms = searchTerms(query);
  const kinds = new Set(filters.kind);
  const statuses = new Set(filters.status);
  const healths = new Set(filters.health);
  const counts: FacetCounts = { kind: zeroCounts(ASSET_KINDS), status: zeroCounts(ASSET_STATUSES), health: zeroCounts(HEALTH_STATUSES) };
  const rows: AssetSummary[] = [];
  for (const asset of sorted) {
    if (terms.length > 0) {
      const haystack = index.get(asset) ?? '';
      if (!terms.every((term) => haystack.includes(term))) continue;
    }
    const kindOk = kinds.size === 0 || kinds.has(asset.kind);
    const statusOk = statuses.size === 0 || statuses.has(asset.status);
    const healthOk = healths.size === 0 || healths.has(asset.health.status);
    if (statusOk && healthOk) counts.kind[asset.kind] += 1;
    if (kindOk && healthOk) counts.status[asset.status] += 1;
    if (kindOk && statusOk) counts.health[asset.health.status] += 1;
    if (kindOk && statusOk && healthOk) rows.push(asset);
  }
  return { rows, counts };
}

/** Turns one chip on or off. */
export function toggleFilter<F extends FacetId>(filters: InventoryFilters, facet: F, value: InventoryFilters[F][number]): InventoryFilters {
  const current = filters[facet] as readonly string[];
  const next = current.includes(value) ? current.filter((item) => item !== value) : [...current, value];
  return { ...filters, [facet]: next };
}
