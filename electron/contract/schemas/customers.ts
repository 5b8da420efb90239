import { z } from 'zod';
import { microUnits } from '../money';
import { assetId } from './common';
import { calendarDate } from './assets';

/**
 * Customers of the operator: contracts (compute leases, RaaS subscriptions), the invoices they
 * generate, payments and their allocation, days past due and aging, concentration.
 * docs/customers-collateral.md defines every figure.
 */

export const contractId = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,79}$/, 'a contract reference: letters, digits, . _ - /, at most 80 characters');
export const invoiceId = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,99}$/, 'an invoice number: letters, digits, . _ - /, at most 100 characters');
export const customerName = z.string().trim().min(1).max(200);
export const contractKind = z.enum(['compute-lease', 'raas-subscription']);
export const billingUnit = z.enum(['gpu-hour', 'gpu-month', 'robot-month']);
export const agingBucket = z.enum(['current', '1-29', '30-59', '60-89', '90+']);
export const invoiceState = z.enum(['open', 'overdue', 'paid', 'paid-late']);

export const contractCreate = z
  .object({
    id: contractId,
    customer: customerName,
    kind: contractKind,
    billingUnit,
    /** Micro-units per GPU-hour, GPU-month or robot-month. */
    unitPrice: microUnits,
    startDate: calendarDate,
    termMonths: z.number().int().min(1).max(120),
    paymentTermsDays: z.number().int().min(0).max(365).default(30),
    /** The assets that serve it: its units (GPUs for a lease, robots for a subscription). */
    assetIds: z.array(assetId).min(1).max(10_000),
    notes: z.string().max(4000).nullable().default(null),
  })
  .strict();

export const contractView = z.object({
  id: contractId,
  customer: z.string(),
  kind: contractKind,
  billingUnit,
  unitPrice: microUnits,
  units: z.number().int().positive(),
  startDate: calendarDate,
  endDate: calendarDate,
  termMonths: z.number().int(),
  paymentTermsDays: z.number().int(),
  assetIds: z.array(z.string()),
  notes: z.string().nullable(),
  /** Monthly periods not yet over on the as-of day (the running one included). */
  remainingMonths: z.number().int().nonnegative(),
  /** What one full period bills (GPU-hour leases: a 30-day month). */
  monthlyAmount: microUnits,
  invoiced: microUnits,
  /** Periods not yet invoiced, at their scheduled amounts: the contracted backlog. */
  backlog: microUnits,
  open: microUnits,
  daysPastDue: z.number().int().nonnegative(),
});

export const invoiceView = z.object({
  id: invoiceId,
  contractId,
  customer: z.string(),
  period: z.number().int().positive().nullable(),
  periodStart: calendarDate,
  /** Exclusive: the first day of the next period. */
  periodEnd: calendarDate,
  issueDate: calendarDate,
  dueDate: calendarDate,
  amount: microUnits,
  paid: microUnits,
  open: microUnits,
  state: invoiceState,
  daysPastDue: z.number().int().nonnegative(),
  bucket: agingBucket,
  settledOn: calendarDate.nullable(),
  /** How its revenue was split across the contract's assets. */
  basis: z.enum(['uptime', 'equal']),
});

export const invoiceImportRow = z.object({
  id: invoiceId,
  contractId,
  period: z.number().int().positive().nullable(),
  periodStart: calendarDate,
  periodEnd: calendarDate,
  issueDate: calendarDate,
  dueDate: calendarDate,
  amount: microUnits,
});

export const paymentRecordInput = z
  .object({
    customer: customerName,
    date: calendarDate,
    amount: microUnits,
    /** Settle this invoice first; the rest goes to the oldest due. */
    invoiceId: invoiceId.nullable().default(null),
    reference: z.string().trim().max(200).nullable().default(null),
  })
  .strict();

export const allocationView = z.object({ invoiceId, amount: microUnits, date: calendarDate });

export const customerPaymentView = z.object({
  id: z.number().int().positive(),
  customer: z.string(),
  date: calendarDate,
  amount: microUnits,
  invoiceId: invoiceId.nullable(),
  reference: z.string().nullable(),
  allocations: z.array(allocationView),
  /** Not applied to an invoice on the as-of day: the customer's credit. */
  unapplied: microUnits,
  journalSeq: z.number().int().positive(),
});

export const agingTotals = z.object({ current: microUnits, '1-29': microUnits, '30-59': microUnits, '60-89': microUnits, '90+': microUnits, total: microUnits });

export const paymentHistory = z.object({
  customer: z.string(),
  invoiced: microUnits,
  collected: microUnits,
  open: microUnits,
  invoices: z.number().int().nonnegative(),
  paidOnTime: z.number().int().nonnegative(),
  paidLate: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
  averageDaysLate: z.string().nullable(),
  maxDaysPastDue: z.number().int().nonnegative(),
  lastPaymentOn: calendarDate.nullable(),
  aging: agingTotals,
});

export const concentrationView = z.object({
  from: calendarDate,
  to: calendarDate,
  total: microUnits,
  shares: z.array(z.object({ customer: z.string(), revenue: microUnits, shareBps: z.number().int().nonnegative() })),
  topShareBps: z.number().int().nonnegative(),
  hhi: z.number().int().nonnegative(),
});

export const receivablesView = z.object({
  asOf: calendarDate,
  aging: agingTotals,
  customers: z.array(paymentHistory),
  concentration: concentrationView,
});

export const importTable = z.enum(['contracts', 'invoices', 'payments', 'costs', 'appraisals', 'pledges']);
export const exportTable = z.enum(['contracts', 'invoices', 'payments', 'allocations', 'aging', 'appraisals', 'pledges', 'collateral', 'costs', 'waterfall', 'alerts']);

export const importRowError = z.object({ row: z.number().int().positive(), column: z.string().nullable(), message: z.string() });
export const importResult = z.object({
  /** False when any row was refused: then nothing was applied (all-or-nothing). */
  applied: z.boolean(),
  rows: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  errors: z.array(importRowError),
});

export type ContractCreate = z.output<typeof contractCreate>;
export type ContractView = z.output<typeof contractView>;
export type InvoiceView = z.output<typeof invoiceView>;
export type CustomerPaymentView = z.output<typeof customerPaymentView>;
export type PaymentRecordInput = z.output<typeof paymentRecordInput>;
export type ReceivablesView = z.output<typeof receivablesView>;
export type PaymentHistoryView = z.output<typeof paymentHistory>;
export type ImportTable = z.output<typeof importTable>;
export type ExportTable = z.output<typeof exportTable>;
export type ImportResult = z.output<typeof importResult>;
export type ImportRowError = z.output<typeof importRowError>;
