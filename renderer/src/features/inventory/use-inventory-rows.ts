import { useDeferredValue, useMemo } from 'react';
import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { buildSearchIndex, filterAssets, type FacetCounts } from './filter-assets';
import { hostLabelsOf, type HostLabels } from './host-labels';
import { sortAssets } from './sort-assets';
import { useInventoryViewStore } from './view-store';

const NO_ASSETS: AssetSummary[] = [];

export interface InventoryRows {
  rows: AssetSummary[];
  counts: FacetCounts;
  total: number;
  hosts: HostLabels;
  /** The search typed may be ahead of the rows shown (they follow a frame later under load). */
  stale: boolean;
}

/**
 * The table's rows, staged so each change redoes only its own stage: a new list rebuilds the
 * host names and the search index; a sort re-sorts; a keystroke or a chip only filters the
 * already sorted list (one linear pass). The query is deferred, so typing stays responsive
 * while 10,000 rows are filtered.
 */
export function useInventoryRows(assets: AssetSummary[] | undefined): InventoryRows {
  const list = assets ?? NO_ASSETS;
  const { sort, filters, query } = useInventoryViewStore();
  const deferredQuery = useDeferredValue(query);
  const hosts = useMemo(() => hostLabelsOf(list), [list]);
  const index = useMemo(() => buildSearchIndex(list, hosts), [list, hosts]);
  const sorted = useMemo(() => sortAssets(list, sort, hosts), [list, sort, hosts]);
  const { rows, counts } = useMemo(() => filterAssets(sorted, index, filters, deferredQuery), [sorted, index, filters, deferredQuery]);
  return { rows, counts, total: list.length, hosts, stale: deferredQuery !== query };
}
