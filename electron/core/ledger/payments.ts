import type { PaymentAllocation } from '../../contract/schemas/facilities';
import type { Day } from './civil-date';

export type Allocation = PaymentAllocation;

/** A recorded payment as the replay sees it. */
export interface PaymentEvent {
  id: number;
  day: Day;
  amount: bigint;
  kind: 'regular' | 'prepayment';
}

/** The facility cannot take this payment (more than is owed, nothing left to prepay …). */
export class PaymentRefusedError extends Error {
  override name = 'PaymentRefusedError';
}

export function emptyAllocation(): Allocation {
  return { lateFees: 0n, prepaymentFee: 0n, interest: 0n, principal: 0n, return: 0n, credit: 0n };
}

export function allocationTotal(allocation: Allocation): bigint {
  return allocation.lateFees + allocation.prepaymentFee + allocation.interest + allocation.principal + allocation.return + allocation.credit;
}

/** Payments in the order the ledger applies them: by date, then in the order they were recorded. */
export function inReplayOrder<T extends { day: Day; id: number }>(payments: readonly T[]): T[] {
  return [...payments].sort((a, b) => a.day - b.day || a.id - b.id);
}
