import { describe, expect, it } from 'vitest';
import { formatCents, toScheduleJson } from './calculator-json';
import { previewSchedule } from './schedule-preview';

describe('calculator JSON', () => {
  it('prints amounts with exactly two decimals, rounding sub-cent digits half-even', () => {
    expect(formatCents(0n)).toBe('0.00');
    expect(formatCents(1_234_560_000n)).toBe('1234.56');
    expect(formatCents(-50_000n)).toBe('-0.05');
    expect(formatCents(15_000n)).toBe('0.02');
    expect(formatCents(25_000n)).toBe('0.02');
    expect(formatCents(123_456_789_012_345_670_000n)).toBe('123456789012345.67');
  });

  it('gives the schedule document its documented keys, in order', () => {
    const json = toScheduleJson(previewSchedule({ principal: 1_000_000_000n, annualRatePct: '10', periods: 2, frequency: 'monthly', amortization: 'annuity', balloon: 0n, startDate: '2024-01-15', firstDueDate: null, dayCount: '30/360' }));
    expect(Object.keys(json)).toEqual(['installments', 'totals']);
    expect(Object.keys(json.installments[0]!)).toEqual(['n', 'dueDate', 'payment', 'interest', 'principal', 'balance']);
    expect(Object.keys(json.totals)).toEqual(['payment', 'interest', 'principal']);
    expect(json.totals.principal).toBe('1000.00');
  });
});
