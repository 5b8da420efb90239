import { parse } from 'csv-parse/sync';
import { parseUnits } from '../../contract/money';
import { isValidIsoDate, parseIsoDate, type Day } from './civil-date';

/** A CSV the calculators cannot read; the message names the row and the column. */
export class SeriesCsvError extends Error {
  override name = 'SeriesCsvError';
}

interface Row {
  line: number;
  cells: string[];
}

/** Rows of a small dated series; a first row whose first cell is not a date is a header. */
function readRows(text: string, what: string, minColumns: number, maxColumns: number): Row[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][];
  } catch (error) {
    throw new SeriesCsvError(`${what}: not readable as CSV: ${(error as Error).message}`);
  }
  const rows = records.map((cells, index) => ({ line: index + 1, cells })).filter((row) => row.cells.some((cell) => cell !== ''));
  if (rows.length > 0 && !isValidIsoDate(rows[0]!.cells[0] ?? '')) rows.shift();
  for (const row of rows) {
    if (row.cells.length < minColumns || row.cells.length > maxColumns) throw new SeriesCsvError(`${what}, row ${row.line}: expected ${minColumns === maxColumns ? minColumns : `${minColumns} to ${maxColumns}`} columns, found ${row.cells.length}`);
    if (!isValidIsoDate(row.cells[0]!)) throw new SeriesCsvError(`${what}, row ${row.line}: "${row.cells[0]}" is not a date (YYYY-MM-DD)`);
  }
  return rows;
}

function amountCell(row: Row, column: number, name: string, what: string): bigint {
  try {
    return parseUnits(row.cells[column]!);
  } catch {
    throw new SeriesCsvError(`${what}, row ${row.line}: ${name} "${row.cells[column]}" is not an amount (digits, an optional minus sign and at most 6 decimals)`);
  }
}

/** `date,amount` rows for XIRR: outflows negative. */
export function parseCashFlowsCsv(text: string): { day: Day; date: string; amount: bigint }[] {
  return readRows(text, 'cash flows', 2, 2).map((row) => ({ day: parseIsoDate(row.cells[0]!), date: row.cells[0]!, amount: amountCell(row, 1, 'amount', 'cash flows') }));
}

/** `date,revenue[,paid]` rows for the revenue-share calculator: one row per monthly period, dated at its end. */
export function parseRevenueCsv(text: string): { dueDate: string; revenue: bigint; paid: bigint | null }[] {
  return readRows(text, 'revenue', 2, 3).map((row) => ({
    dueDate: row.cells[0]!,
    revenue: amountCell(row, 1, 'revenue', 'revenue'),
    paid: row.cells[2] === undefined || row.cells[2] === '' ? null : amountCell(row, 2, 'paid', 'revenue'),
  }));
}
