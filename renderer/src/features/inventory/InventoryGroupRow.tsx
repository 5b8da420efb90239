import { memo } from 'react';
import { GridRowFrame } from '../../ui/GridRowFrame';
import { COLUMNS } from './columns';
import type { CellFormats } from './cell-formats';
import type { GroupSummary } from './group-rows';
import { HEALTH_STATUSES } from './health-labels';
import type { RowLabels } from './row-labels';

/** The words a group header shows, translated once per language (as RowLabels are for the rows). */
export interface GroupLabels {
  noHost: string;
  noSite: string;
  /** "8 GPUs · 1 host" */
  contents(kinds: GroupSummary['kinds']): string;
  missing(count: number): string;
  /** The header's accessible name: the group, its size and its health in words. */
  title(group: GroupSummary, name: string): string;
}

interface InventoryGroupRowProps {
  group: GroupSummary;
  mode: 'host' | 'site';
  index: number;
  domId: string;
  top: number;
  selected: boolean;
  formats: CellFormats;
  labels: RowLabels;
  groupLabels: GroupLabels;
  onToggle(key: string): void;
}

/**
 * A group's header row inside the virtual grid: a disclosure (click, or Enter/Space/←/→ when
 * it is the grid's active row), the host or site, what it holds and its health at a glance
 * (a dot and a count per status present, worst first), and how many are missing.
 */
export const InventoryGroupRow = memo(function InventoryGroupRow({ group, mode, index, domId, top, selected, formats, labels, groupLabels, onToggle }: InventoryGroupRowProps) {
  const name = group.label ?? (mode === 'host' ? groupLabels.noHost : groupLabels.noSite);
  return (
    <GridRowFrame
      index={index}
      domId={domId}
      top={top}
      selected={selected}
      rowClass="inv-row"
      extraClass="inv-group-row"
      onActivate={() => onToggle(group.key)}
      aria-expanded={!group.collapsed}
      data-testid="inventory-group"
      data-group-key={group.key}
      data-rows={group.rows}
      data-collapsed={group.collapsed}
      title={groupLabels.title(group, name)}
    >
      <div role="gridcell" className="inv-group-cell" aria-colspan={COLUMNS.length}>
        <span className={group.collapsed ? 'inv-group-chevron' : 'inv-group-chevron inv-group-open'} aria-hidden="true" />
        <span className={group.label === null ? 'inv-group-name muted' : 'inv-group-name'} data-testid="inventory-group-name">
          {name}
        </span>
        <span className="inv-group-contents" data-testid="inventory-group-contents">
          {groupLabels.contents(group.kinds)}
        </span>
        <span className="inv-group-health">
          {HEALTH_STATUSES.map((status) =>
            group.health[status] > 0 ? (
              <span key={status} className={`inv-group-health-item chip-health-${status}`} data-health={status} data-count={group.health[status]} title={labels.health[status]}>
                <span className="chip-dot" aria-hidden="true" />
                {formats.integer(group.health[status])}
              </span>
            ) : null,
          )}
        </span>
        {group.missing > 0 ? (
          <span className="chip chip-status-missing" data-testid="inventory-group-missing">
            {groupLabels.missing(group.missing)}
          </span>
        ) : null}
      </div>
    </GridRowFrame>
  );
});
