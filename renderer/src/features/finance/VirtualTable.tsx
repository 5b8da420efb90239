import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/** Must match .node-row and .node-row-head heights in node-grids.css (the grids share one row layout). */
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;

export interface VirtualColumn<Row> {
  key: string;
  title: string;
  /** CSS grid track, e.g. "120px" or "minmax(200px, 2fr)". */
  width: string;
  numeric?: boolean;
  cell(row: Row): ReactNode;
}

interface VirtualTableProps<Row> {
  rows: readonly Row[];
  columns: readonly VirtualColumn<Row>[];
  rowKey(row: Row): string;
  label: string;
  testId: string;
  rowTestId: string;
  /** data-* attributes of a row, for tests and styling. */
  rowData?(row: Row): Record<string, string | number>;
  rowClass?(row: Row): string | undefined;
  minWidth: number;
  maxHeight?: number;
}

/**
 * A read-only table whose rows can run to tens of thousands (invoices, collateral): only the rows
 * in view are in the DOM (TanStack Virtual), on the grids' shared row layout. The frame takes
 * focus so the keyboard scrolls it.
 */
export function VirtualTable<Row>({ rows, columns, rowKey, label, testId, rowTestId, rowData, rowClass, minWidth, maxHeight = 420 }: VirtualTableProps<Row>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, getItemKey: (index) => (rows[index] ? rowKey(rows[index]) : index), overscan: 10, scrollMargin: HEADER_HEIGHT });
  const style = { '--grid-columns': columns.map((column) => column.width).join(' '), '--grid-min-width': `${minWidth}px`, maxHeight } as React.CSSProperties;
  return (
    <div ref={scrollRef} role="table" className="node-grid fin-grid" style={style} tabIndex={0} aria-label={label} aria-rowcount={rows.length + 1} data-testid={testId} data-row-count={rows.length}>
      <div role="rowgroup" className="node-head">
        <div role="row" aria-rowindex={1} className="node-row node-row-head">
          {columns.map((column) => (
            <div key={column.key} role="columnheader" className={column.numeric ? 'node-cell numeric' : 'node-cell'}>
              {column.title}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="node-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const data = Object.fromEntries(Object.entries(rowData?.(row) ?? {}).map(([key, value]) => [`data-${key}`, value]));
          const extra = rowClass?.(row);
          return (
            <div key={item.key} role="row" aria-rowindex={item.index + 2} className={extra ? `node-row ${extra}` : 'node-row'} data-testid={rowTestId} {...data} style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}>
              {columns.map((column) => (
                <div key={column.key} role="cell" className={column.numeric ? 'node-cell numeric' : 'node-cell'} data-field={column.key}>
                  {column.cell(row)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
