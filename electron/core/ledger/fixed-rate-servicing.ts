import { formatUnits } from '../../contract/money';
import type { AllocationBucket } from '../../contract/schemas/facilities';
import type { Day } from './civil-date';
import { yearFraction } from './day-count';
import { amortize, periodInterest, type AmortizedLine, type PrincipalRule } from './amortize';
import { levelPayment } from './annuity';
import type { ParsedFixedRateTerms } from './fixed-rate-terms';
import { emptyAllocation, PaymentRefusedError, type Allocation, type PaymentEvent } from './payments';
import { floorToCent, maxBig, minBig, roundToCent } from './rounding';
import { generateSchedule, periodRate } from './schedule';
import type { Contribution } from './settlement';

/** One installment while payments are replayed: the current schedule line and what it has received. */
export interface InstallmentState {
  line: AmortizedLine;
  paidInterest: bigint;
  paidPrincipal: bigint;
  /** Late fees charged on this installment: the flat fee plus penalty interest. */
  feesCharged: bigint;
  feesPaid: bigint;
  flatFeeCharged: boolean;
  /** Penalty interest has been charged up to this day. */
  penaltyFrom: Day;
  contributions: Contribution[];
}

interface CreditChunk {
  amount: bigint;
  receivedOn: Day;
}

/** Interest due in cash: a negative-principal line pays only its payment, the rest is capitalized. */
export function interestDue(line: AmortizedLine): bigint {
  return line.principal < 0n ? line.interest + line.principal : line.interest;
}

export function principalDue(line: AmortizedLine): bigint {
  return maxBig(line.principal, 0n);
}

export function owedOn(state: InstallmentState): { interest: bigint; principal: bigint; fees: bigint } {
  return {
    interest: interestDue(state.line) - state.paidInterest,
    principal: principalDue(state.line) - state.paidPrincipal,
    fees: state.feesCharged - state.feesPaid,
  };
}

function newState(line: AmortizedLine): InstallmentState {
  return { line, paidInterest: 0n, paidPrincipal: 0n, feesCharged: 0n, feesPaid: 0n, flatFeeCharged: false, penaltyFrom: line.dueDate, contributions: [] };
}

/**
 * Replays a fixed-rate facility's payments against its schedule, in date order (docs/finance.md):
 *
 * - On each event day (a due date, a payment, the as-of day) late charges accrue first: once an
 *   installment is more than graceDays past due, a flat fee (lateFeePct of what it still owes) is
 *   charged once, and penalty interest (penaltyAprPct by the facility's day count, from its due
 *   date) accrues on what it still owes, one rounded charge per interval between events.
 * - A payment settles what is due by the allocation order (e.g. fees, then interest, then
 *   principal), each bucket oldest installment first. A regular payment's rest is credit, applied
 *   to later installments on their due dates. A prepayment's rest pays the interest accrued so far
 *   in the current period, then principal and the prepayment fee, and the rest of the schedule is
 *   generated again (same payment and an earlier end, or the same end and a lower payment).
 */
export class FixedRateReplay {
  readonly installments: InstallmentState[];
  readonly allocations = new Map<number, Allocation>();
  prepaymentFeesPaid = 0n;
  /** Principal repaid ahead of the schedule; the current lines repay the rest. */
  prepaidPrincipal = 0n;
  private readonly lineDates: readonly Day[];
  private rule: PrincipalRule;
  private credits: CreditChunk[] = [];
  private lastTick: Day = Number.NEGATIVE_INFINITY;
  private clock: Day = Number.NEGATIVE_INFINITY;

  constructor(readonly terms: ParsedFixedRateTerms) {
    const schedule = generateSchedule(terms);
    this.installments = schedule.lines.map(newState);
    this.lineDates = schedule.lines.map((line) => line.dueDate);
    this.rule = schedule.rule;
  }

  get credit(): bigint {
    return this.credits.reduce((sum, chunk) => sum + chunk.amount, 0n);
  }

  /** Processes every due date up to `day` (late charges, then credit), then late charges to `day`. */
  advanceTo(day: Day): void {
    if (day < this.clock) throw new RangeError('the replay cannot go back in time');
    for (const state of this.installments) {
      const due = state.line.dueDate;
      if (due <= this.lastTick) continue;
      if (due > day) break;
      this.accrueLateCharges(due);
      this.applyCredit(due);
      this.lastTick = due;
    }
    this.accrueLateCharges(day);
    this.clock = day;
  }

