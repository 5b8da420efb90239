import { addMonthsToCivil, civilFromDay, type Day } from './civil-date';

export type Frequency = 'monthly' | 'quarterly';

export function monthsPerPeriod(frequency: Frequency): 1 | 3 {
  return frequency === 'monthly' ? 1 : 3;
}

/**
 * The due dates of `periods` installments. Without a stub the first falls one period after
 * the start and every date keeps the start's day of month (clamped: a Jan 31 start is due
 * Feb 28/29, then Mar 31). With a stub first due date, the later ones keep its day of month.
 * Each date is counted from its anchor, never from the previous clamped date.
 */
export function dueDates(start: Day, firstDue: Day | null, periods: number, months: number): Day[] {
  const anchor = civilFromDay(firstDue ?? start);
  const offset = firstDue === null ? 0 : -1;
  const dates: Day[] = [];
  for (let k = 1; k <= periods; k += 1) dates.push(addMonthsToCivil(anchor, (k + offset) * months));
  return dates;
}
