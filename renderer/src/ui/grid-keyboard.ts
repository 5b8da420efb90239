import type { VirtualItem, Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, type KeyboardEvent, type RefObject } from 'react';
import { isNavigationKey, nextRowIndex } from './row-navigation';

/** The grid's own geometry, in px: must match the row and header heights in its CSS. */
export interface GridMetrics {
  rowHeight: number;
  headerHeight: number;
}

/** How many rows fit under the sticky header: PageUp/PageDown move by one screenful. */
export function gridPageSize(grid: HTMLElement | null, { rowHeight, headerHeight }: GridMetrics): number {
  return Math.floor(((grid?.clientHeight ?? rowHeight * 10) - headerHeight) / rowHeight);
}

interface GridKeyActions {
  selectedIndex: number;
  rowCount: number;
  pageSize(): number;
  /** Make the row at `index` the active one (the index may be -1 or past the end: nothing to do). */
  moveTo(index: number): void;
  /** Enter or Space on the grid. */
  open(): void;
  /** Any other key (e.g. ←/→ on a tree-like grid). */
  otherKey?(event: KeyboardEvent<HTMLDivElement>): void;
}

/**
 * The keys a virtualized grid handles while it holds focus: arrows, PageUp/PageDown, Home/End
 * move the active row, Enter and Space open it. Keys aimed at something inside the grid (a
 * header's sort button) and chords with Alt/Ctrl/Meta are left alone.
 */
export function handleGridKey(event: KeyboardEvent<HTMLDivElement>, actions: GridKeyActions): void {
  if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
  if (isNavigationKey(event.key)) {
    event.preventDefault();
    actions.moveTo(nextRowIndex(event.key, actions.selectedIndex, actions.rowCount, actions.pageSize()));
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    actions.open();
  } else {
    actions.otherKey?.(event);
  }
}

/** The selected row is the grid's aria-activedescendant only while it is drawn (virtualized rows come and go). */
export function isRowDrawn(items: readonly VirtualItem[], index: number): boolean {
  return index >= 0 && items.some((item) => item.index === index);
}

/** A DOM id per row index, unique to this grid: what aria-activedescendant points at. */
export function useGridRowIds(): (index: number) => string {
  const idPrefix = useId();
  return useCallback((index: number) => `${idPrefix}-row-${index}`, [idPrefix]);
}

interface GridKeyboardOptions<Row, Id> {
  rows: readonly Row[];
  rowId(row: Row): Id;
  selectedIndex: number;
  /** The virtual items drawn now. */
  items: readonly VirtualItem[];
  virtualizer: Pick<Virtualizer<HTMLDivElement, Element>, 'scrollToIndex'>;
  gridRef: RefObject<HTMLDivElement | null>;
  metrics: GridMetrics;
  onSelect(id: Id): void;
  onOpen(id: Id): void;
}

/**
 * Keyboard and click for a flat list grid (robots, node reports): the keys select a row and
 * scroll it into view, Enter/Space open the selected row (the first when none is), a click
 * selects and opens.
 */
export function useGridKeyboard<Row, Id>({ rows, rowId, selectedIndex, items, virtualizer, gridRef, metrics, onSelect, onOpen }: GridKeyboardOptions<Row, Id>) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void =>
    handleGridKey(event, {
      selectedIndex,
      rowCount: rows.length,
      pageSize: () => gridPageSize(gridRef.current, metrics),
      moveTo: (index) => {
        const row = rows[index];
        if (!row) return;
        onSelect(rowId(row));
        virtualizer.scrollToIndex(index, { align: 'auto' });
      },
      open: () => {
        const row = rows[selectedIndex] ?? rows[0];
        if (row) onOpen(rowId(row));
      },
    });

  const activate = useCallback(
    (id: Id) => {
      onSelect(id);
      onOpen(id);
    },
    [onSelect, onOpen],
  );

  return { onKeyDown, activate, activeInDom: isRowDrawn(items, selectedIndex) };
}