  /**
   * Applies one payment. Strict (a payment being recorded): throws PaymentRefusedError for money
   * the facility cannot take. Not strict (payments already recorded, replayed for a view): any
   * excess is held as credit, so a view never fails on history.
   */
  apply(payment: PaymentEvent, strict = true): Allocation {
    this.advanceTo(payment.day);
    // A refused payment leaves no trace: what it had already settled is put back.
    const before = strict ? structuredClone({ installments: this.installments, credits: this.credits, rule: this.rule, fees: this.prepaymentFeesPaid, prepaid: this.prepaidPrincipal }) : null;
    try {
      const allocation = emptyAllocation();
      const rest = this.settleDue(payment.amount, payment.day, payment.day, allocation);
      if (payment.kind === 'prepayment') this.prepay(rest, payment.day, allocation, strict);
      else if (rest > 0n) this.holdAsCredit(rest, payment.day, allocation, strict);
      this.allocations.set(payment.id, allocation);
      return allocation;
    } catch (error) {
      if (!before) throw error;
      this.installments.splice(0, this.installments.length, ...before.installments);
      this.credits = before.credits;
      this.rule = before.rule;
      this.prepaymentFeesPaid = before.fees;
      this.prepaidPrincipal = before.prepaid;
      throw error;
    }
  }

  /** The installment whose period is running on `day`: the first one due after it. */
  inProgressIndex(day: Day): number {
    return this.installments.findIndex((state) => state.line.dueDate > day);
  }

  /** Interest accrued on the running installment up to `day`, not yet paid. */
  accruedInterest(day: Day): bigint {
    const index = this.inProgressIndex(day);
    if (index < 0) return 0n;
    const line = this.installments[index]!.line;
    const accrued = line.carriedInterest + periodInterest(line.opening, this.terms.annualRate, this.terms.dayCount, line.accrualFrom, day);
    return maxBig(accrued - this.installments[index]!.paidInterest, 0n);
  }

  /**
   * For display: applies the credit held on `asOf` to the installments not yet due, as their due
   * dates would, so that an installment paid in advance shows as prepaid. Ends the replay.
   */
  projectCredit(asOf: Day): void {
    for (const state of this.installments) if (state.line.dueDate > asOf) this.applyCredit(state.line.dueDate);
  }

  private accrueLateCharges(day: Day): void {
    const { graceDays, lateFee, penaltyApr, dayCount } = this.terms;
    for (const state of this.installments) {
      if (state.line.dueDate >= day) break;
      const owed = owedOn(state);
      const overdue = owed.interest + owed.principal;
      if (overdue <= 0n || day - state.line.dueDate <= graceDays) continue;
      if (!state.flatFeeCharged) {
        state.feesCharged += roundToCent(overdue * lateFee.num, lateFee.den);
        state.flatFeeCharged = true;
      }
      if (penaltyApr.num > 0n && day > state.penaltyFrom) {
        const fraction = yearFraction(dayCount, state.penaltyFrom, day);
        state.feesCharged += roundToCent(overdue * penaltyApr.num * fraction.num, penaltyApr.den * fraction.den);
      }
      state.penaltyFrom = day;
    }
  }

  /** Pays what is due on `dueBy` in allocation order; returns what is left of `amount`. */
  private settleDue(amount: bigint, receivedOn: Day, dueBy: Day, allocation: Allocation): bigint {
    let left = amount;
    for (const bucket of this.terms.allocationOrder) {
      for (const state of this.installments) {
        if (left === 0n || state.line.dueDate > dueBy) break;
        const paid = minBig(left, owedOn(state)[bucket]);
        if (paid <= 0n) continue;
        this.pay(state, bucket, paid, receivedOn, allocation);
        left -= paid;
      }
    }
    return left;
  }

  private pay(state: InstallmentState, bucket: AllocationBucket, amount: bigint, receivedOn: Day, allocation: Allocation): void {
    if (bucket === 'fees') {
      state.feesPaid += amount;
      allocation.lateFees += amount;
    } else if (bucket === 'interest') {
      state.paidInterest += amount;
      allocation.interest += amount;
    } else {
      state.paidPrincipal += amount;
      allocation.principal += amount;
    }
    state.contributions.push({ amount, receivedOn });
  }

  private applyCredit(day: Day): void {
    const ignored = emptyAllocation();
    for (const chunk of this.credits) chunk.amount = this.settleDue(chunk.amount, chunk.receivedOn, day, ignored);
    this.credits = this.credits.filter((chunk) => chunk.amount > 0n);
  }

