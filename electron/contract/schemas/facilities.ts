import { z } from 'zod';
import { microUnits } from '../money';
import { calendarDate } from './assets';
import { isoUtc } from './common';
import { journalEntry } from './journal';

/**
 * Financing facilities: what a lender advanced, on which terms, and what came back.
 * Money is micro-units (bigint inside, decimal string on the wire); rates are exact decimal
 * strings — "12.5" means 12.5 % — never floats. docs/finance.md defines every field.
 */

/** A percentage as an exact decimal string: "12.5" is 12.5 %. At most 6 decimals. */
export const percent = z.string().regex(/^(0|[1-9][0-9]{0,2})(\.[0-9]{1,6})?$/, 'a percentage as a decimal string, e.g. "12.5" for 12.5 %');
/** A multiple as an exact decimal string: "1.25" is 1.25×. */
export const multiple = z.string().regex(/^(0|[1-9][0-9]?)(\.[0-9]{1,6})?$/, 'a multiple as a decimal string, e.g. "1.25"');

export const dayCount = z.enum(['30/360', 'ACT/360', 'ACT/365F', 'ACT/ACT']);
export const frequency = z.enum(['monthly', 'quarterly']);
export const amortization = z.enum(['annuity', 'equal-principal', 'interest-only', 'bullet']);
export const allocationBucket = z.enum(['fees', 'interest', 'principal']);
export const prepaymentMode = z.enum(['shorten-term', 'reduce-payment']);
export const termCapRule = z.enum(['due', 'forgiven']);
export const facilityStructure = z.enum(['fixed-rate', 'revenue-share']);
export const facilityId = z.string().min(1).max(100);

/** What a fixed-rate repayment schedule is generated from: the calculator's input. */
export const scheduleTerms = z
  .object({
    principal: microUnits,
    /** Annual rate in percent: "12.5" is 12.5 % a year; "0" is allowed. */
    annualRatePct: percent,
    /** Number of installments (periods) to maturity. */
    periods: z.number().int().min(1).max(600),
    frequency,
    amortization,
    /** Principal left for the last installment (annuity and equal-principal only). */
    balloon: microUnits.default(0n),
    /** Disbursement date; interest accrues from it. */
    startDate: calendarDate,
    /** A stub: the first due date, when it is not one period after the start. Later due dates keep its day of month. */
    firstDueDate: calendarDate.nullable().default(null),
    dayCount,
  })
  .strict();

/** How a fixed-rate facility is serviced: grace, late charges, prepayment, allocation. */
const servicingTerms = {
  /** Days after a due date during which a payment is on time (no late fee, no penalty). */
  graceDays: z.number().int().min(0).max(365).default(5),
  /** Days past due after which the facility is in default. */
  defaultAfterDays: z.number().int().min(1).max(3650).default(90),
};

export const fixedRateTerms = scheduleTerms
  .extend({
    structure: z.literal('fixed-rate'),
    ...servicingTerms,
    /** Flat fee, in percent of the amount overdue when the grace period ends (charged once per installment). */
    lateFeePct: percent.default('0'),
    /** Penalty interest, a year, on the overdue amount from its due date (when the grace period is missed). */
    penaltyAprPct: percent.default('0'),
    /** Fee in percent of the principal prepaid. */
    prepaymentFeePct: percent.default('0'),
    prepaymentMode: prepaymentMode.default('reduce-payment'),
    /** The order in which a payment settles what is due; each bucket exactly once. */
    allocationOrder: z.array(allocationBucket).length(3).default(['fees', 'interest', 'principal']),
  })
  .strict();

