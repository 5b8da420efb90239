import { addMonthsClamped, civilFromDay, parseIsoDate, type Day } from '../ledger/civil-date';
import { parsePercent } from '../ledger/rational';
import { maxBig, roundToCent } from '../ledger/rounding';

export type DepreciationMethod = 'straight-line' | 'declining-balance';

/** An appraisal: a value on a day and how it depreciates from there. */
export interface Appraisal {
  id: number;
  assetId: string;
  appraisedOn: string;
  value: bigint;
  method: DepreciationMethod;
  /** Straight line: months to reach the residual. */
  lifeMonths: number | null;
  residualValue: bigint;
  /** Declining balance: annual rate in percent; the value falls by rate/12 each whole month. */
  annualRatePct: string | null;
  /** The share of the value a lender advances against it, in percent ("75"). */
  advanceRatePct: string;
}

/** Whole months from `from` to `asOf`: the k with from + k months (clamped) ≤ asOf. */
export function wholeMonthsBetween(from: Day, asOf: Day): number {
  if (asOf < from) return 0;
  const a = civilFromDay(from);
  const b = civilFromDay(asOf);
  // The calendar difference in months, then one back if that anniversary falls after asOf.
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  return addMonthsClamped(from, months) <= asOf ? months : months - 1;
}

const powCache = new Map<string, bigint>();
function pow(base: bigint, exponent: number): bigint {
  const key = `${base}^${exponent}`;
  let value = powCache.get(key);
  if (value === undefined) {
    value = base ** BigInt(exponent);
    if (powCache.size > 10_000) powCache.clear();
    powCache.set(key, value);
  }
  return value;
}

/**
 * The depreciated value of an appraisal on `asOf`, rounded half-even to the cent. Depreciation
 * runs in whole months from the appraisal date (an appraisal made on Jan 31 loses its first
 * month on Feb 28/29):
 * - straight line: value − (value − residual) × min(m, life) / life;
 * - declining balance: value × (1 − rate/12)^m, never below the residual.
 * Before the appraisal date the asset has no value from it (0).
 */
export function depreciatedValue(appraisal: Appraisal, asOf: Day): bigint {
  const from = parseIsoDate(appraisal.appraisedOn);
  if (asOf < from) return 0n;
  const months = wholeMonthsBetween(from, asOf);
  const { value, residualValue } = appraisal;
  if (appraisal.method === 'straight-line') {
    const life = BigInt(appraisal.lifeMonths!);
    const elapsed = BigInt(Math.min(months, appraisal.lifeMonths!));
    return value - roundToCent((value - residualValue) * elapsed, life);
  }
  const rate = parsePercent(appraisal.annualRatePct!);
  // 1 − rate/12 = (12·den − num) / (12·den), raised to m, exactly.
  const den = 12n * rate.den;
  const num = den - rate.num;
  const declined = roundToCent(value * pow(num, months), pow(den, months));
  return maxBig(declined, residualValue);
}

/** The borrowing base of one asset: its value × advance rate, half-even to the cent. */
export function advanceOn(value: bigint, advanceRatePct: string): bigint {
  const rate = parsePercent(advanceRatePct);
  return roundToCent(value * rate.num, rate.den);
}
