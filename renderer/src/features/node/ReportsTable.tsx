import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSummary } from '../../../../electron/contract/schemas/node';
import { isNavigationKey, nextRowIndex } from '../../ui/row-navigation';
import type { NodeFormats } from './node-formats';
import { ReportRow } from './ReportRow';
import type { NodeLabels } from './use-node-labels';

/** Must match .node-row and .node-row-head heights in node-grids.css. */
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;
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
  const idPrefix = useId();

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
  const rowDomId = useCallback((index: number) => `${idPrefix}-row-${index}`, [idPrefix]);
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

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isNavigationKey(event.key)) {
      event.preventDefault();
      const pageSize = Math.floor(((gridRef.current?.clientHeight ?? ROW_HEIGHT * 10) - HEADER_HEIGHT) / ROW_HEIGHT);
      const next = nextRowIndex(event.key, selectedIndex, reports.length, pageSize);
      const report = reports[next];
      if (!report) return;
      onSelect(report.seq);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const report = reports[selectedIndex] ?? reports[0];
      if (report) onOpen(report.seq);
    }
  };

  const activate = useCallback(
    (seq: number) => {
      onSelect(seq);
      onOpen(seq);
    },
    [onSelect, onOpen],
  );

  const activeInDom = selectedIndex >= 0 && items.some((item) => item.index === selectedIndex);

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
      <div role="rowgroup" className="node-head">
        <div role="row" aria-rowindex={1} className="node-row node-row-head">
          {COLUMNS.map((column) => (
            <div key={column} role="columnheader" className={NUMERIC.has(column) ? 'node-cell numeric' : 'node-cell'} title={t(`node.reports.columnHelp.${column}`)}>
              {t(`node.reports.column.${column}`)}
            </div>
          ))}
        </div>
      </div>
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