export const revenueShareTerms = z
  .object({
    structure: z.literal('revenue-share'),
    principal: microUnits,
    /** Disbursement date; period n runs from start + (n−1) months to start + n months, and is due at its end. */
    startDate: calendarDate,
    /** The lender's share of each period's gross revenue, paid first, until the target is reached. */
    sharePct: percent,
    /** Target = principal × targetMultiple (rounded half-even to the cent). */
    targetMultiple: multiple,
    /** Share after the target is reached, for the rest of the term; "0" ends payments at the target. */
    tailSharePct: percent.default('0'),
    /** Minimum due each period while the target is not reached; what is not paid is carried forward. */
    minimumPayment: microUnits.default(0n),
    /** Term cap, in monthly periods. */
    termMonths: z.number().int().min(1).max(600),
    /** At the term cap, the target not yet due falls due at once, or is forgiven. */
    atTermCap: termCapRule.default('due'),
    ...servicingTerms,
  })
  .strict();

export const facilityTerms = z.discriminatedUnion('structure', [fixedRateTerms, revenueShareTerms]);

export const installmentStatus = z.enum([
  /** Not yet due, not covered. */
  'upcoming',
  /** Covered in full by money received before its due date. */
  'prepaid',
  /** Settled in full, the last of it within the grace period. */
  'paid',
  /** Settled in full after the grace period (daysPastDue: from the due date to settlement). */
  'late',
  /** Past due and partly paid (daysPastDue: to the as-of date). */
  'partial',
  /** Past due and nothing paid (daysPastDue: to the as-of date). */
  'unpaid',
  /** Revenue share: the period is over and its revenue has not been recorded yet. */
  'awaiting-revenue',
  /** Revenue share: the rest of the target, forgiven at the term cap. */
  'forgiven',
]);

export const facilityStatus = z.enum([
  /** Nothing past the grace period. */
  'current',
  /** Something is past due beyond the grace period. */
  'late',
  /** Something is past due beyond defaultAfterDays. */
  'default',
  /** Everything owed has been paid. */
  'repaid',
  /** Revenue share: the term cap was reached and the rest of the target forgiven, nothing else owed. */
  'closed-forgiven',
]);

/** One line of a generated schedule (the calculator's output). */
export const scheduleLine = z.object({
  n: z.number().int().positive(),
  dueDate: calendarDate,
  payment: microUnits,
  interest: microUnits,
  principal: microUnits,
  /** Principal outstanding after this installment. */
  balance: microUnits,
});

export const scheduleTotals = z.object({ payment: microUnits, interest: microUnits, principal: microUnits });

export const schedulePreview = z.object({
  installments: z.array(scheduleLine),
  totals: scheduleTotals,
  /** The level payment (annuity), the principal per installment (equal-principal), or null. */
  levelAmount: microUnits.nullable(),
  maturityDate: calendarDate,
});

export const paymentKind = z.enum(['regular', 'prepayment']);

/** Where one payment went. The parts always add up to the amount. */
export const paymentAllocation = z.object({
  lateFees: microUnits,
  prepaymentFee: microUnits,
  interest: microUnits,
  principal: microUnits,
  /** Revenue share: the part of the payment that is return on top of principal recovery. */
  return: microUnits,
  /** Held for installments not yet due; applied on their due dates. */
  credit: microUnits,
});

export const facilityPayment = z.object({
  id: z.number().int().positive(),
  date: calendarDate,
  amount: microUnits,
  kind: paymentKind,
  reference: z.string().nullable(),
  note: z.string().nullable(),
  allocation: paymentAllocation,
  recordedAt: isoUtc,
  journalSeq: z.number().int().positive(),
});

/** A fixed-rate installment: expected (the current schedule) against actual. */
export const installmentView = z.object({
  n: z.number().int().positive(),
  dueDate: calendarDate,
  expected: scheduleLine.omit({ n: true, dueDate: true }),
  paid: z.object({ interest: microUnits, principal: microUnits, lateFees: microUnits, total: microUnits }),
  /** Late fees charged on this installment (flat fee + penalty interest), paid or not. */
  lateFees: microUnits,
  /** What is still owed on it (interest, principal, late fees). */
  owed: microUnits,
  status: installmentStatus,
  daysPastDue: z.number().int().nonnegative(),
  settledOn: calendarDate.nullable(),
});

