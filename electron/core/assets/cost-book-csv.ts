import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { AssetEdit, AssetSummary, CostBookImportResult } from '../../contract/schemas/assets';
import { formatUnits, parseUnits } from '../../contract/money';

/** The columns of the export, in order. Import reads the editable ones and ignores the read-only ones. */
export const COST_BOOK_COLUMNS = ['asset_id', 'kind', 'label', 'status', 'health', 'host_id', 'model', 'serial', 'uuid', 'pci_bus_id', 'site', 'rack', 'acquisition_cost', 'acquisition_date', 'first_seen', 'last_seen', 'notes'] as const;
const EDITABLE_COLUMNS = { site: 'site', rack: 'rack', notes: 'notes', acquisition_cost: 'acquisitionCost', acquisition_date: 'acquisitionDate' } as const;
const READ_ONLY_COLUMNS = new Set<string>(COST_BOOK_COLUMNS.filter((column) => !(column in EDITABLE_COLUMNS) && column !== 'asset_id'));
const MAX_TEXT = { site: 200, rack: 200, notes: 4000 } as const;

/**
 * A spreadsheet opening the export must not run a cell as a formula (CSV injection): text
 * that starts with = + - @ or a control character is prefixed with an apostrophe.
 */
function safeCell(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function exportCostBook(assets: (AssetSummary & { notes: string | null })[]): string {
  const rows = assets.map((asset) => [
    asset.id,
    asset.kind,
    safeCell(asset.label),
    asset.status,
    [asset.health.status, ...asset.health.reasons].join(' '),
    asset.hostId ?? '',
    safeCell(asset.model),
    safeCell(asset.serial),
    safeCell(asset.uuid),
    asset.pciBusId ?? '',
    safeCell(asset.site),
    safeCell(asset.rack),
    asset.acquisitionCost === null ? '' : formatUnits(asset.acquisitionCost),
    asset.acquisitionDate ?? '',
    asset.firstSeen,
    asset.lastSeen,
    safeCell(asset.notes),
  ]);
  return stringify([[...COST_BOOK_COLUMNS], ...rows], { record_delimiter: '\r\n' });
}

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export interface ParsedCostBook {
  edits: AssetEdit[];
  errors: CostBookImportResult['errors'];
  rows: number;
}

/**
 * Reads a cost book CSV into edits, checking every row before anything is applied. A column
 * present in the header sets its field on every row (an empty cell clears it); a column absent
 * leaves the field as it is. Row numbers are the spreadsheet's (the header is row 1).
 */
export function parseCostBook(csv: string, assetExists: (id: string) => boolean): ParsedCostBook {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { edits: [], rows: 0, errors: [{ row: line, column: null, message: `not valid CSV: ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { edits: [], rows: 0, errors: [{ row: 1, column: null, message: 'the file is empty: expected a header row with asset_id and the columns to set' }] };
  const columns = header.map((name) => name.trim().toLowerCase());
  const errors: CostBookImportResult['errors'] = [];
  if (!columns.includes('asset_id')) errors.push({ row: 1, column: null, message: 'the header has no asset_id column' });
  columns.forEach((column) => {
    if (column !== 'asset_id' && !(column in EDITABLE_COLUMNS) && !READ_ONLY_COLUMNS.has(column)) errors.push({ row: 1, column, message: `unknown column "${column}"; editable columns: ${Object.keys(EDITABLE_COLUMNS).join(', ')}` });
  });
  if (errors.length > 0) return { edits: [], rows: body.length, errors };

  const seen = new Map<string, number>();
  const edits: AssetEdit[] = [];
  body.forEach((cells, index) => {
    const row = index + 2;
    const cell = (column: string): string => cells[columns.indexOf(column)] ?? '';
    const id = cell('asset_id');
    if (!id) return errors.push({ row, column: 'asset_id', message: 'asset_id is empty' });
    if (!assetExists(id)) return errors.push({ row, column: 'asset_id', message: `no asset "${id}" in the register` });
    if (seen.has(id)) return errors.push({ row, column: 'asset_id', message: `"${id}" already appears on row ${seen.get(id)}` });
    seen.set(id, row);
    const edit: AssetEdit = { id };
    for (const [column, field] of Object.entries(EDITABLE_COLUMNS)) {
      if (!columns.includes(column)) continue;
      const value = cell(column).replace(/^'(?=[=+\-@])/, ''); // undo the export's formula guard
      if (field === 'acquisitionCost') {
        if (value === '') edit.acquisitionCost = null;
        else {
          try {
            const cost = parseUnits(value.replace(/[_\s]/g, ''));
            if (cost < 0n) errors.push({ row, column, message: 'the acquisition cost cannot be negative' });
            else edit.acquisitionCost = cost;
          } catch {
            errors.push({ row, column, message: `"${value}" is not an amount (whole units with at most 6 decimals, e.g. 28500.00; no thousands separators)` });
          }
        }
      } else if (field === 'acquisitionDate') {
        if (value === '') edit.acquisitionDate = null;
        else if (validDate(value)) edit.acquisitionDate = value;
        else errors.push({ row, column, message: `"${value}" is not a date as YYYY-MM-DD` });
      } else {
        const limit = MAX_TEXT[field];
        if (value.length > limit) errors.push({ row, column, message: `longer than ${limit} characters` });
        else edit[field] = value === '' ? null : value;
      }
    }
    edits.push(edit);
  });
  return { edits: errors.length > 0 ? [] : edits, rows: body.length, errors };
}
