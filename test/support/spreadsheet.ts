import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * The spreadsheet oracle: Gnumeric's `ssconvert` evaluates a CSV whose cells are formulas and
 * writes the computed values back as CSV. It is an independent implementation of DAYS360,
 * EDATE, PMT and XIRR, and integer arithmetic we drive cell by cell.
 */
export const SPREADSHEET_PACKAGE = 'gnumeric';

export function ssconvertPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v ssconvert'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || path === '') {
    throw new Error(`the spreadsheet oracle needs ssconvert, from the Debian package "${SPREADSHEET_PACKAGE}": apt-get install -y --no-install-recommends ${SPREADSHEET_PACKAGE} (.ci/run installs it)`);
  }
  return path;
}

/** Evaluates rows of cells (values or "=FORMULA(…)" with comma separators, A1 references) and returns the computed values. */
export function evaluateSheet(rows: readonly (readonly string[])[]): string[][] {
  const ssconvert = ssconvertPath();
  const dir = mkdtempSync(join(tmpdir(), 'sietch-oracle-'));
  try {
    const input = join(dir, 'oracle.csv');
    const output = join(dir, 'values.csv');
    writeFileSync(input, stringify(rows as string[][]));
    const run = spawnSync(ssconvert, ['--import-type=Gnumeric_stf:stf_csvtab', '--export-type=Gnumeric_stf:stf_csv', input, output], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`ssconvert failed (${run.status}): ${run.stderr}`);
    return parse(readFileSync(output, 'utf8'), { relax_column_count: true }) as string[][];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A1-style name of a cell: column index from 0, row number from 1. */
export function cell(column: number, row: number, absoluteRow = false): string {
  let name = '';
  let index = column;
  do {
    name = String.fromCharCode(65 + (index % 26)) + name;
    index = Math.floor(index / 26) - 1;
  } while (index >= 0);
  return `${name}${absoluteRow ? '$' : ''}${row}`;
}

/** =DATE(y,m,d) for "YYYY-MM-DD". */
export function dateFormula(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `DATE(${year},${month},${day})`;
}

/**
 * Half-even rounding of numerator / denominator to an integer, in spreadsheet formulas.
 * ROUND and MROUND round half away from zero, so the rule is written out with integers:
 * q = QUOTIENT(n, d), r = n − q·d; up when 2r > d, down when 2r < d, and on a tie up only when
 * q is odd. Exact as long as n stays below 2^53 (the scenario generator checks it).
 */
export function halfEvenDivide(numerator: string, denominator: string): string {
  const q = `QUOTIENT(${numerator},${denominator})`;
  const twiceRemainder = `2*((${numerator})-${q}*(${denominator}))`;
  return `${q}+IF(${twiceRemainder}>(${denominator}),1,IF(${twiceRemainder}<(${denominator}),0,IF(ISODD(${q}),1,0)))`;
}

/**
 * A sheet evaluated on first use and kept. Each test that reads it fails on its own, with the
 * install line, when ssconvert is missing: nothing is skipped.
 */
export function lazySheet(rows: () => readonly (readonly string[])[]): () => string[][] {
  let values: string[][] | undefined;
  return () => (values ??= evaluateSheet(rows()));
}
