import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { gridPageSize, handleGridKey, isRowDrawn, useGridRowIds } from '../../ui/grid-keyboard';
import type { CellFormats } from './cell-formats';
import { COLUMNS, type ColumnId, type SortState } from './columns';
import { useGroupLabels } from './group-labels';
import type { DisplayItem, GroupMode } from './group-rows';
import { hostDisplay, type HostLabels } from './host-labels';
import { useGpuEvidenceStore } from '../gpu-evidence/store';
import { InventoryGroupRow } from './InventoryGroupRow';
import { InventoryHeader } from './InventoryHeader';
import { InventoryRow } from './InventoryRow';
import { useRowLabels } from './row-labels';
import type { InventoryViewState } from './view-store';

/** Must match .inv-row height and .inv-head height in inventory.css. */
export const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;
const METRICS = { rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT };

interface InventoryTableProps {
  /** The rows, with group headers when grouped (group-rows.ts). */
  items: DisplayItem[];
  hosts: HostLabels;
  formats: CellFormats;
  sort: SortState;
  /** Sort, chips, search and grouping: when they change, the selected row is brought back into view. */
  view: InventoryViewState;
  selectedId: string | null;
  onSort(column: ColumnId): void;
  onSelect(id: string): void;
  /** Enter on a row, or a click: show its details. */
  onOpen(id: string): void;
  /** Fold or unfold a group (open: true unfolds, false folds, absent toggles). */
  onToggleGroup(key: string, open?: boolean): void;
  gridRef: RefObject<HTMLDivElement | null>;
}

const itemKey = (item: DisplayItem | undefined, index: number): string | number => (item === undefined ? index : item.type === 'asset' ? item.asset.id : `group\u0000${item.group.key}`);

/**
 * The asset grid: only the rows in view (plus a few) are in the DOM, positioned inside a
 * full-height spacer, so 10,000 assets scroll like 40. The grid element itself scrolls and
 * holds focus; the active row is its aria-activedescendant, the usual pattern for a
 * virtualized grid whose rows come and go. When grouped, group headers are rows too: the
 * arrows stop on them, Enter or Space folds and unfolds, ← goes to a row's group (and folds
 * it), → unfolds.
 */
export function InventoryTable({ items, hosts, formats, sort, view, selectedId, onSort, onSelect, onOpen, onToggleGroup, gridRef }: InventoryTableProps) {
  const { t } = useTranslation();
  const rowDomId = useGridRowIds();
  const labels = useRowLabels();
  const groupLabels = useGroupLabels(formats);
  const evidence = useGpuEvidenceStore((state) => state.records);
  // The group header the keyboard is on, if any (the selected asset stays selected in the store).
  const [cursorGroup, setCursorGroup] = useState<string | null>(null);
  const mode: Exclude<GroupMode, 'none'> = view.group === 'site' ? 'site' : 'host';

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => itemKey(items[index], index),
    overscan: 10,
    // The rows start under the sticky header: offsets count from the top of the scroll content,
    // and a row scrolled into view must land below the header, not under it.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const selectedIndex = useMemo(() => {
    if (cursorGroup !== null) {
      const at = items.findIndex((item) => item.type === 'group' && item.group.key === cursorGroup);
      if (at >= 0) return at;
    }
    return selectedId === null ? -1 : items.findIndex((item) => item.type === 'asset' && item.asset.id === selectedId);
  }, [items, selectedId, cursorGroup]);

  // After a re-sort, a new filter or another grouping the selected asset has moved: follow it,
  // once the new rows are in (a search's rows come a render later, deferred). Not after a data
  // reload (a sweep every few seconds), which must never pull the view away from the operator.
  const shownView = useRef(view);
  const follow = useRef(false);
  useEffect(() => {
    if (shownView.current === view) return;
    if (shownView.current.group !== view.group) setCursorGroup(null);
    shownView.current = view;
    follow.current = true;
  }, [view]);
  useEffect(() => {
    if (!follow.current) return;
    follow.current = false;
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
    // Only a new list of rows triggers this; the selection moving by keyboard scrolls on its own.
  }, [items]);

  const moveTo = (index: number): void => {
    const item = items[index];
    if (!item) return;
    if (item.type === 'group') setCursorGroup(item.group.key);
    else {
      setCursorGroup(null);
      onSelect(item.asset.id);
    }
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  /** The header of the group the row at `index` is in (the nearest header above it). */
  const groupIndexOf = (index: number): number => {
    for (let at = index; at >= 0; at -= 1) if (items[at]?.type === 'group') return at;
    return -1;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Keys on the header's sort buttons are theirs (Enter and Space sort): handleGridKey leaves them.
    const current = items[selectedIndex];
    handleGridKey(event, {
      selectedIndex,
      rowCount: items.length,
      pageSize: () => gridPageSize(gridRef.current, METRICS),
      moveTo,
      open: () => {
        if (current?.type === 'group') {
          onToggleGroup(current.group.key);
          return;
        }
        const first = items.find((item) => item.type === 'asset');
        const id = current?.type === 'asset' ? current.asset.id : first?.type === 'asset' ? first.asset.id : null;
        if (id !== null) onOpen(id);
      },
      otherKey: (other) => {
        if (other.key !== 'ArrowLeft' && other.key !== 'ArrowRight') return;
        if (!current) return;
        other.preventDefault();
        if (current.type === 'group') onToggleGroup(current.group.key, other.key === 'ArrowRight');
        else if (other.key === 'ArrowLeft') {
          const header = groupIndexOf(selectedIndex);
          if (header >= 0) moveTo(header);
        }
      },
    });
  };

  const activate = useCallback(
    (id: string) => {
      gridRef.current?.focus({ preventScroll: true });
      setCursorGroup(null);
      onOpen(id);
    },
    [gridRef, onOpen],
  );
  const toggle = useCallback(
    (key: string) => {
      gridRef.current?.focus({ preventScroll: true });
      setCursorGroup(key);
      onToggleGroup(key);
    },
    [gridRef, onToggleGroup],
  );

  const virtualItems = virtualizer.getVirtualItems();
  const activeInDom = isRowDrawn(virtualItems, selectedIndex);

  return (
    <div
      ref={gridRef}
      role="grid"
      className="inv-grid"
      tabIndex={0}
      aria-label={t('inventory.tableLabel')}
      aria-rowcount={items.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeInDom ? rowDomId(selectedIndex) : undefined}
      data-testid="inventory-table"
      data-row-count={items.length}
      data-group={view.group}
      onKeyDown={onKeyDown}
    >
      <InventoryHeader sort={sort} onSort={onSort} />
      <div role="rowgroup" className="inv-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((virtual) => {
          const item = items[virtual.index];
          if (!item) return null;
          if (item.type === 'group')
            return (
              <InventoryGroupRow
                key={virtual.key}
                group={item.group}
                mode={mode}
                index={virtual.index}
                domId={rowDomId(virtual.index)}
                top={virtual.start - HEADER_HEIGHT}
                selected={virtual.index === selectedIndex}
                formats={formats}
                labels={labels}
                groupLabels={groupLabels}
                onToggle={toggle}
              />
            );
          const { asset } = item;
          return (
            <InventoryRow
              key={virtual.key}
              asset={asset}
              index={virtual.index}
              domId={rowDomId(virtual.index)}
              top={virtual.start - HEADER_HEIGHT}
              selected={virtual.index === selectedIndex}
              hostName={hostDisplay(asset.hostId, hosts)}
              evidence={asset.kind === 'gpu' ? evidence?.get(asset.id) : undefined}
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
