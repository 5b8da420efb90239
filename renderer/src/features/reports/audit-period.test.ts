import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64 } from './audit-files';
import { dayOf, defaultPeriod, isDay, periodInstants, periodProblem } from './audit-period';

describe('the Reports page period', () => {
  it('reads days as the CLI does: UTC, both included', () => {
    expect(periodInstants('2026-01-01', '2026-12-31')).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(periodInstants('2026-02-28', '2026-02-28')).toEqual({ from: '2026-02-28T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(defaultPeriod(Date.UTC(2026, 11, 6, 12))).toEqual({ from: '2026-11-07', to: '2026-12-06' });
  });

  it('names what is wrong with a period', () => {
    expect(periodProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(periodProblem('2026-02-30', '2026-03-01')).toBe('from');
    expect(periodProblem('2026-01-01', '')).toBe('to');
    expect(periodProblem('2026-02-01', '2026-01-31')).toBe('order');
    expect(isDay('2026-1-01')).toBe(false);
  });

  it('every day round-trips (fast-check)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4102444800000 }), (ms) => isDay(dayOf(ms)) && periodProblem(dayOf(ms), dayOf(ms)) === null));
  });
});

describe('base64 of a file chunk', () => {
  it('decodes back to the same bytes, also past the 32 KiB slices (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const binary = atob(toBase64(bytes));
        return binary.length === bytes.length && bytes.every((byte, i) => binary.charCodeAt(i) === byte);
      }),
      { numRuns: 30 },
    );
    expect(toBase64(new Uint8Array([0, 255, 16]))).toBe('AP8Q');
  });
});
