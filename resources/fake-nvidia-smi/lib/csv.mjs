// `--format=csv[,noheader][,nounits]` output, as nvidia-smi prints it: ", " between cells, the
// unit in brackets in the header, bracketed phrases for values it cannot give.

import { canonicalField } from './xml-records.mjs';
import { varyCell } from './vary.mjs';

const NO_VALUE = /^(N\/A|Not Supported|Unknown Error|Requested functionality has been deprecated)$/;

function cellText(cell, nounits) {
  const value = NO_VALUE.test(cell.value) ? `[${cell.value}]` : cell.value;
  if (!nounits || !cell.unit) return value;
  return value.endsWith(` ${cell.unit}`) ? value.slice(0, -cell.unit.length - 1) : value;
}

/** rows: one array of { value, unit } per GPU, in the order of `fields`. */
export function formatCsv(fields, rows, { noheader, nounits }) {
  const lines = [];
  if (!noheader) lines.push(fields.map((field, i) => (rows[0]?.[i]?.unit ? `${field} [${rows[0][i].unit}]` : field)).join(', '));
  for (const row of rows) lines.push(row.map((cell) => cellText(cell, nounits)).join(', '));
  return `${lines.join('\n')}\n`;
}

/**
 * Picks the requested columns out of a captured `--query-gpu --format=csv` table (header with
 * units). Returns { rows } or { invalidField } when the capture's driver did not have the field.
 */
export function selectCapturedColumns(table, fields, vary) {
  const [headerLine, ...valueLines] = table.split('\n').filter((line) => line.trim() !== '');
  const header = (headerLine ?? '').split(', ').map((name) => {
    const match = /^(.*?)(?: \[(.*)\])?$/.exec(name.trim());
    return { field: match[1], unit: match[2] ?? null };
  });
  const columns = [];
  for (const requested of fields) {
    const wanted = canonicalField(requested);
    const column = header.findIndex((column) => column.field === requested || column.field === wanted);
    if (column === -1) return { invalidField: requested };
    columns.push(column);
  }
  const rows = valueLines.map((line, gpuIndex) => {
    const cells = line.split(', ');
    return columns.map((column) => {
      const { field, unit } = header[column];
      const raw = (cells[column] ?? '').trim();
      return { value: vary ? varyCell(field, raw, gpuIndex, vary.timeMs) : raw, unit };
    });
  });
  return { rows };
}
