import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSummary } from '../../../../electron/contract/schemas/node';
import { useGridKeyboard, useGridRowIds } from '../../ui/grid-keyboard';
import { GridHeaderRow } from '../../ui/GridHeaderRow';
import type { NodeFormats } from './node-formats';
import { ReportRow } from './ReportRow';
import type { NodeLabels } from './use-node-labels';

/** Must match .node-row and .node-row-head heights in node-grids.css. */
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;
const METRICS = { rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT };
/** Ask for the next page when the last rows drawn come this close to the end of what is loaded. */
const LOAD_AHEAD_ROWS = 30;

const COLUMNS = ['seq', 'window', 'assets', 'observed', 'status', 'root', 'reportHash', 'signer'] as const;
const NUMERIC: ReadonlySet<string> = new Set(['seq', 'assets', 'observed']);

interface ReportsTableProps {
  reports: ReportSummary[];
  /** All reports on the server (the status counts), when known: older ones may not be loaded yet. */
  total: number | null;
  hasOlder: boolean;
  loadingOlder: boolean;
  selectedSeq: number | null;
  formats: NodeFormats;
  labels: NodeLabels;
  onSelect(seq: number): void;
  onOpen(seq: number): void;
  onNeedOlder(): void;
  gridRef: RefObject<HTMLDivElement | null>;
}

/**
 * The reports, newest first: one per epoch, so thousands after a few months of hourly epochs.
 * Only the rows in view are in the DOM; older pages load as the end comes into view. The grid
 * holds focus, and the selected row is its aria-activedescendant.
 */
export function ReportsTable({ reports, total, hasOlder, loadingOlder, selectedSeq, formats, labels, onSelect, onOpen, onNeedOlder, gridRef }: ReportsTableProps) {
  const { t } = useTranslation();
  const rowDomId = useGridRowIds();

  const virtualizer = useVirtualizer({
    count: reports.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => reports[index]?.seq ?? index,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const selectedIndex = useMemo(() => (selectedSeq === null ? -1 : reports.findIndex((report) => report.seq === selectedSeq)), [reports, selectedSeq]);
  const items = virtualizer.getVirtualItems();
  const lastDrawn = items.at(-1)?.index ?? -1;

  // Back from a report: the list is drawn anew, so bring the report just read back into view.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
    // Only on mount: later, the selection moves by keyboard and scrolls on its own.
  }, []);

  useEffect(() => {
    if (hasOlder && !loadingOlder && lastDrawn >= reports.length - LOAD_AHEAD_ROWS) onNeedOlder();
  }, [hasOlder, loadingOlder, lastDrawn, reports.length, onNeedOlder]);

  const { onKeyDown, activate, activeInDom } = useGridKeyboard({ rows: reports, rowId: (report) => report.seq, selectedIndex, items, virtualizer, gridRef, metrics: METRICS, onSelect, onOpen });

  return (
    <div
      ref={gridRef}
      role="grid"
      className="node-grid node-reports-grid"
      tabIndex={0}
      aria-label={t('node.reports.tableLabel')}
      aria-rowcount={hasOlder ? (total === null ? -1 : Math.max(total, reports.length) + 1) : reports.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeInDom ? rowDomId(selectedIndex) : undefined}
      aria-busy={loadingOlder}
      data-testid="node-reports-table"
      data-row-count={reports.length}
      onKeyDown={onKeyDown}
    >
      <GridHeaderRow columns={COLUMNS} numeric={NUMERIC} label={(column) => t(`node.reports.column.${column}`)} help={(column) => t(`node.reports.columnHelp.${column}`)} />
      <div role="rowgroup" className="node-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const report = reports[item.index];
          if (!report) return null;
          return (
            <ReportRow
              key={item.key}
              report={report}
              index={item.index}
              domId={rowDomId(item.index)}
              top={item.start - HEADER_HEIGHT}
              selected={item.index === selectedIndex}
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
