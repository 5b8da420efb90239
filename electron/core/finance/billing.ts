import { addMonthsClamped, parseIsoDate, type Day } from '../ledger/civil-date';
import { roundToCent } from '../ledger/rounding';

export type ContractKind = 'compute-lease' | 'raas-subscription';
export type BillingUnit = 'gpu-hour' | 'gpu-month' | 'robot-month';

/** What billing needs of a contract. Units are the assets that serve it (GPUs or robots). */
export interface BillingTerms {
  startDate: string;
  termMonths: number;
  billingUnit: BillingUnit;
  /** Micro-units per GPU-hour, per GPU-month or per robot-month. */
  unitPrice: bigint;
  units: number;
  paymentTermsDays: number;
}

/** One billing period: [start, end) in days, invoiced on its end, due paymentTermsDays later. */
export interface BillingPeriod {
  n: number;
  start: Day;
  /** Exclusive: the next period's first day, and the day the invoice is issued. */
  end: Day;
  issue: Day;
  due: Day;
  amount: bigint;
}

const HOURS_PER_DAY = 24n;

/**
 * What period n (1-based) of a contract bills. A lease priced per GPU-hour bills the reserved
 * capacity: units × hours in the period (24 per UTC calendar day) × price; per GPU-month and per
 * robot-month: units × price. Rounded half-even to the cent, once per invoice.
 */
export function periodAmount(terms: BillingTerms, start: Day, end: Day): bigint {
  const units = BigInt(terms.units);
  if (terms.billingUnit === 'gpu-hour') return roundToCent(units * BigInt(end - start) * HOURS_PER_DAY * terms.unitPrice);
  return roundToCent(units * terms.unitPrice);
}

/**
 * The contract's monthly billing periods: period n runs from start + (n−1) months to start + n
 * months (the start's day of month, clamped to shorter months, always counted from the start),
 * is invoiced in arrears on its last day's morrow and falls due `paymentTermsDays` later.
 */
export function billingPeriods(terms: BillingTerms): BillingPeriod[] {
  const start = parseIsoDate(terms.startDate);
  const periods: BillingPeriod[] = [];
  for (let n = 1; n <= terms.termMonths; n += 1) {
    const from = addMonthsClamped(start, n - 1);
    const to = addMonthsClamped(start, n);
    periods.push({ n, start: from, end: to, issue: to, due: to + terms.paymentTermsDays, amount: periodAmount(terms, from, to) });
  }
  return periods;
}

/** The day after the last period: when the contract ends. */
export function contractEnd(terms: Pick<BillingTerms, 'startDate' | 'termMonths'>): Day {
  return addMonthsClamped(parseIsoDate(terms.startDate), terms.termMonths);
}

/** Monthly periods left on a contract on `asOf`: those not yet over, the running one included (0 once ended). */
export function remainingMonths(terms: Pick<BillingTerms, 'startDate' | 'termMonths'>, asOf: Day): number {
  const start = parseIsoDate(terms.startDate);
  let remaining = 0;
  for (let n = terms.termMonths; n >= 1 && addMonthsClamped(start, n) > asOf; n -= 1) remaining += 1;
  return remaining;
}
