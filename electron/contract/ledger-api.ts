import { z } from 'zod';
import {
  cashFlow,
  facilityCreate,
  facilityDetail,
  facilityId,
  facilityPayment,
  facilitySummary,
  facilityUpdate,
  paymentRecord,
  revenuePeriodView,
  revenueRecord,
  revenueSharePreview,
  revenueSharePreviewInput,
  schedulePreview,
  scheduleTerms,
  xirrResult,
} from './schemas/facilities';
import { calendarDate } from './schemas/assets';
import { isoUtc } from './schemas/common';
import { method } from './method';

// The ledger's part of the API: financing facilities, their schedules and payments, and the
// calculators. Same shape as `methods` and `events` in api.ts, which spread these tables in.

/** "As of" a calendar day: the facility as it stood that day (default: today, UTC). */
const asOf = calendarDate.optional();

export const ledgerMethods = {
  'ledger.facilities.list': method({
    input: z.object({ asOf }).strict(),
    output: z.object({ asOf: calendarDate, facilities: z.array(facilitySummary) }),
    summary: 'Every facility with its status, outstanding principal, arrears and next payment.',
  }),
  'ledger.facility.get': method({
    input: z.object({ id: facilityId, asOf }).strict(),
    output: facilityDetail,
    summary: 'One facility: terms, the schedule expected against actual, arrears, payoff, next payment, payments and journal events.',
  }),
  'ledger.facility.create': method({ input: facilityCreate, output: facilityDetail, summary: 'Create a facility (fixed rate or revenue share) and its schedule; journaled.' }),
  'ledger.facility.update': method({
    input: facilityUpdate,
    output: facilityDetail,
    summary: 'Edit name, lender and notes; terms only until the first payment. Names the version it was made against; journaled.',
  }),
  'ledger.payment.record': method({
    input: paymentRecord,
    output: z.object({ payment: facilityPayment, facility: facilitySummary }),
    summary: 'Record money received from the borrower (regular or prepayment) and allocate it; journaled.',
  }),
  'ledger.revenue.record': method({
    input: revenueRecord,
    output: z.object({ period: revenuePeriodView, facility: facilitySummary }),
    summary: "Record (or correct) a revenue-share period's gross revenue, which sets what that period owes; journaled.",
  }),
  'ledger.schedule.preview': method({ input: scheduleTerms, output: schedulePreview, summary: 'Calculator: fixed-rate terms to installments, nothing saved.' }),
  'ledger.revenueShare.preview': method({
    input: revenueSharePreviewInput,
    output: revenueSharePreview,
    summary: 'Calculator: a revenue-share facility projected (or replayed) against a revenue series, nothing saved.',
  }),
  'ledger.xirr': method({
    input: z.object({ flows: z.array(cashFlow).min(1).max(10_000) }).strict(),
    output: xirrResult,
    summary: 'Calculator: the XIRR of dated cash flows (outflows negative), or the reason there is none.',
  }),
} as const;

export const ledgerEvents = {
  /** Facilities were created, edited, paid or had revenue recorded: refetch them. */
  onFacilitiesChanged: z.object({ ids: z.array(z.string()), at: isoUtc }),
} as const;

export type LedgerMethods = typeof ledgerMethods;
export type LedgerMethodName = keyof LedgerMethods;
export type LedgerEventName = keyof typeof ledgerEvents;
export type LedgerMethodInput<M extends LedgerMethodName> = z.output<LedgerMethods[M]['input']>;
export type LedgerMethodOutput<M extends LedgerMethodName> = z.output<LedgerMethods[M]['output']>;
export type LedgerEventPayload<E extends LedgerEventName> = z.output<(typeof ledgerEvents)[E]>;

/** What core implements: one async handler per ledger method (domain input → domain output). */
export type LedgerHandlers = { [M in LedgerMethodName]: (input: LedgerMethodInput<M>) => Promise<LedgerMethodOutput<M>> };
