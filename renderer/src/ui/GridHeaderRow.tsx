/**
 * The sticky header of a virtualized node-style grid or table (robots, node reports, report
 * leaves): one columnheader per column, numeric ones right-aligned, each with a longer
 * explanation in its tooltip.
 */
export function GridHeaderRow<Column extends string>({ columns, numeric, label, help }: { columns: readonly Column[]; numeric: ReadonlySet<string>; label(column: Column): string; help(column: Column): string }) {
  return (
    <div role="rowgroup" className="node-head">
      <div role="row" aria-rowindex={1} className="node-row node-row-head">
        {columns.map((column) => (
          <div key={column} role="columnheader" className={numeric.has(column) ? 'node-cell numeric' : 'node-cell'} title={help(column)}>
            {label(column)}
          </div>
        ))}
      </div>
    </div>
  );
}
