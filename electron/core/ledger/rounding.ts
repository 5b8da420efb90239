/**
 * Exact integer division with explicit rounding. Every amount the ledger computes is a ratio
 * of bigints first; it becomes money only here, so the rounding rule is written once.
 */

/** One cent in micro-units: installment lines are rounded to this. */
export const CENT = 10_000n;

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** numerator / denominator rounded to the nearest integer, ties to the even neighbour (banker's rounding). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideHalfEven(-numerator, -denominator);
  const quotient = numerator / denominator; // truncates toward zero
  const twiceRemainder = 2n * abs(numerator % denominator);
  if (twiceRemainder < denominator) return quotient;
  const awayFromZero = quotient + (numerator < 0n ? -1n : 1n);
  if (twiceRemainder > denominator) return awayFromZero;
  return quotient % 2n === 0n ? quotient : awayFromZero;
}

/** numerator / denominator (in micro-units) rounded half-even to a whole cent, still in micro-units. */
export function roundToCent(numerator: bigint, denominator = 1n): bigint {
  return divideHalfEven(numerator, denominator * CENT) * CENT;
}

/** numerator / denominator rounded down (toward −∞) to a whole cent, in micro-units. */
export function floorToCent(numerator: bigint, denominator = 1n): bigint {
  const scaled = denominator * CENT;
  const quotient = numerator / scaled;
  const floor = numerator % scaled !== 0n && (numerator < 0n) !== (scaled < 0n) ? quotient - 1n : quotient;
  return floor * CENT;
}

export function isWholeCents(micro: bigint): boolean {
  return micro % CENT === 0n;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
