/**
 * The Reports page's period, as the CLI reads `--from DAY --to DAY`: UTC days, both included, so
 * "2026-01-01 to 2026-12-31" is the whole year; the API takes the instants [from, to).
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The last 30 days, today included. */
export function defaultPeriod(nowMs: number): { from: string; to: string } {
  return { from: dayOf(nowMs - 29 * DAY_MS), to: dayOf(nowMs) };
}

export type PeriodProblem = 'from' | 'to' | 'order' | null;

export function periodProblem(from: string, to: string): PeriodProblem {
  if (!isDay(from)) return 'from';
  if (!isDay(to)) return 'to';
  return from > to ? 'order' : null;
}

/** The API's instants: from the start of `from` to the end of `to` (UTC). */
export function periodInstants(from: string, to: string): { from: string; to: string } {
  return { from: `${from}T00:00:00.000Z`, to: new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS).toISOString() };
}
