import { describe, expect, it } from 'vitest';
import { addMonths, isCalendarDate, todayUtc } from './calendar';
import { financeFormats } from './finance-formats';

const NBSP = /[\u00a0\u202f]/g;

describe('financeFormats', () => {
  it('prints money with every digit and the language grouping', () => {
    expect(financeFormats('en').money(1_000_000_000_000n)).toBe('1,000,000.00');
    expect(financeFormats('fr').money(88_848_793_450n).replace(NBSP, ' ')).toBe('88 848,79345');
  });

  it('prints calendar days in UTC, whatever the local zone', () => {
    expect(financeFormats('en').date('2026-03-01')).toBe('Mar 1, 2026');
    expect(financeFormats('fr').date('2026-03-01')).toBe('1 mars 2026');
  });

  it('prints exact percentages and multiples', () => {
    expect(financeFormats('en').percent('12.5')).toBe('12.5%');
    expect(financeFormats('fr').percent('12.5').replace(NBSP, ' ')).toBe('12,5 %');
    expect(financeFormats('en').percent('0.123456')).toBe('0.123456%');
    expect(financeFormats('fr').multiple('1.25')).toBe('1,25×');
  });
});

describe('calendar days', () => {
  it('adds months on the same day, clamped to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-24', -4)).toBe('2026-07-24');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });

  it('knows real days and today in UTC', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('26-2-3')).toBe(false);
    expect(todayUtc(new Date('2026-11-24T23:30:00-05:00'))).toBe('2026-11-25');
  });
});
