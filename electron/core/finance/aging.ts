import type { Day } from '../ledger/civil-date';
import type { AllocationLine, InvoiceFacts } from './allocation';

/** Aging buckets of open receivables by days past due (0 = not yet due or due today). */
export const AGING_BUCKETS = ['current', '1-29', '30-59', '60-89', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function bucketOf(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue < 30) return '1-29';
  if (daysPastDue < 60) return '30-59';
  if (daysPastDue < 90) return '60-89';
  return '90+';
}

export type InvoiceState = 'open' | 'overdue' | 'paid' | 'paid-late';

export interface InvoicePosition {
  id: string;
  paid: bigint;
  open: bigint;
  state: InvoiceState;
  /** Open: days from the due date to as-of; paid: days from the due date to the day it was settled (0 when on time). */
  daysPastDue: number;
  bucket: AgingBucket;
  settledOn: Day | null;
}

/**
 * Each invoice issued on or before `asOf`, with what the allocation had paid of it by then.
 * Days past due count from the due date (the day after it is 1 day past due).
 */
export function invoicePositions(invoices: readonly InvoiceFacts[], lines: readonly AllocationLine[], asOf: Day): InvoicePosition[] {
  const paidBy = new Map<string, { paid: bigint; last: Day }>();
  for (const line of lines) {
    if (line.day > asOf) continue;
    const entry = paidBy.get(line.invoiceId);
    if (entry) {
      entry.paid += line.amount;
      if (line.day > entry.last) entry.last = line.day;
    } else paidBy.set(line.invoiceId, { paid: line.amount, last: line.day });
  }
  const positions: InvoicePosition[] = [];
  for (const invoice of invoices) {
    if (invoice.issue > asOf) continue;
    const entry = paidBy.get(invoice.id);
    const paid = entry?.paid ?? 0n;
    const open = invoice.amount - paid;
    if (open === 0n) {
      const late = Math.max(0, entry!.last - invoice.due);
      positions.push({ id: invoice.id, paid, open, state: late > 0 ? 'paid-late' : 'paid', daysPastDue: late, bucket: 'current', settledOn: entry!.last });
    } else {
      const daysPastDue = Math.max(0, asOf - invoice.due);
      positions.push({ id: invoice.id, paid, open, state: daysPastDue > 0 ? 'overdue' : 'open', daysPastDue, bucket: bucketOf(daysPastDue), settledOn: null });
    }
  }
  return positions;
}

export type AgingTotals = Record<AgingBucket, bigint> & { total: bigint };

/** Open receivables by bucket; the buckets partition the total (each open invoice is in exactly one). */
export function agingTotals(positions: readonly InvoicePosition[]): AgingTotals {
  const totals: AgingTotals = { current: 0n, '1-29': 0n, '30-59': 0n, '60-89': 0n, '90+': 0n, total: 0n };
  for (const position of positions) {
    if (position.open === 0n) continue;
    totals[position.bucket] += position.open;
    totals.total += position.open;
  }
  return totals;
}
