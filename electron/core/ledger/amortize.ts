import type { Day } from './civil-date';
import { yearFraction, type DayCount } from './day-count';
import type { Ratio } from './rational';
import { roundToCent } from './rounding';

/** How much principal each installment repays before the last one, which takes the rest. */
export type PrincipalRule =
  | { kind: 'level-payment'; payment: bigint }
  | { kind: 'fixed-principal'; amount: bigint }
  | { kind: 'at-maturity' };

export interface AmortizeInput {
  /** Number of the first line generated (1 for a new schedule; later after a prepayment). */
  firstN: number;
  /** Principal outstanding on `accrualFrom`. */
  opening: bigint;
  accrualFrom: Day;
  /**
   * Interest already accrued (and rounded) for the first line before `accrualFrom` (after a
   * prepayment: on the old balance). It is added to the line's payment; the principal rule
   * applies to the rest, so a level payment stays level on the new balance.
   */
  carriedInterest: bigint;
  dueDates: readonly Day[];
  annualRate: Ratio;
  dayCount: DayCount;
  rule: PrincipalRule;
  /** Principal left for the last line; with endEarly the schedule stops once the balance reaches it. */
  balloon: bigint;
  /** Shorten the term: stop as soon as the rule would take the balance to the balloon or below. */
  endEarly: boolean;
}

export interface AmortizedLine {
  n: number;
  dueDate: Day;
  payment: bigint;
  interest: bigint;
  principal: bigint;
  balance: bigint;
  /** The balance this line's interest accrues on from `accrualFrom`, plus what accrued before. */
  opening: bigint;
  accrualFrom: Day;
  carriedInterest: bigint;
}

/** Interest on `balance` between two dates: one line, rounded half-even to the cent. */
export function periodInterest(balance: bigint, annualRate: Ratio, dayCount: DayCount, from: Day, to: Day): bigint {
  if (balance === 0n || annualRate.num === 0n) return 0n;
  const fraction = yearFraction(dayCount, from, to);
  return roundToCent(balance * annualRate.num * fraction.num, annualRate.den * fraction.den);
}

function rulePrincipal(rule: PrincipalRule, interest: bigint): bigint {
  switch (rule.kind) {
    case 'level-payment':
      return rule.payment - interest;
    case 'fixed-principal':
      return rule.amount;
    case 'at-maturity':
      return 0n;
  }
}

/**
 * Generates installments: each line's interest is the balance × rate × the day-count fraction of
 * its own period, rounded half-even to the cent; principal follows the rule; the last line
 * takes whatever principal is left, so the principal of the lines sums exactly to `opening`.
 * A level payment below a long period's interest (ACT/360 over 31 days, a long stub) gives a
 * negative principal: the unpaid interest is added to the balance, and later lines repay it.
 */
export function amortize(input: AmortizeInput): AmortizedLine[] {
  const lines: AmortizedLine[] = [];
  let balance = input.opening;
  let from = input.accrualFrom;
  let carried = input.carriedInterest;
  for (const [index, dueDate] of input.dueDates.entries()) {
    const accrued = periodInterest(balance, input.annualRate, input.dayCount, from, dueDate);
    const interest = carried + accrued;
    let principal = rulePrincipal(input.rule, accrued);
    const last =
      index === input.dueDates.length - 1 ||
      balance === 0n ||
      principal >= balance ||
      (input.endEarly && balance - principal <= input.balloon);
    if (last) principal = balance;
    lines.push({ n: input.firstN + index, dueDate, payment: interest + principal, interest, principal, balance: balance - principal, opening: balance, accrualFrom: from, carriedInterest: carried });
    balance -= principal;
    from = dueDate;
    carried = 0n;
    if (last) break;
  }
  return lines;
}
