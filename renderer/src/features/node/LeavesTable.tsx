import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GridHeaderRow } from '../../ui/GridHeaderRow';
import type { ReportLeaf } from './leaf-filter';
import { LeafRow } from './LeafRow';
import type { NodeFormats } from './node-formats';
import type { NodeLabels } from './use-node-labels';

/** Must match .node-row and .node-row-head heights in node-grids.css. */
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;

const COLUMNS = ['assetId', 'kind', 'uptime', 'observed', 'meanUtil', 'p95Util', 'energy', 'flags', 'identity', 'leafHash'] as const;
const NUMERIC: ReadonlySet<string> = new Set(['uptime', 'observed', 'meanUtil', 'p95Util', 'energy']);

/**
 * The report's leaves, one per asset, in the order of the tree (by asset id). 10,000 and more:
 * only the rows in view are in the DOM. A table, not a grid: rows are read, not acted on; the
 * frame takes focus so the keyboard can scroll it.
 */
export function LeavesTable({ leaves, seq, formats, labels }: { leaves: readonly ReportLeaf[]; seq: number; formats: NodeFormats; labels: NodeLabels }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: leaves.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => leaves[index]?.assetId ?? index,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
  });

  return (
    <div ref={scrollRef} role="table" className="node-grid node-leaves-grid" tabIndex={0} aria-label={t('node.leaves.tableLabel', { seq })} aria-rowcount={leaves.length + 1} data-testid="node-leaves-table" data-row-count={leaves.length}>
      <GridHeaderRow columns={COLUMNS} numeric={NUMERIC} label={(column) => t(`node.leaves.column.${column}`)} help={(column) => t(`node.leaves.columnHelp.${column}`)} />
      <div role="rowgroup" className="node-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const leaf = leaves[item.index];
          return leaf ? <LeafRow key={item.key} leaf={leaf} index={item.index} top={item.start - HEADER_HEIGHT} formats={formats} labels={labels} /> : null;
        })}
      </div>
    </div>
  );
}
