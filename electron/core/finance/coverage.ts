import { parseDecimal, type Ratio } from '../ledger/rational';
import { CENT } from '../ledger/rounding';
import { conditionCounts, type CollateralCondition } from './collateral-condition';
import { advanceOn } from './depreciation';

/** One pledged asset on the as-of day. */
export interface CollateralLine {
  assetId: string;
  condition: CollateralCondition;
  /** The depreciated value from its appraisal (0 without one). */
  value: bigint;
  /** What counts toward coverage: the value when the condition counts, else 0. */
  eligibleValue: bigint;
  advanceRatePct: string | null;
  /** eligible value × advance rate, half-even to the cent. */
  borrowingBase: bigint;
}

export function collateralLine(assetId: string, condition: CollateralCondition, value: bigint, advanceRatePct: string | null): CollateralLine {
  const eligibleValue = conditionCounts(condition) ? value : 0n;
  return { assetId, condition, value, eligibleValue, advanceRatePct, borrowingBase: advanceRatePct === null ? 0n : advanceOn(eligibleValue, advanceRatePct) };
}

export interface Cures {
  /** Pledge eligible collateral worth at least Cmin × O − V more. */
  pledgeMore: bigint;
  /** Or repay at least O − V / Cmin of the outstanding principal. */
  repay: bigint;
}

export interface CoverageFigures {
  /** V: eligible (healthy, present, identity-checked) depreciated value, gross of advance rates. */
  eligibleValue: bigint;
  /** Every pledged asset's depreciated value, whether it counts or not. */
  pledgedValue: bigint;
  /** O: the facility's outstanding principal. */
  outstanding: bigint;
  /** V / O to 4 decimals (rounded down) as a string, null with nothing outstanding. */
  coverage: string | null;
  /** floor(V × 10,000 / O), capped at uint32; 4,294,967,295 with nothing outstanding. */
  coverageBps: number;
  borrowingBase: bigint;
  /** Borrowing base − outstanding: negative when more is advanced than the base allows. */
  availability: bigint;
  minCoverage: string | null;
  breached: boolean;
  cures: Cures | null;
}

export const UINT32_MAX = 4_294_967_295;

function ceilToCent(numerator: bigint, denominator: bigint): bigint {
  const scaled = denominator * CENT;
  const quotient = numerator / scaled;
  return (numerator % scaled === 0n || numerator < 0n ? quotient : quotient + 1n) * CENT;
}

/** V / O as a decimal string with 4 decimals, rounded down (a covenant is never passed by rounding). */
export function formatCoverage(value: bigint, outstanding: bigint): string | null {
  if (outstanding <= 0n) return null;
  const tenThousandths = (value * 10_000n) / outstanding;
  return `${tenThousandths / 10_000n}.${(tenThousandths % 10_000n).toString().padStart(4, '0')}`;
}

/**
 * Coverage of a facility and its minimum-coverage covenant. With Cmin = a/b, the covenant holds
 * when b·V ≥ a·O. On a breach the two cures share the shortfall a·O − b·V:
 * pledge more = (a·O − b·V) / b = Cmin × O − V, repay = (a·O − b·V) / a = O − V / Cmin — each
 * rounded UP to the cent, so that doing exactly what it says does cure the breach.
 */
export function coverageOf(lines: readonly CollateralLine[], outstanding: bigint, minCoverage: string | null): CoverageFigures {
  let eligibleValue = 0n;
  let pledgedValue = 0n;
  let borrowingBase = 0n;
  for (const line of lines) {
    eligibleValue += line.eligibleValue;
    pledgedValue += line.value;
    borrowingBase += line.borrowingBase;
  }
  const coverageBps = outstanding <= 0n ? UINT32_MAX : Number(((eligibleValue * 10_000n) / outstanding) > BigInt(UINT32_MAX) ? BigInt(UINT32_MAX) : (eligibleValue * 10_000n) / outstanding);
  let breached = false;
  let cures: Cures | null = null;
  if (minCoverage !== null && outstanding > 0n) {
    const cmin: Ratio = parseDecimal(minCoverage);
    const shortfall = cmin.num * outstanding - cmin.den * eligibleValue;
    if (shortfall > 0n) {
      breached = true;
      cures = { pledgeMore: ceilToCent(shortfall, cmin.den), repay: ceilToCent(shortfall, cmin.num) };
    }
  }
  return { eligibleValue, pledgedValue, outstanding, coverage: formatCoverage(eligibleValue, outstanding), coverageBps, borrowingBase, availability: borrowingBase - outstanding, minCoverage, breached, cures };
}
