import { create } from 'zustand';
import { DEFAULT_SORT, nextSort, type ColumnId, type SortState } from './columns';
import { NO_FILTERS, toggleFilter, type FacetId, type InventoryFilters } from './filter-assets';
import { collapseKey, type GroupMode } from './group-rows';

/** How the operator looks at the table; kept across page changes so Alt+1, Alt+2 returns to the same view. */
export interface InventoryViewState {
  sort: SortState;
  filters: InventoryFilters;
  query: string;
  /** Group header rows by host or site (the rows keep the sort inside each group). */
  group: GroupMode;
}

export const initialViewState: InventoryViewState = { sort: DEFAULT_SORT, filters: NO_FILTERS, query: '', group: 'none' };

export const useInventoryViewStore = create<InventoryViewState>()(() => initialViewState);

export function sortBy(column: ColumnId): void {
  useInventoryViewStore.setState((state) => ({ sort: nextSort(state.sort, column) }));
}

export function toggleChip<F extends FacetId>(facet: F, value: InventoryFilters[F][number]): void {
  useInventoryViewStore.setState((state) => ({ filters: toggleFilter(state.filters, facet, value) }));
}

export function clearFilters(): void {
  useInventoryViewStore.setState({ filters: NO_FILTERS, query: '' });
}

export function setQuery(query: string): void {
  useInventoryViewStore.setState({ query });
}

export function setGroupMode(group: GroupMode): void {
  useInventoryViewStore.setState({ group });
}

/**
 * The collapsed groups (by mode and key). A store of its own: folding a group is not a new view
 * of the table, so the grid must not jump to the selected row as it does after a sort or filter.
 */
export const useCollapsedGroups = create<{ collapsed: ReadonlySet<string> }>()(() => ({ collapsed: new Set<string>() }));

export function toggleGroup(mode: GroupMode, key: string, open?: boolean): void {
  useCollapsedGroups.setState(({ collapsed }) => {
    const id = collapseKey(mode, key);
    const collapse = open === undefined ? !collapsed.has(id) : !open;
    if (collapse === collapsed.has(id)) return { collapsed };
    const next = new Set(collapsed);
    if (collapse) next.add(id);
    else next.delete(id);
    return { collapsed: next };
  });
}

/** Folds every group of a mode (keys given) or unfolds them all. */
export function setAllGroups(mode: GroupMode, keys: readonly string[], open: boolean): void {
  useCollapsedGroups.setState(({ collapsed }) => {
    const next = new Set([...collapsed].filter((id) => !id.startsWith(collapseKey(mode, ''))));
    if (!open) for (const key of keys) next.add(collapseKey(mode, key));
    return { collapsed: next };
  });
}
