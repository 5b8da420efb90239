import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { COLUMNS, NUMERIC_COLUMNS, type ColumnId, type SortState } from './columns';

/** Columns whose short header ("Util %") has a longer explanation in its tooltip. */
type TitledColumn = 'utilization' | 'power' | 'temperature' | 'cost' | 'health';
const TITLED: ReadonlySet<ColumnId> = new Set<TitledColumn>(['utilization', 'power', 'temperature', 'cost', 'health']);
const isTitled = (column: ColumnId): column is TitledColumn => TITLED.has(column);

/**
 * The sticky header row. Each column header holds a button (so Enter and Space sort from
 * the keyboard for free) and carries aria-sort for screen readers.
 */
export const InventoryHeader = memo(function InventoryHeader({ sort, onSort }: { sort: SortState; onSort(column: ColumnId): void }) {
  const { t } = useTranslation();
  return (
    <div role="rowgroup" className="inv-head">
      <div role="row" aria-rowindex={1} className="inv-row inv-row-head">
        {COLUMNS.map((column) => {
          const sorted = sort.column === column;
          const title = isTitled(column) ? t(`inventory.columnTitle.${column}`) : undefined;
          return (
            <div key={column} role="columnheader" className={NUMERIC_COLUMNS.has(column) ? 'inv-cell numeric' : 'inv-cell'} aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button type="button" className="inv-sort" data-testid={`inventory-sort-${column}`} onClick={() => onSort(column)} title={title}>
                <span className="inv-sort-text">{t(`inventory.column.${column}`)}</span>
                <span className={sorted ? `inv-sort-arrow inv-sort-${sort.direction}` : 'inv-sort-arrow'} aria-hidden="true" />
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
});
