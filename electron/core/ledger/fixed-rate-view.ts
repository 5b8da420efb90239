import type { Arrears, FacilityStatus, InstallmentView, PayoffQuote } from '../../contract/schemas/facilities';
import { formatIsoDate, type Day } from './civil-date';
import { FixedRateReplay, owedOn, principalDue, type InstallmentState } from './fixed-rate-servicing';
import type { ParsedFixedRateTerms } from './fixed-rate-terms';
import { inReplayOrder, type Allocation, type PaymentEvent } from './payments';
import { maxBig, roundToCent } from './rounding';
import { settlementOf } from './settlement';

export interface FixedRateView {
  installments: InstallmentView[];
  totals: {
    expected: { payment: bigint; interest: bigint; principal: bigint };
    paid: { interest: bigint; principal: bigint; lateFees: bigint; prepaymentFees: bigint; total: bigint };
  };
  payoff: PayoffQuote | null;
  arrears: Arrears;
  credit: bigint;
  status: FacilityStatus;
  outstandingPrincipal: bigint;
  nextPayment: { n: number; dueDate: string; amount: bigint | null } | null;
  maturityDate: string;
  allocations: Map<number, Allocation>;
}

function owedTotal(state: InstallmentState): bigint {
  const owed = owedOn(state);
  return owed.interest + owed.principal + owed.fees;
}

function arrearsOf(states: readonly InstallmentState[], asOf: Day): Arrears {
  const overdue = states.filter((state) => state.line.dueDate < asOf && owedTotal(state) > 0n);
  const sum = (pick: (state: InstallmentState) => bigint) => overdue.reduce((total, state) => total + pick(state), 0n);
  const oldest = overdue[0]?.line.dueDate ?? null;
  const principal = sum((state) => owedOn(state).principal);
  const interest = sum((state) => owedOn(state).interest);
  const fees = sum((state) => owedOn(state).fees);
  return { total: principal + interest + fees, principal, interest, fees, shareDue: 0n, oldestDueDate: oldest === null ? null : formatIsoDate(oldest), daysPastDue: oldest === null ? 0 : asOf - oldest };
}

function statusOf(states: readonly InstallmentState[], arrears: Arrears, terms: ParsedFixedRateTerms): FacilityStatus {
  if (states.every((state) => owedTotal(state) <= 0n)) return 'repaid';
  if (arrears.daysPastDue > terms.defaultAfterDays) return 'default';
  if (arrears.daysPastDue > terms.graceDays) return 'late';
  return 'current';
}

/**
 * A fixed-rate facility on `asOf`: its current schedule (after prepayments) with what each
 * installment received, arrears, the payoff amount and the next payment. Payments dated after
 * `asOf` are left out, so the same call gives the facility as it stood on any past day.
 */
export function serviceFixedRate(terms: ParsedFixedRateTerms, payments: readonly PaymentEvent[], asOf: Day): FixedRateView {
  const replay = new FixedRateReplay(terms);
  const applied = inReplayOrder(payments).filter((payment) => payment.day <= asOf);
  for (const payment of applied) replay.apply(payment, false);
  replay.advanceTo(asOf);

  const states = replay.installments;
  const arrears = arrearsOf(states, asOf);
  const credit = replay.credit;
  const running = replay.inProgressIndex(asOf);
  const notYetDue = running < 0 ? 0n : states[running]!.line.opening;
  const outstandingPrincipal = notYetDue + states.filter((state) => state.line.dueDate <= asOf).reduce((sum, state) => sum + maxBig(principalDue(state.line) - state.paidPrincipal, 0n), 0n);
  const dueToday = states.filter((state) => state.line.dueDate === asOf).reduce((sum, state) => sum + owedTotal(state), 0n);
  const status = statusOf(states, arrears, terms);
  let payoff: PayoffQuote | null = null;
  if (status !== 'repaid') {
    const accruedInterest = replay.accruedInterest(asOf);
    const prepaymentFee = roundToCent(notYetDue * terms.prepaymentFee.num, terms.prepaymentFee.den);
    const owedNow = arrears.total + dueToday;
    payoff = { asOf: formatIsoDate(asOf), arrears: owedNow, accruedInterest, principal: notYetDue, prepaymentFee, credit, total: maxBig(owedNow + accruedInterest + notYetDue + prepaymentFee - credit, 0n) };
  }

  replay.projectCredit(asOf);
  const installments = states.map((state): InstallmentView => {
    const owed = owedTotal(state);
    const settlement = settlementOf(state.line.dueDate, owed, state.contributions, asOf, terms.graceDays);
    const { line } = state;
    return {
      n: line.n,
      dueDate: formatIsoDate(line.dueDate),
      expected: { payment: line.payment, interest: line.interest, principal: line.principal, balance: line.balance },
      paid: { interest: state.paidInterest, principal: state.paidPrincipal, lateFees: state.feesPaid, total: state.paidInterest + state.paidPrincipal + state.feesPaid },
      lateFees: state.feesCharged,
      owed,
      status: settlement.status,
      daysPastDue: settlement.daysPastDue,
      settledOn: settlement.settledOn === null ? null : formatIsoDate(settlement.settledOn),
    };
  });

  const paid = { interest: 0n, principal: 0n, lateFees: 0n, prepaymentFees: 0n, total: 0n };
  for (const allocation of replay.allocations.values()) {
    paid.interest += allocation.interest;
    paid.principal += allocation.principal;
    paid.lateFees += allocation.lateFees;
    paid.prepaymentFees += allocation.prepaymentFee;
  }
  paid.total = applied.reduce((sum, payment) => sum + payment.amount, 0n);
  const next = installments.find((line) => line.dueDate >= formatIsoDate(asOf) && line.owed > 0n);
  const expected = states.reduce((sum, state) => ({ payment: sum.payment + state.line.payment, interest: sum.interest + state.line.interest, principal: sum.principal + state.line.principal }), { payment: 0n, interest: 0n, principal: 0n });
  return {
    installments,
    totals: { expected, paid },
    payoff,
    arrears,
    credit,
    status,
    outstandingPrincipal,
    nextPayment: next ? { n: next.n, dueDate: next.dueDate, amount: next.owed } : null,
    maturityDate: installments.at(-1)!.dueDate,
    allocations: replay.allocations,
  };
}
