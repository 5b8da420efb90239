import { describe, expect, it } from 'vitest';
import { addMonthsClamped, civilFromDay, dayFromCivil, formatIsoDate, isLeapYear, isValidIsoDate, parseIsoDate } from './civil-date';

const day = (iso: string) => parseIsoDate(iso);

describe('calendar days', () => {
  it('numbers days from 1970-01-01 and back, over four centuries', () => {
    expect(dayFromCivil({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(day('2000-03-01') - day('2000-02-28')).toBe(2);
    expect(day('1900-03-01') - day('1900-02-28')).toBe(1);
    for (let n = -150_000; n <= 150_000; n += 97) expect(dayFromCivil(civilFromDay(n))).toBe(n);
    expect(formatIsoDate(day('2024-02-29'))).toBe('2024-02-29');
  });

  it('agrees with the JavaScript calendar on every day of 1990-2060', () => {
    for (let n = day('1990-01-01'); n <= day('2060-12-31'); n += 1) expect(formatIsoDate(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
  });

  it('knows leap years', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-1-1', '2024-04-31', '24-01-01', ''])('refuses %j', (text) => {
    expect(isValidIsoDate(text)).toBe(false);
    expect(() => parseIsoDate(text)).toThrow(RangeError);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-01-31', 2, '2024-03-31'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-12-31', 2, '2025-02-28'],
    ['2024-08-31', 3, '2024-11-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
  ])('%s + %d months = %s (same day, clamped to the month end)', (from, months, expected) => {
    expect(formatIsoDate(addMonthsClamped(day(from), months))).toBe(expected);
  });
});
