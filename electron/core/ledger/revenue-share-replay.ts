import { formatUnits } from '../../contract/money';
import type { Day } from './civil-date';
import { emptyAllocation, PaymentRefusedError, type Allocation, type PaymentEvent } from './payments';
import { principalRecovered, type DueLine } from './revenue-share-dues';
import type { ParsedRevenueShareTerms } from './revenue-share-terms';
import { minBig } from './rounding';
import type { Contribution } from './settlement';

interface Obligation {
  line: DueLine;
  paid: bigint;
  contributions: Contribution[];
  /** Unpaid dues of earlier periods when this one fell due. */
  carriedIn: bigint;
}

interface CreditChunk {
  amount: bigint;
  receivedOn: Day;
}

/**
 * Replays payments against the dues of a revenue-share facility. Each payment is split into
 * principal recovery and return on the cumulative amount received (pro rata to the target), and
 * pays the oldest unpaid dues first; money received before anything is due is credit, applied
 * on the next due dates. Unpaid dues carry forward: they stay owed (and count as arrears).
 */
export class RevenueShareReplay {
  readonly obligations: Obligation[];
  readonly allocations = new Map<number, Allocation>();
  cumulativePaid = 0n;
  targetReachedOn: Day | null = null;
  private credits: CreditChunk[] = [];
  private lastTick: Day = Number.NEGATIVE_INFINITY;

  constructor(readonly terms: ParsedRevenueShareTerms, readonly lines: readonly DueLine[]) {
    this.obligations = lines.map((line) => ({ line, paid: 0n, contributions: [], carriedIn: 0n }));
  }

  get credit(): bigint {
    return this.credits.reduce((sum, chunk) => sum + chunk.amount, 0n);
  }

  advanceTo(day: Day): void {
    for (const obligation of this.obligations) {
      const due = obligation.line.dueDate;
      if (due <= this.lastTick) continue;
      if (due > day) break;
      this.tick(due);
    }
  }

  owedBy(day: Day): bigint {
    return this.obligations.filter((obligation) => obligation.line.dueDate <= day).reduce((sum, obligation) => sum + obligation.line.due - obligation.paid, 0n);
  }

  /** Strict for a payment being recorded (refuses what cannot be owed); lenient when replaying history. */
  apply(payment: PaymentEvent, strict = true): Allocation {
    if (strict && payment.kind !== 'regular') throw new PaymentRefusedError('a revenue-share facility takes regular payments only; paying the target early is a regular payment');
    this.advanceTo(payment.day);
    const { terms } = this;
    const tailDues = this.lines.filter((line) => line.phase === 'tail').reduce((sum, line) => sum + line.due, 0n);
    const ceiling = terms.target + tailDues - this.forgivenTotal();
    if (strict && this.cumulativePaid + payment.amount > ceiling) {
      throw new PaymentRefusedError(`the payment exceeds everything this facility can be owed (the rest of the target and the tail share of the revenue recorded) by ${formatUnits(this.cumulativePaid + payment.amount - ceiling)}`);
    }
    const before = this.cumulativePaid;
    const after = before + payment.amount;
    const principal = principalRecovered(terms, after) - principalRecovered(terms, before);
    const allocation = { ...emptyAllocation(), principal, return: payment.amount - principal };
    if (before < terms.target && after >= terms.target) this.targetReachedOn = payment.day;
    this.cumulativePaid = after;
    const rest = this.payDue(payment.amount, payment.day, payment.day);
    if (rest > 0n) this.credits.push({ amount: rest, receivedOn: payment.day });
    this.allocations.set(payment.id, allocation);
    return allocation;
  }

  forgivenTotal(): bigint {
    return this.lines.reduce((sum, line) => sum + line.forgiven, 0n);
  }

  /** For display: credit applied to the periods not yet due, as their due dates would. */
  projectCredit(asOf: Day): void {
    for (const obligation of this.obligations) if (obligation.line.dueDate > asOf) this.tick(obligation.line.dueDate);
  }

  private tick(day: Day): void {
    const current = this.obligations.filter((obligation) => obligation.line.dueDate === day);
    const carried = this.obligations.filter((obligation) => obligation.line.dueDate < day).reduce((sum, obligation) => sum + obligation.line.due - obligation.paid, 0n);
    for (const obligation of current) obligation.carriedIn = carried;
    for (const chunk of this.credits) chunk.amount = this.payDue(chunk.amount, chunk.receivedOn, day);
    this.credits = this.credits.filter((chunk) => chunk.amount > 0n);
    this.lastTick = day;
  }

  private payDue(amount: bigint, receivedOn: Day, dueBy: Day): bigint {
    let left = amount;
    for (const obligation of this.obligations) {
      if (left === 0n || obligation.line.dueDate > dueBy) break;
      const paid = minBig(left, obligation.line.due - obligation.paid);
      if (paid <= 0n) continue;
      obligation.paid += paid;
      obligation.contributions.push({ amount: paid, receivedOn });
      left -= paid;
    }
    return left;
  }
}
