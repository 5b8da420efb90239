import type { Day } from '../ledger/civil-date';

/** An invoice as the allocation sees it. */
export interface InvoiceFacts {
  id: string;
  customer: string;
  issue: Day;
  due: Day;
  amount: bigint;
}

/** A payment as the allocation sees it; `invoiceId` names the invoice it settles first. */
export interface PaymentFacts {
  id: number;
  customer: string;
  day: Day;
  amount: bigint;
  invoiceId: string | null;
}

/** Part of a payment applied to an invoice, on the day it was applied. */
export interface AllocationLine {
  paymentId: number;
  invoiceId: string;
  amount: bigint;
  day: Day;
}

export interface AllocationResult {
  lines: AllocationLine[];
  /** What each payment has not (yet) applied: the customer's credit. */
  unapplied: Map<number, bigint>;
}

const byDueDate = (a: InvoiceFacts, b: InvoiceFacts): number => a.due - b.due || a.issue - b.issue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Replays one customer's (or several customers') payments against their invoices, in time:
 * - each day, the invoices issued that day open first, and credit held from earlier payments
 *   settles them (oldest payment's credit first, invoices oldest due first);
 * - then that day's payments, in the order recorded: the invoice a payment names first (if it
 *   is open), then the open invoices oldest due first; what is left is held as credit.
 * A payment never pays an invoice not yet issued on its day. Deterministic and pure: the same
 * rows always give the same allocation, and every payment's lines plus its credit equal it.
 */
export function allocatePayments(invoices: readonly InvoiceFacts[], payments: readonly PaymentFacts[]): AllocationResult {
  const lines: AllocationLine[] = [];
  const unapplied = new Map<number, bigint>();
  const byCustomer = new Map<string, { invoices: InvoiceFacts[]; payments: PaymentFacts[] }>();
  const group = (customer: string) => {
    let entry = byCustomer.get(customer);
    if (!entry) byCustomer.set(customer, (entry = { invoices: [], payments: [] }));
    return entry;
  };
  for (const invoice of invoices) group(invoice.customer).invoices.push(invoice);
  for (const payment of payments) group(payment.customer).payments.push(payment);
  for (const entry of byCustomer.values()) {
    const own = entry.invoices.sort((a, b) => a.issue - b.issue || byDueDate(a, b));
    const paid = entry.payments.sort((a, b) => a.day - b.day || a.id - b.id);
    const owed = new Map(own.map((invoice) => [invoice.id, invoice.amount]));
    const open: InvoiceFacts[] = [];
    const credit: { paymentId: number; left: bigint }[] = [];
    let nextInvoice = 0;

    const apply = (paymentId: number, invoice: InvoiceFacts, available: bigint, day: Day): bigint => {
      const left = owed.get(invoice.id)!;
      const amount = available < left ? available : left;
      if (amount <= 0n) return 0n;
      owed.set(invoice.id, left - amount);
      lines.push({ paymentId, invoiceId: invoice.id, amount, day });
      return amount;
    };
    const openUntil = (day: Day): void => {
      while (nextInvoice < own.length && own[nextInvoice]!.issue <= day) {
        const invoice = own[nextInvoice++]!;
        // Settled invoices leave the open list; the new one goes in at its due-date place.
        for (let i = open.length - 1; i >= 0; i -= 1) if (owed.get(open[i]!.id) === 0n) open.splice(i, 1);
        let at = open.length;
        while (at > 0 && byDueDate(open[at - 1]!, invoice) > 0) at -= 1;
        open.splice(at, 0, invoice);
        for (const held of credit) {
          if (held.left > 0n) held.left -= apply(held.paymentId, invoice, held.left, invoice.issue);
        }
      }
    };

    for (const payment of paid) {
      openUntil(payment.day);
      let left = payment.amount;
      const named = payment.invoiceId === null ? undefined : open.find((invoice) => invoice.id === payment.invoiceId);
      if (named) left -= apply(payment.id, named, left, payment.day);
      for (const invoice of open) {
        if (left === 0n) break;
        left -= apply(payment.id, invoice, left, payment.day);
      }
      credit.push({ paymentId: payment.id, left });
    }
    openUntil(Number.MAX_SAFE_INTEGER);
    for (const held of credit) unapplied.set(held.paymentId, held.left);
  }
  return { lines, unapplied };
}
