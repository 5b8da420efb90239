import { create } from 'zustand';
import { DEFAULT_SORT, nextSort, type ColumnId, type SortState } from './columns';
import { NO_FILTERS, toggleFilter, type FacetId, type InventoryFilters } from './filter-assets';

/** How the operator looks at the table; kept across page changes so Alt+1, Alt+2 returns to the same view. */
export interface InventoryViewState {
  sort: SortState;
  filters: InventoryFilters;
  query: string;
}

export const initialViewState: InventoryViewState = { sort: DEFAULT_SORT, filters: NO_FILTERS, query: '' };

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
