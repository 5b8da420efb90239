import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './civil-date';
import { days360, yearFraction } from './day-count';

const day = (iso: string) => parseIsoDate(iso);

describe('30/360 (DAYS360 US, as spreadsheets compute it)', () => {
  it.each([
    ['2024-01-15', '2024-02-15', 30],
    ['2024-01-31', '2024-02-29', 29],
    ['2024-02-29', '2024-03-31', 31],
    ['2023-02-28', '2023-03-31', 31],
    ['2024-02-28', '2024-03-31', 33],
    ['2024-01-15', '2024-02-29', 44],
    ['2024-01-30', '2024-03-31', 60],
    ['2024-01-29', '2024-03-31', 62],
    ['2024-02-29', '2025-02-28', 360],
    ['2024-03-31', '2024-04-30', 30],
    ['2024-01-01', '2025-01-01', 360],
  ])('%s → %s is %d days', (from, to, expected) => {
    expect(days360(day(from), day(to))).toBe(expected);
  });
});

describe('year fractions', () => {
  it('ACT/360 and ACT/365F count actual days', () => {
    expect(yearFraction('ACT/360', day('2024-01-31'), day('2024-03-01'))).toEqual({ num: 30n, den: 360n });
    expect(yearFraction('ACT/365F', day('2024-01-01'), day('2025-01-01'))).toEqual({ num: 366n, den: 365n });
  });

  it('ACT/ACT ISDA splits a period at each new year', () => {
    expect(yearFraction('ACT/ACT', day('2024-03-01'), day('2024-04-01'))).toEqual({ num: 31n, den: 366n });
    // 17 days of 2024 (366) and 14 days of 2025 (365)
    expect(yearFraction('ACT/ACT', day('2024-12-15'), day('2025-01-15'))).toEqual({ num: 14n * 366n + 17n * 365n, den: 365n * 366n });
    // 184/365 + 366/366 + 181/365 = 2 exactly
    const twoYears = yearFraction('ACT/ACT', day('2023-07-01'), day('2025-07-01'));
    expect(twoYears.num).toBe(2n * twoYears.den);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => yearFraction('ACT/360', day('2024-02-01'), day('2024-01-01'))).toThrow(RangeError);
  });
});
