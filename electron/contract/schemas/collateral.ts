import { z } from 'zod';
import { microUnits } from '../money';
import { assetId, isoUtc } from './common';
import { calendarDate } from './assets';
import { facilityId, multiple, percent } from './facilities';
import { agingTotals, concentrationView, contractKind, paymentHistory } from './customers';

/**
 * Collateral (appraisals, pledges, coverage and the minimum-coverage covenant with its cures),
 * the waterfall per period with DSCR, alerts and the eligibility summary.
 * docs/customers-collateral.md defines every figure.
 */

export const depreciationMethod = z.enum(['straight-line', 'declining-balance']);
export const collateralCondition = z.enum(['healthy', 'degraded', 'unknown-in-grace', 'missing', 'failing', 'swapped', 'unknown', 'retired', 'not-appraised']);

export const appraisalInput = z
  .object({
    assetId,
    appraisedOn: calendarDate,
    /** Whole cents. */
    value: microUnits,
    method: depreciationMethod,
    /** Straight line: months from the appraisal to the residual value. */
    lifeMonths: z.number().int().min(1).max(600).nullable().default(null),
    residualValue: microUnits.default(0n),
    /** Declining balance: annual rate in percent; the value falls by rate/12 each whole month. */
    annualRatePct: percent.nullable().default(null),
    advanceRatePct: percent.default('75'),
  })
  .strict();

export const appraisalView = z.object({
  id: z.number().int().positive(),
  assetId: z.string(),
  appraisedOn: calendarDate,
  value: microUnits,
  method: depreciationMethod,
  lifeMonths: z.number().int().nullable(),
  residualValue: microUnits,
  annualRatePct: z.string().nullable(),
  advanceRatePct: z.string(),
  journalSeq: z.number().int().positive(),
});

export const pledgeInput = z.object({ facilityId, assetIds: z.array(assetId).min(1).max(10_000), date: calendarDate }).strict();
export const releaseInput = z.object({ assetIds: z.array(assetId).min(1).max(10_000), date: calendarDate }).strict();

export const pledgeView = z.object({
  id: z.number().int().positive(),
  assetId: z.string(),
  facilityId: z.string(),
  pledgedOn: calendarDate,
  releasedOn: calendarDate.nullable(),
});

export const collateralLineView = z.object({
  assetId: z.string(),
  label: z.string().nullable(),
  serial: z.string().nullable(),
  pledgedOn: calendarDate,
  condition: collateralCondition,
  counts: z.boolean(),
  appraisedOn: calendarDate.nullable(),
  appraisedValue: microUnits.nullable(),
  method: depreciationMethod.nullable(),
  value: microUnits,
  eligibleValue: microUnits,
  advanceRatePct: z.string().nullable(),
  borrowingBase: microUnits,
});

export const cures = z.object({ pledgeMore: microUnits, repay: microUnits });

export const coverageFigures = z.object({
  eligibleValue: microUnits,
  pledgedValue: microUnits,
  outstanding: microUnits,
  coverage: z.string().nullable(),
  coverageBps: z.number().int().nonnegative(),
  borrowingBase: microUnits,
  availability: microUnits,
  minCoverage: z.string().nullable(),
  breached: z.boolean(),
  cures: cures.nullable(),
});

export const coveragePoint = z.object({ date: calendarDate, eligibleValue: microUnits, outstanding: microUnits, coverage: z.string().nullable(), coverageBps: z.number().int().nonnegative() });

export const coverageView = z.object({
  facilityId,
  facilityName: z.string(),
  lender: z.string(),
  asOf: calendarDate,
  figures: coverageFigures,
  collateral: z.array(collateralLineView),
  /** Coverage at each month's end since the facility started (at most 36), then the as-of day. */
  history: z.array(coveragePoint),
});

export const covenantInput = z.object({ facilityId, minCoverage: multiple }).strict();

export const costInput = z
  .object({
    facilityId,
    date: calendarDate,
    category: z.enum(['power', 'facility', 'other']),
    amount: microUnits,
    note: z.string().max(500).nullable().default(null),
  })
  .strict();

export const tariffInput = z.object({ effectiveFrom: calendarDate, pricePerKwh: microUnits }).strict();

