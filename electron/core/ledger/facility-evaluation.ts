import type { Arrears, FacilityDetail, FacilityPayment, FacilitySummary, FacilityTerms } from '../../contract/schemas/facilities';
import { addMonthsClamped, formatIsoDate, parseIsoDate, type Day } from './civil-date';
import type { FacilityRecord } from './facility-store';
import { FixedRateReplay } from './fixed-rate-servicing';
import { parseFixedRateTerms } from './fixed-rate-terms';
import { serviceFixedRate } from './fixed-rate-view';
import { inReplayOrder, type Allocation, type PaymentEvent } from './payments';
import { computeDues, type RevenuePeriod } from './revenue-share-dues';
import { RevenueShareReplay } from './revenue-share-replay';
import { serviceRevenueShare } from './revenue-share-view';
import { parseRevenueShareTerms, type ParsedRevenueShareTerms } from './revenue-share-terms';

/** Everything stored about one facility: the evaluation below is a pure function of it. */
export interface FacilityData {
  record: FacilityRecord;
  terms: FacilityTerms;
  payments: FacilityPayment[];
  revenue: ReadonlyMap<number, bigint>;
}

export interface FacilityEvaluation {
  summary: FacilitySummary;
  schedule: FacilityDetail['schedule'];
  arrears: Arrears;
  credit: bigint;
}

function paymentEvents(payments: readonly FacilityPayment[]): PaymentEvent[] {
  return payments.map((payment) => ({ id: payment.id, day: parseIsoDate(payment.date), amount: payment.amount, kind: payment.kind }));
}

/** The monthly periods of a revenue-share facility, with the revenue recorded so far. */
export function revenuePeriods(terms: ParsedRevenueShareTerms, revenue: ReadonlyMap<number, bigint>): RevenuePeriod[] {
  return Array.from({ length: terms.termMonths }, (_, index) => ({
    n: index + 1,
    periodStart: addMonthsClamped(terms.start, index),
    dueDate: addMonthsClamped(terms.start, index + 1),
    revenue: revenue.get(index + 1) ?? null,
  }));
}

/** The facility on `asOf`: summary, schedule expected against actual, arrears, credit. */
export function evaluateFacility(data: FacilityData, asOf: Day): FacilityEvaluation {
  const { record, terms } = data;
  const payments = paymentEvents(data.payments);
  const base = { id: record.id, name: record.name, lender: record.lender, structure: terms.structure, principal: terms.principal, startDate: terms.startDate, version: record.version, paymentCount: data.payments.length, createdAt: record.createdAt, updatedAt: record.updatedAt };
  if (terms.structure === 'fixed-rate') {
    const view = serviceFixedRate(parseFixedRateTerms(terms), payments, asOf);
    return {
      summary: { ...base, status: view.status, outstandingPrincipal: view.outstandingPrincipal, arrears: view.arrears.total, daysPastDue: view.arrears.daysPastDue, nextPayment: view.nextPayment, maturityDate: view.maturityDate },
      schedule: { structure: 'fixed-rate', installments: view.installments, totals: view.totals, payoff: view.payoff },
      arrears: view.arrears,
      credit: view.credit,
    };
  }
  const parsed = parseRevenueShareTerms(terms);
  const view = serviceRevenueShare(parsed, revenuePeriods(parsed, data.revenue), payments, asOf);
  const maturityDate = addMonthsClamped(parsed.start, parsed.termMonths);
  return {
    summary: { ...base, status: view.status, outstandingPrincipal: view.position.outstandingPrincipal, arrears: view.arrears.total, daysPastDue: view.arrears.daysPastDue, nextPayment: view.nextPayment, maturityDate: formatIsoDate(maturityDate) },
    schedule: { structure: 'revenue-share', periods: view.periods, position: view.position },
    arrears: view.arrears,
    credit: view.credit,
  };
}

/**
 * Where a new payment would go: the recorded payments are replayed (leniently), then the new one
 * is applied strictly — a PaymentRefusedError says why the facility cannot take it.
 */
export function allocateNewPayment(data: FacilityData, payment: PaymentEvent): Allocation {
  const history = inReplayOrder(paymentEvents(data.payments));
  const { terms } = data;
  if (terms.structure === 'fixed-rate') {
    const replay = new FixedRateReplay(parseFixedRateTerms(terms));
    for (const recorded of history) replay.apply(recorded, false);
    return replay.apply(payment);
  }
  const parsed = parseRevenueShareTerms(terms);
  const replay = new RevenueShareReplay(parsed, computeDues(parsed, revenuePeriods(parsed, data.revenue), true));
  for (const recorded of history) replay.apply(recorded, false);
  return replay.apply(payment);
}
