import type { ExportPeriod } from './bundle-export';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(text: string, flag: string, endOfDay: boolean): Date {
  if (DAY.test(text)) {
    const date = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) throw new RangeError(`${flag}: ${text} is not a calendar date`);
    return endOfDay ? new Date(date.getTime() + 86_400_000) : date;
  }
  if (INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text);
  throw new RangeError(`${flag}: "${text}" is neither a date (YYYY-MM-DD, UTC) nor an instant with its zone (2026-01-01T00:00:00Z)`);
}

/**
 * The period of an export. Days are UTC and both included, as people say "January 1 to
 * December 31"; instants are exact and `to` is excluded, as epochs are [start, end).
 */
export function parseAuditPeriod(from: string, to: string): ExportPeriod {
  const period = { from: parse(from, '--from', false), to: parse(to, '--to', true) };
  if (period.to.getTime() <= period.from.getTime()) throw new RangeError(`--to (${to}) must come after --from (${from})`);
  return period;
}