  private holdAsCredit(amount: bigint, day: Day, allocation: Allocation, strict: boolean): void {
    const future = this.installments.filter((state) => state.line.dueDate > day).reduce((sum, state) => {
      const owed = owedOn(state);
      return sum + owed.interest + owed.principal;
    }, 0n);
    if (strict && this.credit + amount > future) {
      throw new PaymentRefusedError(`the payment exceeds everything still owed by ${formatUnits(amount - maxBig(future - this.credit, 0n))} (to close the facility early, record its payoff amount as a prepayment)`);
    }
    this.credits.push({ amount, receivedOn: day });
    allocation.credit += amount;
  }

  /**
   * A prepayment's rest, together with any credit held (credit pays first): the interest accrued
   * so far in the running period, then principal with its fee; the schedule is then generated
   * again from this day.
   */
  private prepay(amount: bigint, day: Day, allocation: Allocation, strict: boolean): void {
    if (amount === 0n) return;
    const index = this.inProgressIndex(day);
    if (index < 0) {
      if (strict) throw new PaymentRefusedError('nothing is left to prepay: every installment is already due');
      return this.holdAsCredit(amount, day, allocation, false);
    }
    const held = this.credit;
    this.credits = [];
    const running = this.installments[index]!;
    const carried = running.line.carriedInterest + periodInterest(running.line.opening, this.terms.annualRate, this.terms.dayCount, running.line.accrualFrom, day);
    let pool = amount + held;
    const toInterest = minBig(pool, maxBig(carried - running.paidInterest, 0n));
    if (toInterest > 0n) this.pay(running, 'interest', toInterest, day, emptyAllocation());
    pool -= toInterest;

    const outstanding = running.line.opening;
    const fee = this.terms.prepaymentFee;
    const payoffFee = roundToCent(outstanding * fee.num, fee.den);
    let principal = 0n;
    let feePaid = 0n;
    if (pool >= outstanding + payoffFee) {
      if (strict && pool > outstanding + payoffFee) throw new PaymentRefusedError(`the prepayment exceeds the payoff amount by ${formatUnits(pool - outstanding - payoffFee)}`);
      principal = outstanding;
      feePaid = payoffFee;
    } else if (pool > 0n) {
      // principal × (1 + fee) must fit in what is left: round the principal down to the cent.
      principal = floorToCent(pool * fee.den, fee.den + fee.num);
      feePaid = minBig(pool - principal, roundToCent(principal * fee.num, fee.den));
    }
    // Less than a cent, or what the fee rounding left: kept as credit for the next installment.
    const leftover = pool - principal - feePaid;
    this.prepaymentFeesPaid += feePaid;
    this.prepaidPrincipal += principal;
    if (leftover > 0n) this.credits.push({ amount: leftover, receivedOn: day });
    // The credit held funded the first parts; this payment's allocation is the rest.
    let fromCredit = held;
    const own = (part: bigint) => {
      const funded = minBig(part, fromCredit);
      fromCredit -= funded;
      return part - funded;
    };
    allocation.interest += own(toInterest);
    allocation.principal += own(principal);
    allocation.prepaymentFee += own(feePaid);
    allocation.credit += own(leftover);
    // Always split the running period at the prepayment, even when only interest was paid: the
    // line then owes at least the interest accrued before it (also on a negative-principal line).
    this.reamortize(index, outstanding - principal, day, carried);
  }

  private reamortize(index: number, opening: bigint, day: Day, carriedInterest: bigint): void {
    const { terms } = this;
    const dates = this.lineDates.filter((date) => date > day);
    const balloon = minBig(terms.balloon, opening);
    const shorten = terms.prepaymentMode === 'shorten-term';
    if (!shorten && this.rule.kind === 'level-payment') this.rule = { kind: 'level-payment', payment: levelPayment(opening, balloon, periodRate(terms), dates.length) };
    if (!shorten && this.rule.kind === 'fixed-principal') this.rule = { kind: 'fixed-principal', amount: roundToCent(opening - balloon, BigInt(dates.length)) };
    const lines = amortize({
      firstN: this.installments[index]!.line.n,
      opening,
      accrualFrom: day,
      carriedInterest,
      dueDates: dates,
      annualRate: terms.annualRate,
      dayCount: terms.dayCount,
      rule: this.rule,
      balloon,
      endEarly: shorten && this.rule.kind !== 'at-maturity',
    });
    const running = this.installments[index]!;
    const replaced = lines.map(newState);
    // The running installment keeps what it already received (the accrued interest just paid).
    replaced[0] = { ...running, line: lines[0]! };
    this.installments.splice(index, this.installments.length - index, ...replaced);
  }
}

export { PaymentRefusedError };
export type { Allocation, PaymentEvent };