export const waterfallPeriodView = z.object({
  n: z.number().int().positive(),
  start: calendarDate,
  end: calendarDate,
  revenue: microUnits,
  power: microUnits,
  powerSource: z.enum(['entered', 'node', 'none']),
  facility: microUnits,
  other: microUnits,
  operatingCosts: microUnits,
  netCashFlow: microUnits,
  debtService: microUnits,
  toLender: microUnits,
  shortfall: microUnits,
  toOperator: microUnits,
  paidToLender: microUnits,
  depreciation: microUnits,
  dscr: z.string().nullable(),
});

export const waterfallView = z.object({
  facilityId,
  facilityName: z.string(),
  structure: z.enum(['fixed-rate', 'revenue-share']),
  asOf: calendarDate,
  /** The facility's periods that have started by the as-of day. */
  periods: z.array(waterfallPeriodView),
});

export const alertKind = z.enum(['coverage-breach', 'coverage-restored', 'collateral-excluded', 'invoice-overdue']);
export const financeAlert = z.object({
  id: z.number().int().positive(),
  kind: alertKind,
  subject: z.string(),
  facilityId: z.string().nullable(),
  asOf: calendarDate,
  raisedAt: isoUtc,
  /** One line for a notification, in English; the UI words it from the figures. */
  message: z.string(),
  figures: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const facilityEligibility = z.object({
  facilityId,
  name: z.string(),
  lender: z.string(),
  structure: z.enum(['fixed-rate', 'revenue-share']),
  figures: coverageFigures,
  /** Coverage at the last month-ends, oldest first (the trend). */
  trend: z.array(coveragePoint),
  pledgedAssets: z.number().int().nonnegative(),
  countingAssets: z.number().int().nonnegative(),
  /** Mean uptime of the pledged assets over the 30 days to the as-of day, in bps; null where the node has no epoch then. */
  uptimeBps: z.number().int().nonnegative().nullable(),
  arrears: microUnits,
  daysPastDue: z.number().int().nonnegative(),
});

export const eligibilityView = z.object({
  asOf: calendarDate,
  contracts: z.array(z.object({ id: z.string(), customer: z.string(), kind: contractKind, endDate: calendarDate, remainingMonths: z.number().int().nonnegative(), backlog: microUnits, monthlyAmount: microUnits })),
  /** Signed and still running on the as-of day. */
  activeContracts: z.number().int().nonnegative(),
  weightedRemainingMonths: z.string().nullable(),
  backlog: microUnits,
  customers: z.array(paymentHistory),
  concentration: concentrationView,
  receivables: agingTotals,
  /** Open receivables 30 days or more past due. */
  arrears30: microUnits,
  facilities: z.array(facilityEligibility),
});

export const periodCloseResult = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  through: calendarDate,
  invoicesCreated: z.number().int().nonnegative(),
  epochsFolded: z.number().int().nonnegative(),
  revenueRecorded: z.array(z.object({ facilityId: z.string(), period: z.number().int().positive(), revenue: microUnits })),
  facilities: z.array(z.object({ facilityId: z.string(), coverage: z.string().nullable(), breached: z.boolean(), dscr: z.string().nullable() })),
  alerts: z.array(financeAlert),
  journalSeq: z.number().int().positive(),
});

export const pdfDocument = z.object({ filename: z.string(), /** The PDF, base64. */ pdfBase64: z.string(), pages: z.number().int().positive() });

export type AppraisalInput = z.output<typeof appraisalInput>;
export type AppraisalView = z.output<typeof appraisalView>;
export type PledgeView = z.output<typeof pledgeView>;
export type CollateralLineView = z.output<typeof collateralLineView>;
export type CoverageView = z.output<typeof coverageView>;
export type CoveragePoint = z.output<typeof coveragePoint>;
export type WaterfallView = z.output<typeof waterfallView>;
export type WaterfallPeriodView = z.output<typeof waterfallPeriodView>;
export type FinanceAlert = z.output<typeof financeAlert>;
export type EligibilityView = z.output<typeof eligibilityView>;
export type FacilityEligibility = z.output<typeof facilityEligibility>;
export type PeriodCloseResult = z.output<typeof periodCloseResult>;
export type CostInput = z.output<typeof costInput>;
