import type { Ratio } from './rational';
import { roundToCent } from './rounding';

/**
 * The level payment that takes `principal` down to `balloon` in `n` periods at `periodRate`,
 * computed exactly and then rounded half-even to the cent:
 *
 *   payment = (P·(1+i)ⁿ − B) · i / ((1+i)ⁿ − 1)      and (P − B) / n when i = 0.
 *
 * With i = a/b this is (P·(a+b)ⁿ − B·bⁿ) · a / (b · ((a+b)ⁿ − bⁿ)): integers only.
 */
export function levelPayment(principal: bigint, balloon: bigint, periodRate: Ratio, n: number): bigint {
  if (periodRate.num === 0n) return roundToCent(principal - balloon, BigInt(n));
  const a = periodRate.num;
  const b = periodRate.den;
  const growth = (a + b) ** BigInt(n);
  const base = b ** BigInt(n);
  return roundToCent((principal * growth - balloon * base) * a, b * (growth - base));
}
