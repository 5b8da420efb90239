import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useMemo, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { RobotSummary } from '../../../../electron/contract/schemas/robots';
import { isNavigationKey, nextRowIndex } from '../../ui/row-navigation';
import type { RobotFormats } from './robot-formats';
import { RobotRow, type RobotRowLabels } from './RobotRow';

/** Must match .node-row and .node-row-head heights (virtual-grid.css). */
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;

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
  const idPrefix = useId();
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
  const rowDomId = useCallback((index: number) => `${idPrefix}-row-${index}`, [idPrefix]);
  const items = virtualizer.getVirtualItems();

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isNavigationKey(event.key)) {
      event.preventDefault();
      const pageSize = Math.floor(((gridRef.current?.clientHeight ?? ROW_HEIGHT * 10) - HEADER_HEIGHT) / ROW_HEIGHT);
      const next = nextRowIndex(event.key, selectedIndex, robots.length, pageSize);
      const robot = robots[next];
      if (!robot) return;
      onSelect(robot.id);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const robot = robots[selectedIndex] ?? robots[0];
      if (robot) onOpen(robot.id);
    }
  };

  const activate = useCallback(
    (id: string) => {
      onSelect(id);
      onOpen(id);
    },
    [onSelect, onOpen],
  );
  const activeInDom = selectedIndex >= 0 && items.some((item) => item.index === selectedIndex);

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
      <div role="rowgroup" className="node-head">
        <div role="row" aria-rowindex={1} className="node-row node-row-head">
          {ROBOT_COLUMNS.map((column) => (
            <div key={column} role="columnheader" className={NUMERIC.has(column) ? 'node-cell numeric' : 'node-cell'} title={t(`robots.columnHelp.${column}`)}>
              {t(`robots.column.${column}`)}
            </div>
          ))}
        </div>
      </div>
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