export const revenuePeriodView = z.object({
  n: z.number().int().positive(),
  /** 'period': a monthly revenue period; 'term-cap': the rest of the target, due (or forgiven) at the cap. */
  kind: z.enum(['period', 'term-cap']),
  periodStart: calendarDate,
  dueDate: calendarDate,
  revenue: microUnits.nullable(),
  phase: z.enum(['recovery', 'tail']),
  /** Revenue × the share in force (rounded half-even to the cent). */
  share: microUnits,
  /** This period's own amount due: max(share, minimum) capped at the target not yet due (recovery), or the tail share. */
  due: microUnits,
  /** Unpaid amounts of earlier periods on this period's due date: the shortfall carried forward. */
  carriedIn: microUnits,
  paid: microUnits,
  owed: microUnits,
  /** Term cap with atTermCap = forgiven: the part of the target written off. */
  forgiven: microUnits,
  status: installmentStatus,
  daysPastDue: z.number().int().nonnegative(),
  settledOn: calendarDate.nullable(),
});

export const revenueSharePosition = z.object({
  /** principal × targetMultiple, rounded half-even to the cent. */
  target: microUnits,
  paid: microUnits,
  /** Paid toward the target, split pro rata: principal part = paid × principal ÷ target. */
  principalRecovered: microUnits,
  returnReceived: microUnits,
  /** Principal not yet recovered: drives coverage. */
  outstandingPrincipal: microUnits,
  /** Target not yet paid. */
  remainingTarget: microUnits,
  targetReachedOn: calendarDate.nullable(),
  forgiven: z.object({ principal: microUnits, return: microUnits }).nullable(),
});

export const arrears = z.object({
  total: microUnits,
  principal: microUnits,
  interest: microUnits,
  fees: microUnits,
  /** Revenue share: amounts due from revenue not yet paid. */
  shareDue: microUnits,
  oldestDueDate: calendarDate.nullable(),
  daysPastDue: z.number().int().nonnegative(),
});

export const nextPayment = z.object({ n: z.number().int().positive(), dueDate: calendarDate, amount: microUnits.nullable() });

export const payoffQuote = z.object({
  asOf: calendarDate,
  arrears: microUnits,
  accruedInterest: microUnits,
  principal: microUnits,
  prepaymentFee: microUnits,
  credit: microUnits,
  total: microUnits,
});

export const facilitySummary = z.object({
  id: facilityId,
  name: z.string(),
  lender: z.string(),
  structure: facilityStructure,
  status: facilityStatus,
  principal: microUnits,
  outstandingPrincipal: microUnits,
  arrears: microUnits,
  daysPastDue: z.number().int().nonnegative(),
  nextPayment: nextPayment.nullable(),
  startDate: calendarDate,
  maturityDate: calendarDate,
  /** Bumped by every update; an update names the version it was made against. */
  version: z.number().int().positive(),
  paymentCount: z.number().int().nonnegative(),
  createdAt: isoUtc,
  updatedAt: isoUtc,
});

export const fixedRateSchedule = z.object({
  structure: z.literal('fixed-rate'),
  installments: z.array(installmentView),
  totals: z.object({ expected: scheduleTotals, paid: z.object({ interest: microUnits, principal: microUnits, lateFees: microUnits, prepaymentFees: microUnits, total: microUnits }) }),
  /** Everything it takes to close the facility on the as-of date; null once repaid. */
  payoff: payoffQuote.nullable(),
});

export const revenueShareSchedule = z.object({
  structure: z.literal('revenue-share'),
  periods: z.array(revenuePeriodView),
  position: revenueSharePosition,
});

export const facilityDetail = z.object({
  facility: facilitySummary,
  notes: z.string().nullable(),
  terms: facilityTerms,
  asOf: calendarDate,
  schedule: z.discriminatedUnion('structure', [fixedRateSchedule, revenueShareSchedule]),
  arrears,
  /** Money received and held for installments not yet due. */
  credit: microUnits,
  payments: z.array(facilityPayment),
  /** The facility's journal entries, newest first. */
  events: z.array(journalEntry),
});

