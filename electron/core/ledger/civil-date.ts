/**
 * Calendar dates without time zones. A due date is a day on the calendar, not an instant, so
 * it is held as a day number (days since 1970-01-01) and converted with the proleptic
 * Gregorian rules — never through Date and a local time zone.
 */
export type Day = number;

export interface YearMonthDay {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Day number of a civil date (0 = 1970-01-01), valid for any Gregorian year. */
export function dayFromCivil({ year, month, day }: YearMonthDay): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromDay(dayNumber: Day): YearMonthDay {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isValidIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 && Number(match[3]) >= 1 && Number(match[3]) <= daysInMonth(Number(match[1]), month);
}

/** "2026-01-31" -> day number; throws on anything that is not a real calendar date. */
export function parseIsoDate(text: string): Day {
  if (!isValidIsoDate(text)) throw new RangeError(`not a calendar date (YYYY-MM-DD): "${text}"`);
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return dayFromCivil({ year, month, day });
}

export function formatIsoDate(dayNumber: Day): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The same day of the month `months` later, clamped to the end of a shorter month:
 * Jan 31 + 1 month = Feb 28 (29 in a leap year), Jan 31 + 2 months = Mar 31. Always counted
 * from the anchor, never chained, so a clamped February does not drag later months back.
 */
export function addMonthsClamped(anchor: Day, months: number): Day {
  return addMonthsToCivil(civilFromDay(anchor), months);
}

/** addMonthsClamped from a date already split into year, month and day (a schedule computes it once). */
export function addMonthsToCivil({ year, month, day }: YearMonthDay, months: number): Day {
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return dayFromCivil({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

export function isLastDayOfFebruary({ year, month, day }: YearMonthDay): boolean {
  return month === 2 && day === daysInMonth(year, 2);
}

/** Today's date in UTC, as the ledger's default "as of". */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
