import { describe, expect, it } from 'vitest';
import { decimalMark, formatMoney, parseCostInput, unitsForInput } from './money-display';

describe('money on screen', () => {
  it('groups digits by language and keeps every digit exact', () => {
    expect(formatMoney(28_500_500_000n, 'en')).toBe('28,500.50');
    expect(formatMoney(28_500_500_000n, 'fr')).toBe('28\u202f500,50');
    expect(formatMoney(0n, 'en')).toBe('0.00');
    expect(formatMoney(1n, 'en')).toBe('0.000001');
    // 2^53 + 1 units and micro-units a float would round away.
    expect(formatMoney(9_007_199_254_740_993_123_457n, 'en')).toBe('9,007,199,254,740,993.123457');
  });

  it('fills the edit field with whole units, at least two decimals, no grouping', () => {
    expect(unitsForInput(28_500_500_000n)).toBe('28500.50');
    expect(unitsForInput(28_500_000_000n)).toBe('28500.00');
    expect(unitsForInput(1_234_567n)).toBe('1.234567');
    expect(unitsForInput(1_120_000n)).toBe('1.12');
    expect(unitsForInput(null)).toBe('');
  });

  it('reads what an operator types, or says what is wrong', () => {
    expect(parseCostInput('28500.50', 'en')).toEqual({ ok: true, value: 28_500_500_000n });
    expect(parseCostInput(' 28 500.5 ', 'en')).toEqual({ ok: true, value: 28_500_500_000n });
    expect(parseCostInput('28\u202f500,50', 'fr')).toEqual({ ok: true, value: 28_500_500_000n });
    expect(parseCostInput('28500.50', 'fr')).toEqual({ ok: true, value: 28_500_500_000n });
    expect(parseCostInput('', 'en')).toEqual({ ok: true, value: null });
    expect(parseCostInput('0', 'en')).toEqual({ ok: true, value: 0n });
    expect(parseCostInput('28,500.50', 'en')).toEqual({ ok: false, error: 'grouping' });
    expect(parseCostInput('28,500', 'en')).toEqual({ ok: false, error: 'grouping' });
    expect(parseCostInput('1,000,50', 'fr')).toEqual({ ok: false, error: 'grouping' });
    expect(parseCostInput('-5', 'en')).toEqual({ ok: false, error: 'negative' });
    expect(parseCostInput('1.1234567', 'en')).toEqual({ ok: false, error: 'precision' });
    expect(parseCostInput('12abc', 'en')).toEqual({ ok: false, error: 'format' });
    expect(parseCostInput('1e5', 'en')).toEqual({ ok: false, error: 'format' });
  });

  it('knows each language’s decimal mark', () => {
    expect(decimalMark('en')).toBe('.');
    expect(decimalMark('fr')).toBe(',');
  });
});
