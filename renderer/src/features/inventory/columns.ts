/**
 * The Inventory table's columns, in display order. The id is what sorting, the
 * `inventory-sort-<id>` test ids and the translation keys (inventory.column.<id>) use.
 * Widths live in inventory.css (one grid template shared by the header and every row).
 */
export const COLUMNS = ['kind', 'label', 'id', 'host', 'pciBusId', 'serial', 'status', 'health', 'utilization', 'power', 'temperature', 'location', 'cost', 'lastSeen'] as const;
export type ColumnId = (typeof COLUMNS)[number];

/** Readings and money read right-aligned, so digits line up. */
export const NUMERIC_COLUMNS: ReadonlySet<ColumnId> = new Set<ColumnId>(['utilization', 'power', 'temperature', 'cost']);

export type SortDirection = 'asc' | 'desc';
export interface SortState {
  column: ColumnId;
  direction: SortDirection;
}

/** The order a fresh page shows: worst health first, so a failing GPU is the first thing seen. */
export const DEFAULT_SORT: SortState = { column: 'health', direction: 'asc' };

/** A header click: the same column flips direction, another column starts ascending. */
export function nextSort(current: SortState, column: ColumnId): SortState {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}
