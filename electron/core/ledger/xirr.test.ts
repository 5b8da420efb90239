import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './civil-date';
import { formatRate, xirr } from './xirr';

const flow = (date: string, units: number) => ({ day: parseIsoDate(date), amount: BigInt(Math.round(units * 1e6)) });

describe('XIRR', () => {
  it('finds the annual rate that discounts the flows to zero (Gnumeric: 0.13182243863670324429)', () => {
    const result = xirr([flow('2024-01-01', -1000), flow('2024-07-01', 500), flow('2025-01-01', 600)]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Math.abs(result.rate - 0.1318224386367032)).toBeLessThan(1e-12);
  });

  it('is 0 for money returned without gain, negative for a loss', () => {
    const flat = xirr([flow('2024-01-01', -100), flow('2025-01-01', 100)]);
    expect(flat.ok && formatRate(flat.rate)).toBe('0.0000000000');
    const loss = xirr([flow('2023-01-01', -100), flow('2024-01-01', 50)]); // 365 days: exactly one XIRR year
    expect(loss.ok && loss.rate).toBeCloseTo(-0.5, 12);
  });

  it('falls back to bisection when Newton from 10 % does not converge (a huge return in a day)', () => {
    const result = xirr([flow('2024-01-01', -100), flow('2024-01-02', 150)]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Math.abs(Math.pow(1 + result.rate, 1 / 365) - 1.5)).toBeLessThan(1e-9);
  });

  it.each([
    ['one flow', [flow('2024-01-01', -100)], /at least two/],
    ['no inflow', [flow('2024-01-01', -100), flow('2025-01-01', -100)], /negative.*positive/],
    ['no outflow', [flow('2024-01-01', 100), flow('2025-01-01', 100)], /negative.*positive/],
    ['a flow before the first', [flow('2024-01-01', -100), flow('2023-01-01', 110)], /earliest/],
  ])('has no root for %s, and says why', (_name, flows, reason) => {
    const result = xirr(flows);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('prints 10 decimals and never a negative zero', () => {
    expect(formatRate(0.131822438636703)).toBe('0.1318224386');
    expect(formatRate(-1e-13)).toBe('0.0000000000');
    expect(formatRate(-0.25)).toBe('-0.2500000000');
  });
});
