import { useId, type ReactNode } from 'react';
import { formatInteger } from '../../i18n/format';
import { useLanguage } from '../../ui/use-language';

export interface HostSubTableColumn<Row> {
  header: string;
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
}

/**
 * One of the host card's small tables (disks, network interfaces): a titled section with its
 * count, an empty state, and a keyboard-scrollable table. Rows are few, so no virtualization.
 */
export function HostSubTable<Row>(props: {
  title: (total: string) => string;
  empty: string;
  testId: string;
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  columns: readonly HostSubTableColumn<Row>[];
}) {
  const language = useLanguage();
  const headingId = useId();
  const { rows, columns } = props;
  return (
    <section className="subsection" aria-labelledby={headingId}>
      <h3 id={headingId} className="subsection-title">
        {props.title(formatInteger(rows.length, language))}
      </h3>
      {rows.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table className="data-table" data-testid={props.testId}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={props.rowKey(row, index)}>{columns.map((column) => column.cell(row))}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
