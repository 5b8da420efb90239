import type { ScheduleTerms } from '../../contract/schemas/facilities';
import { addMonthsClamped, parseIsoDate, type Day } from './civil-date';
import type { DayCount } from './day-count';
import { dueDates, monthsPerPeriod } from './due-dates';
import { amortize, type AmortizedLine, type PrincipalRule } from './amortize';
import { levelPayment } from './annuity';
import { parsePercent, ratio, type Ratio } from './rational';
import { isWholeCents, roundToCent } from './rounding';
import { IssueList } from './terms-validation';

export type Amortization = ScheduleTerms['amortization'];

/** Terms with dates as day numbers and the rate as an exact fraction. */
export interface ParsedScheduleTerms {
  principal: bigint;
  /** Annual rate as a fraction: 12.5 % is 1/8. */
  annualRate: Ratio;
  periods: number;
  months: 1 | 3;
  amortization: Amortization;
  balloon: bigint;
  start: Day;
  firstDue: Day | null;
  dayCount: DayCount;
}

export interface GeneratedSchedule {
  lines: AmortizedLine[];
  /** Every contractual due date (a bullet has one line but keeps them for servicing). */
  dueDates: Day[];
  rule: PrincipalRule;
  /** Level payment or equal principal per installment; null for interest-only and bullet. */
  levelAmount: bigint | null;
}

/**
 * Checks what the schema cannot: whole cents, a balloon below the principal and only where it
 * means something, a stub first due date within (start, start + 2 periods].
 */
export function checkScheduleTerms(terms: ScheduleTerms, issues: IssueList, pathPrefix = ''): void {
  const at = (field: string) => `${pathPrefix}${field}`;
  const start = parseIsoDate(terms.startDate);
  issues.check(terms.principal > 0n, at('principal'), 'the principal must be positive');
  issues.check(isWholeCents(terms.principal), at('principal'), 'the principal must be a whole number of cents');
  issues.check(terms.balloon >= 0n && isWholeCents(terms.balloon), at('balloon'), 'the balloon must be a non-negative whole number of cents');
  issues.check(terms.principal <= 0n || terms.balloon < terms.principal, at('balloon'), 'the balloon must be less than the principal');
  issues.check(terms.balloon === 0n || terms.amortization === 'annuity' || terms.amortization === 'equal-principal', at('balloon'), 'a balloon applies to annuity and equal-principal schedules only');
  if (terms.firstDueDate !== null) {
    const firstDue = parseIsoDate(terms.firstDueDate);
    issues.check(firstDue > start, at('firstDueDate'), 'the first due date must be after the start date');
    issues.check(firstDue <= addMonthsClamped(start, 2 * monthsPerPeriod(terms.frequency)), at('firstDueDate'), 'a stub first period may be at most two periods long');
  }
}

/** Terms as the engine uses them; throws InvalidTermsError naming every bad field. */
export function parseScheduleTerms(terms: ScheduleTerms, issues = new IssueList(), pathPrefix = ''): ParsedScheduleTerms {
  checkScheduleTerms(terms, issues, pathPrefix);
  issues.throwIfAny();
  return {
    principal: terms.principal,
    annualRate: parsePercent(terms.annualRatePct),
    periods: terms.periods,
    months: monthsPerPeriod(terms.frequency),
    amortization: terms.amortization,
    balloon: terms.balloon,
    start: parseIsoDate(terms.startDate),
    firstDue: terms.firstDueDate === null ? null : parseIsoDate(terms.firstDueDate),
    dayCount: terms.dayCount,
  };
}

/** The nominal rate of one period (annual × months / 12): what the level payment is computed with. */
export function periodRate(terms: Pick<ParsedScheduleTerms, 'annualRate' | 'months'>): Ratio {
  return ratio(terms.annualRate.num * BigInt(terms.months), terms.annualRate.den * 12n);
}

export function principalRule(terms: ParsedScheduleTerms): PrincipalRule {
  switch (terms.amortization) {
    case 'annuity':
      return { kind: 'level-payment', payment: levelPayment(terms.principal, terms.balloon, periodRate(terms), terms.periods) };
    case 'equal-principal':
      return { kind: 'fixed-principal', amount: roundToCent(terms.principal - terms.balloon, BigInt(terms.periods)) };
    case 'interest-only':
    case 'bullet':
      return { kind: 'at-maturity' };
  }
}

export function levelAmountOf(rule: PrincipalRule): bigint | null {
  return rule.kind === 'level-payment' ? rule.payment : rule.kind === 'fixed-principal' ? rule.amount : null;
}

/**
 * The contractual schedule. Interest of each line accrues on the balance over its own period by
 * the day count (so a stub first period costs its actual days); the level payment uses the
 * nominal period rate; the last line absorbs every rounding and repays the rest. A bullet is one
 * line at maturity with simple interest over the whole term.
 */
export function generateSchedule(terms: ParsedScheduleTerms): GeneratedSchedule {
  const dates = dueDates(terms.start, terms.firstDue, terms.periods, terms.months);
  const rule = principalRule(terms);
  const lines = amortize({
    firstN: 1,
    opening: terms.principal,
    accrualFrom: terms.start,
    carriedInterest: 0n,
    dueDates: terms.amortization === 'bullet' ? [dates.at(-1)!] : dates,
    annualRate: terms.annualRate,
    dayCount: terms.dayCount,
    rule,
    balloon: terms.balloon,
    endEarly: false,
  });
  return { lines, dueDates: dates, rule, levelAmount: levelAmountOf(rule) };
}

export interface ScheduleTotals {
  payment: bigint;
  interest: bigint;
  principal: bigint;
}

export function totalsOf(lines: readonly Pick<AmortizedLine, 'payment' | 'interest' | 'principal'>[]): ScheduleTotals {
  return lines.reduce((sum, line) => ({ payment: sum.payment + line.payment, interest: sum.interest + line.interest, principal: sum.principal + line.principal }), { payment: 0n, interest: 0n, principal: 0n });
}
