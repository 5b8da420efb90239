import { describe, expect, it } from 'vitest';
import { divideHalfEven, floorToCent, isWholeCents, roundToCent } from './rounding';

describe('half-even division', () => {
  it.each([
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [10n, 4n, 2n],
    [14n, 4n, 4n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [0n, 7n, 0n],
    [5n, -2n, -2n],
    [123456789012345678901234567890n, 10n, 12345678901234567890123456789n],
  ])('%d / %d = %d (ties go to the even neighbour)', (numerator, denominator, expected) => {
    expect(divideHalfEven(numerator, denominator)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => divideHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe('cents', () => {
  it('rounds micro-units half-even to whole cents', () => {
    expect(roundToCent(12_345n)).toBe(10_000n); // 1.2345 cents
    expect(roundToCent(15_000n)).toBe(20_000n); // 1.5 → 2
    expect(roundToCent(25_000n)).toBe(20_000n); // 2.5 → 2
    expect(roundToCent(-15_000n)).toBe(-20_000n);
    expect(roundToCent(1_000_000n, 3n)).toBe(330_000n); // 1/3 unit
  });

  it('floors toward −∞', () => {
    expect(floorToCent(19_999n)).toBe(10_000n);
    expect(floorToCent(30_000n)).toBe(30_000n);
    expect(floorToCent(-1n)).toBe(-10_000n);
    expect(floorToCent(1_000_000n, 3n)).toBe(330_000n);
  });

  it('knows a whole number of cents', () => {
    expect(isWholeCents(1_230_000n)).toBe(true);
    expect(isWholeCents(1_230_001n)).toBe(false);
  });
});
