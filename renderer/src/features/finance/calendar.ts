/**
 * Calendar days (YYYY-MM-DD) as the ledger uses them: UTC, no time of day. The ledger's "as of"
 * defaults to today in UTC, so the form's defaults use the same clock.
 */

/** Today as YYYY-MM-DD in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A real calendar day as YYYY-MM-DD (2026-02-30 is refused). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** `months` later (or earlier, negative) on the same day of month, clamped to the month's end. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(targetYear, targetMonth, Math.min(date, lastDay)));
  return result.toISOString().slice(0, 10);
}
