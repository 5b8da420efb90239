import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import type { CellFormats } from './cell-formats';
import { COLUMNS, type ColumnId, type SortState } from './columns';
import { hostDisplay, type HostLabels } from './host-labels';
import { InventoryHeader } from './InventoryHeader';
import { InventoryRow } from './InventoryRow';
import { useRowLabels } from './row-labels';
import { isNavigationKey, nextRowIndex } from './row-navigation';
import type { InventoryViewState } from './view-store';

/** Must match .inv-row height and .inv-head height in inventory.css. */
export const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;

interface InventoryTableProps {
  rows: AssetSummary[];
  hosts: HostLabels;
  formats: CellFormats;
  sort: SortState;
  /** Sort, chips and search: when they change, the selected row is brought back into view. */
  view: InventoryViewState;
  selectedId: string | null;
  onSort(column: ColumnId): void;
  onSelect(id: string): void;
  /** Enter on a row, or a click: show its details. */
  onOpen(id: string): void;
  gridRef: RefObject<HTMLDivElement | null>;
}

/**
 * The asset grid: only the rows in view (plus a few) are in the DOM, positioned inside a
 * full-height spacer, so 10,000 assets scroll like 40. The grid element itself scrolls and
 * holds focus; the selected row is its aria-activedescendant, the usual pattern for a
 * virtualized grid whose rows come and go.
 */
export function InventoryTable({ rows, hosts, formats, sort, view, selectedId, onSort, onSelect, onOpen, gridRef }: InventoryTableProps) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const labels = useRowLabels();

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 10,
    // The rows start under the sticky header: offsets count from the top of the scroll content,
    // and a row scrolled into view must land below the header, not under it.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const selectedIndex = useMemo(() => (selectedId === null ? -1 : rows.findIndex((row) => row.id === selectedId)), [rows, selectedId]);
  const rowDomId = useCallback((index: number) => `${idPrefix}-row-${index}`, [idPrefix]);

  // After a re-sort or a new filter the selected asset has moved: follow it, once the new rows
  // are in (a search's rows come a render later, deferred). Not after a data reload (a sweep
  // every few seconds), which must never pull the view away from the operator.
  const shownView = useRef(view);
  const follow = useRef(false);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    follow.current = true;
  }, [view]);
  useEffect(() => {
    if (!follow.current) return;
    follow.current = false;
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
    // Only a new list of rows triggers this; the selection moving by keyboard scrolls on its own.
  }, [rows]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Keys on the header's sort buttons are theirs (Enter and Space sort).
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isNavigationKey(event.key)) {
      event.preventDefault();
      const pageSize = Math.floor(((gridRef.current?.clientHeight ?? ROW_HEIGHT * 10) - HEADER_HEIGHT) / ROW_HEIGHT);
      const next = nextRowIndex(event.key, selectedIndex, rows.length, pageSize);
      const row = rows[next];
      if (!row) return;
      onSelect(row.id);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const row = rows[selectedIndex] ?? rows[0];
      if (row) onOpen(row.id);
    }
  };

  const activate = useCallback(
    (id: string) => {
      gridRef.current?.focus({ preventScroll: true });
      onOpen(id);
    },
    [gridRef, onOpen],
  );

  const items = virtualizer.getVirtualItems();
  const activeInDom = selectedIndex >= 0 && items.some((item) => item.index === selectedIndex);

  return (
    <div
      ref={gridRef}
      role="grid"
      className="inv-grid"
      tabIndex={0}
      aria-label={t('inventory.tableLabel')}
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeInDom ? rowDomId(selectedIndex) : undefined}
      data-testid="inventory-table"
      data-row-count={rows.length}
      onKeyDown={onKeyDown}
    >
      <InventoryHeader sort={sort} onSort={onSort} />
      <div role="rowgroup" className="inv-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const asset = rows[item.index];
          if (!asset) return null;
          return (
            <InventoryRow
              key={item.key}
              asset={asset}
              index={item.index}
              domId={rowDomId(item.index)}
              top={item.start - HEADER_HEIGHT}
              selected={item.index === selectedIndex}
              hostName={hostDisplay(asset.hostId, hosts)}
              formats={formats}
              labels={labels}
              onActivate={activate}
            />
          );
        })}
      </div>
    </div>
  );
}
