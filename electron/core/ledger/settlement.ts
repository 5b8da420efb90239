import type { InstallmentStatus } from '../../contract/schemas/facilities';
import type { Day } from './civil-date';

/** Money applied to one obligation: when it was received, whatever day it was applied. */
export interface Contribution {
  amount: bigint;
  receivedOn: Day;
}

export interface SettlementView {
  status: InstallmentStatus;
  daysPastDue: number;
  settledOn: Day | null;
}

/**
 * The status of one obligation (an installment, a revenue-share period) on `asOf`:
 * settled in full → prepaid (all money received before the due date), paid (the last of it
 * within the grace period) or late (after it; days past due up to settlement); not settled and
 * past due → partial or unpaid (days past due up to asOf); otherwise upcoming.
 */
export function settlementOf(dueDate: Day, owed: bigint, contributions: readonly Contribution[], asOf: Day, graceDays: number): SettlementView {
  const received = contributions.filter((contribution) => contribution.amount > 0n);
  if (owed <= 0n) {
    if (received.length === 0) return dueDate <= asOf ? { status: 'paid', daysPastDue: 0, settledOn: dueDate } : { status: 'upcoming', daysPastDue: 0, settledOn: null };
    const settledOn = Math.max(...received.map((contribution) => contribution.receivedOn));
    if (settledOn < dueDate) return { status: 'prepaid', daysPastDue: 0, settledOn };
    const daysLate = settledOn - dueDate;
    return { status: daysLate <= graceDays ? 'paid' : 'late', daysPastDue: daysLate, settledOn };
  }
  if (dueDate > asOf) return { status: 'upcoming', daysPastDue: 0, settledOn: null };
  return { status: received.length > 0 ? 'partial' : 'unpaid', daysPastDue: asOf - dueDate, settledOn: null };
}
