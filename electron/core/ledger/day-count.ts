import { civilFromDay, dayFromCivil, daysInYear, isLastDayOfFebruary, type Day } from './civil-date';
import type { Ratio } from './rational';

export const DAY_COUNTS = ['30/360', 'ACT/360', 'ACT/365F', 'ACT/ACT'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];

/**
 * 30/360 US, exactly as spreadsheets compute DAYS360(start, end, FALSE) (checked against
 * Gnumeric on every pair of 1st, 15th and 27th-31st dates of 2023-2026 less than 800 days apart,
 * in test/integration/ledger-schedule-oracle.test.ts):
 *  1. start and end both the last day of February: the end counts as the 30th;
 *  2. the end is the 31st and the start is the 30th or 31st: the end counts as the 30th;
 *  3. the start is the 31st or the last day of February: the start counts as the 30th.
 */
export function days360(from: Day, to: Day): number {
  const start = civilFromDay(from);
  const end = civilFromDay(to);
  let startDay = start.day;
  let endDay = end.day;
  if (isLastDayOfFebruary(start) && isLastDayOfFebruary(end)) endDay = 30;
  if (endDay === 31 && start.day >= 30) endDay = 30;
  if (start.day === 31 || isLastDayOfFebruary(start)) startDay = 30;
  return (end.year - start.year) * 360 + (end.month - start.month) * 30 + (endDay - startDay);
}

/**
 * ACT/ACT ISDA: the days falling in each calendar year over that year's length (365 or 366).
 * As one exact fraction: Σ days_y / length_y, over the common denominator.
 */
function actualActualIsda(from: Day, to: Day): Ratio {
  const firstYear = civilFromDay(from).year;
  const lastYear = civilFromDay(to).year;
  if (firstYear === lastYear) return { num: BigInt(to - from), den: BigInt(daysInYear(firstYear)) };
  // Only two year lengths exist, so sum the days per length and combine once.
  let daysIn365 = 0;
  let daysIn366 = 0;
  let cursor = from;
  for (let year = firstYear; year <= lastYear; year += 1) {
    const yearEnd = Math.min(to, dayFromCivil({ year: year + 1, month: 1, day: 1 }));
    if (daysInYear(year) === 366) daysIn366 += yearEnd - cursor;
    else daysIn365 += yearEnd - cursor;
    cursor = yearEnd;
  }
  return { num: BigInt(daysIn365 * 366 + daysIn366 * 365), den: 365n * 366n };
}


/** The fraction of a year between two dates under a day-count convention, exactly. */
export function yearFraction(dayCount: DayCount, from: Day, to: Day): Ratio {
  if (to < from) throw new RangeError('a period cannot end before it starts');
  switch (dayCount) {
    case '30/360':
      return { num: BigInt(days360(from, to)), den: 360n };
    case 'ACT/360':
      return { num: BigInt(to - from), den: 360n };
    case 'ACT/365F':
      return { num: BigInt(to - from), den: 365n };
    case 'ACT/ACT':
      return actualActualIsda(from, to);
  }
}
