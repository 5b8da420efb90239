import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { RobotSummary } from '../../../../electron/contract/schemas/robots';
import { useGridKeyboard, useGridRowIds } from '../../ui/grid-keyboard';
import { GridHeaderRow } from '../../ui/GridHeaderRow';
import type { RobotFormats } from './robot-formats';
import { RobotRow, type RobotRowLabels } from './RobotRow';

/** Must match .node-row and .node-row-head heights (virtual-grid.css). */
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;
const METRICS = { rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT };

export const ROBOT_COLUMNS = ['robot', 'version', 'connection', 'mode', 'battery', 'errors', 'runtime', 'missions', 'invalid', 'lastSeen'] as const;
const NUMERIC: ReadonlySet<string> = new Set(['battery', 'runtime', 'missions', 'invalid']);

interface RobotsTableProps {
  robots: RobotSummary[];
  selectedId: string | null;
  formats: RobotFormats;
  labels: RobotRowLabels;
  onSelect(id: string): void;
  onOpen(id: string): void;
  gridRef: RefObject<HTMLDivElement | null>;
}

/**
 * The fleet, one robot a row: only the rows in view are in the DOM, so a site with thousands of
 * robots scrolls as one with ten. The grid holds focus; arrows move, Enter opens the robot.
 */
export function RobotsTable({ robots, selectedId, formats, labels, onSelect, onOpen, gridRef }: RobotsTableProps) {
  const { t } = useTranslation();
  const rowDomId = useGridRowIds();
  const virtualizer = useVirtualizer({
    count: robots.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => robots[index]?.id ?? index,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : robots.findIndex((robot) => robot.id === selectedId)), [robots, selectedId]);
  const items = virtualizer.getVirtualItems();
  const { onKeyDown, activate, activeInDom } = useGridKeyboard({ rows: robots, rowId: (robot) => robot.id, selectedIndex, items, virtualizer, gridRef, metrics: METRICS, onSelect, onOpen });

  return (
    <div
      ref={gridRef}
      role="grid"
      className="node-grid robots-grid"
      tabIndex={0}
      aria-label={t('robots.table.label')}
      aria-rowcount={robots.length + 1}
      aria-colcount={ROBOT_COLUMNS.length}
      aria-activedescendant={activeInDom ? rowDomId(selectedIndex) : undefined}
      data-testid="robots-table"
      data-row-count={robots.length}
      onKeyDown={onKeyDown}
    >
      <GridHeaderRow columns={ROBOT_COLUMNS} numeric={NUMERIC} label={(column) => t(`robots.column.${column}`)} help={(column) => t(`robots.columnHelp.${column}`)} />
      <div role="rowgroup" className="node-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const robot = robots[item.index];
          if (!robot) return null;
          return <RobotRow key={item.key} robot={robot} index={item.index} domId={rowDomId(item.index)} top={item.start - HEADER_HEIGHT} selected={item.index === selectedIndex} formats={formats} labels={labels} onActivate={activate} />;
        })}
      </div>
    </div>
  );
}
