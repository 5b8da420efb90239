/**
 * Exact rates. A rate arrives as a decimal string ("12.5" %, "1.25" ×) and stays a ratio of
 * bigints so that no binary fraction ever touches an amount.
 */
export interface Ratio {
  /** numerator (any sign) */
  readonly num: bigint;
  /** denominator, always positive */
  readonly den: bigint;
}

const DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function ratio(num: bigint, den = 1n): Ratio {
  if (den === 0n) throw new RangeError('a ratio cannot have a zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den) || 1n;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

/** "12.5" -> 25/2. Only plain non-negative decimals: no exponent, sign or spaces. */
export function parseDecimal(text: string): Ratio {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a plain decimal number: "${text}"`);
  const fraction = match[2] ?? '';
  return ratio(BigInt(match[1]! + fraction), 10n ** BigInt(fraction.length));
}

/** A percentage as a fraction: "12.5" -> 1/8. */
export function parsePercent(text: string): Ratio {
  const value = parseDecimal(text);
  return ratio(value.num, value.den * 100n);
}

export function multiply(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den);
}

export function add(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function isZero(value: Ratio): boolean {
  return value.num === 0n;
}

export function compare(a: Ratio, b: Ratio): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const ONE: Ratio = { num: 1n, den: 1n };
