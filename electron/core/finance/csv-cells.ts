import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { formatUnits, parseUnits } from '../../contract/money';
import type { ImportRowError } from '../../contract/schemas/customers';
import { isValidIsoDate } from '../ledger/civil-date';

/**
 * A spreadsheet opening an export must not run a cell as a formula (CSV injection): text that
 * starts with = + - @ or a control character gets an apostrophe in front (as the cost book does).
 */
export function safeCell(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes the export's formula guard on import. */
export function unguard(value: string): string {
  return value.replace(/^'(?=[=+\-@\t\r])/, '');
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | bigint | null)[])[]): string {
  return stringify([[...header], ...rows.map((row) => row.map((cell) => (cell === null ? '' : typeof cell === 'string' ? safeCell(cell) : cell.toString())))], { record_delimiter: '\r\n' });
}

export const amountCell = (micro: bigint | null): string => (micro === null ? '' : formatUnits(micro));

export interface CsvTable {
  columns: string[];
  rows: { row: number; cell(column: string): string }[];
}

/** Parses CSV with a header row. Row numbers are the spreadsheet's: the header is row 1. */
export function readCsv(csv: string, known: readonly string[], required: readonly string[], readOnly: readonly string[] = []): { table: CsvTable | null; errors: ImportRowError[] } {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    return { table: null, errors: [{ row: (error as { lines?: number }).lines ?? 1, column: null, message: `not valid CSV: ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { table: null, errors: [{ row: 1, column: null, message: `the file is empty: expected a header row with ${required.join(', ')}` }] };
  const columns = header.map((name) => name.trim().toLowerCase());
  const errors: ImportRowError[] = [];
  for (const column of required) if (!columns.includes(column)) errors.push({ row: 1, column, message: `the header has no ${column} column` });
  columns.forEach((column) => {
    if (!known.includes(column) && !readOnly.includes(column)) errors.push({ row: 1, column, message: `unknown column "${column}"; expected: ${known.join(', ')}` });
  });
  const seen = new Set<string>();
  columns.forEach((column) => {
    if (seen.has(column)) errors.push({ row: 1, column, message: `column "${column}" appears twice` });
    seen.add(column);
  });
  if (errors.length > 0) return { table: null, errors };
  return { table: { columns, rows: body.map((cells, index) => ({ row: index + 2, cell: (column: string) => unguard(cells[columns.indexOf(column)] ?? '') })) }, errors: [] };
}

/** Reads typed cells of one row, collecting an error per bad cell (row and column named). */
export class RowReader {
  readonly errors: ImportRowError[] = [];
  constructor(private readonly row: { row: number; cell(column: string): string }) {}

  /** The raw text of a cell (optional columns whose emptiness picks a default). */
  raw(column: string): string {
    return this.row.cell(column);
  }

  private fail(column: string, message: string): null {
    this.errors.push({ row: this.row.row, column, message });
    return null;
  }

  text(column: string, max = 200): string | null {
    const value = this.row.cell(column);
    if (value === '') return this.fail(column, `${column} is empty`);
    if (value.length > max) return this.fail(column, `longer than ${max} characters`);
    return value;
  }

  optionalText(column: string, max = 4000): string | null {
    const value = this.row.cell(column);
    if (value.length > max) return this.fail(column, `longer than ${max} characters`);
    return value === '' ? null : value;
  }

  date(column: string): string | null {
    const value = this.row.cell(column);
    if (!isValidIsoDate(value)) return this.fail(column, `"${value}" is not a date as YYYY-MM-DD`);
    return value;
  }

  optionalDate(column: string): string | null {
    return this.row.cell(column) === '' ? null : this.date(column);
  }

  amount(column: string, { cents = true, allowZero = false } = {}): bigint | null {
    const value = this.row.cell(column).replace(/[_\s]/g, '');
    let micro: bigint;
    try {
      micro = parseUnits(value);
    } catch {
      return this.fail(column, `"${value}" is not an amount (whole units with at most 6 decimals, e.g. 28500.00; no thousands separators)`);
    }
    if (micro < 0n || (!allowZero && micro === 0n)) return this.fail(column, allowZero ? 'cannot be negative' : 'must be positive');
    if (cents && micro % 10_000n !== 0n) return this.fail(column, 'whole cents only (at most 2 decimals)');
    return micro;
  }

  integer(column: string, min: number, max: number): number | null {
    const value = this.row.cell(column);
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) return this.fail(column, `"${value}" is not a whole number from ${min} to ${max}`);
    return Number(value);
  }

  optionalInteger(column: string, min: number, max: number): number | null {
    return this.row.cell(column) === '' ? null : this.integer(column, min, max);
  }

  choice<T extends string>(column: string, choices: readonly T[]): T | null {
    const value = this.row.cell(column);
    if (!(choices as readonly string[]).includes(value)) return this.fail(column, `"${value}" is not one of ${choices.join(', ')}`);
    return value as T;
  }

  decimal(column: string, pattern: RegExp, example: string): string | null {
    const value = this.row.cell(column);
    if (!pattern.test(value)) return this.fail(column, `"${value}" is not a decimal such as ${example}`);
    return value;
  }

  /** Record a problem found by a check beyond the cell itself. */
  problem(column: string | null, message: string): void {
    this.errors.push({ row: this.row.row, column, message });
  }
}