export const facilityCreate = z
  .object({
    name: z.string().trim().min(1).max(200),
    lender: z.string().trim().min(1).max(200),
    notes: z.string().max(4000).nullable().default(null),
    terms: facilityTerms,
  })
  .strict();

export const facilityUpdate = z
  .object({
    id: facilityId,
    /** The version the edit was made against; a stale one is refused (conflict). */
    version: z.number().int().positive(),
    name: z.string().trim().min(1).max(200).optional(),
    lender: z.string().trim().min(1).max(200).optional(),
    notes: z.string().max(4000).nullable().optional(),
    /** New terms: only while no payment has been recorded. */
    terms: facilityTerms.optional(),
  })
  .strict();

export const paymentRecord = z
  .object({
    facilityId,
    date: calendarDate,
    amount: microUnits,
    kind: paymentKind.default('regular'),
    reference: z.string().trim().max(200).nullable().default(null),
    note: z.string().max(4000).nullable().default(null),
  })
  .strict();

export const revenueRecord = z
  .object({
    facilityId,
    /** The monthly period (1 = the first month after the start). */
    period: z.number().int().min(1).max(600),
    revenue: microUnits,
  })
  .strict();

/** A revenue series for the revenue-share calculator: one row per period, optionally what was paid. */
export const revenueSeriesRow = z.object({ dueDate: calendarDate, revenue: microUnits, paid: microUnits.nullable().default(null) }).strict();

export const revenueSharePreviewInput = z
  .object({
    terms: revenueShareTerms,
    revenue: z.array(revenueSeriesRow).max(600),
  })
  .strict();

export const revenueSharePreview = z.object({
  /** replay: the series' paid column was used; projection: the lender is paid first out of each period's revenue. */
  mode: z.enum(['projection', 'replay']),
  periods: z.array(revenuePeriodView),
  position: revenueSharePosition,
  /** The payments replayed or projected, each split into principal recovery and return. */
  payments: z.array(z.object({ date: calendarDate, amount: microUnits, principal: microUnits, return: microUnits })),
  /** The lender's XIRR (a fraction: 0.1 is 10 %) from the disbursement and the payments, or null without a root. */
  lenderXirr: z.string().nullable(),
});

export const cashFlow = z.object({ date: calendarDate, amount: microUnits }).strict();

export const xirrResult = z.object({
  /** Annual rate as a fraction with 10 decimals ("0.1318224386" is 13.18 %), or null when there is no root. */
  xirr: z.string().nullable(),
  reason: z.string().nullable(),
});

export type ScheduleTerms = z.output<typeof scheduleTerms>;
export type FixedRateTerms = z.output<typeof fixedRateTerms>;
export type RevenueShareTerms = z.output<typeof revenueShareTerms>;
export type FacilityTerms = z.output<typeof facilityTerms>;
export type ScheduleLine = z.output<typeof scheduleLine>;
export type SchedulePreview = z.output<typeof schedulePreview>;
export type PaymentAllocation = z.output<typeof paymentAllocation>;
export type FacilityPayment = z.output<typeof facilityPayment>;
export type InstallmentView = z.output<typeof installmentView>;
export type InstallmentStatus = z.output<typeof installmentStatus>;
export type RevenuePeriodView = z.output<typeof revenuePeriodView>;
export type RevenueSharePosition = z.output<typeof revenueSharePosition>;
export type Arrears = z.output<typeof arrears>;
export type FacilitySummary = z.output<typeof facilitySummary>;
export type FacilityDetail = z.output<typeof facilityDetail>;
export type FacilityStatus = z.output<typeof facilityStatus>;
export type PayoffQuote = z.output<typeof payoffQuote>;
export type AllocationBucket = z.output<typeof allocationBucket>;
export type RevenueSeriesRow = z.output<typeof revenueSeriesRow>;
export type RevenueSharePreview = z.output<typeof revenueSharePreview>;
