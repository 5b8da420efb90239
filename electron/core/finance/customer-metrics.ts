import { splitByWeights } from './pro-rata';
import type { Day } from '../ledger/civil-date';
import type { InvoiceFacts, PaymentFacts } from './allocation';
import type { InvoicePosition } from './aging';

/** A customer's record of paying, as a lender reads it. */
export interface PaymentHistory {
  customer: string;
  invoiced: bigint;
  collected: bigint;
  open: bigint;
  invoices: number;
  paidOnTime: number;
  paidLate: number;
  /** Open and past due on the as-of day. */
  overdue: number;
  /** Mean days late of the invoices paid late, to one decimal (as a string), or null. */
  averageDaysLate: string | null;
  /** The worst delay seen: days late of a paid invoice or days past due of an open one. */
  maxDaysPastDue: number;
  lastPaymentOn: Day | null;
}

/** Payment history per customer on `asOf` from the invoice positions and payments up to then. */
export function paymentHistories(invoices: readonly InvoiceFacts[], positions: readonly InvoicePosition[], payments: readonly PaymentFacts[], asOf: Day): PaymentHistory[] {
  const positionOf = new Map(positions.map((position) => [position.id, position]));
  const histories = new Map<string, PaymentHistory & { lateDays: number }>();
  const historyOf = (customer: string) => {
    let history = histories.get(customer);
    if (!history) {
      history = { customer, invoiced: 0n, collected: 0n, open: 0n, invoices: 0, paidOnTime: 0, paidLate: 0, overdue: 0, averageDaysLate: null, maxDaysPastDue: 0, lastPaymentOn: null, lateDays: 0 };
      histories.set(customer, history);
    }
    return history;
  };
  for (const invoice of invoices) {
    const position = positionOf.get(invoice.id);
    if (!position) continue; // not issued yet
    const history = historyOf(invoice.customer);
    history.invoices += 1;
    history.invoiced += invoice.amount;
    history.open += position.open;
    if (position.state === 'paid') history.paidOnTime += 1;
    if (position.state === 'paid-late') {
      history.paidLate += 1;
      history.lateDays += position.daysPastDue;
    }
    if (position.state === 'overdue') history.overdue += 1;
    history.maxDaysPastDue = Math.max(history.maxDaysPastDue, position.daysPastDue);
  }
  for (const payment of payments) {
    if (payment.day > asOf) continue;
    const history = historyOf(payment.customer);
    history.collected += payment.amount;
    if (history.lastPaymentOn === null || payment.day > history.lastPaymentOn) history.lastPaymentOn = payment.day;
  }
  return [...histories.values()]
    .map(({ lateDays, ...history }) => ({ ...history, averageDaysLate: history.paidLate === 0 ? null : oneDecimal(lateDays, history.paidLate) }))
    .sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
}

/** a / b to one decimal, half-even, as a string ("12.5"). */
function oneDecimal(a: number, b: number): string {
  const tenths = Number(halfEven(BigInt(a) * 10n, BigInt(b)));
  return `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}`;
}

function halfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  if (twice < denominator) return quotient;
  if (twice > denominator) return quotient + 1n;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

export interface CustomerShare {
  customer: string;
  revenue: bigint;
  /** Share of the window's invoiced revenue in basis points; the shares add up to 10,000. */
  shareBps: number;
}

export interface Concentration {
  from: Day;
  to: Day;
  total: bigint;
  shares: CustomerShare[];
  topShareBps: number;
  /** Herfindahl-Hirschman index on the shares in percent (0..10,000): above 2,500 is highly concentrated. */
  hhi: number;
}

/**
 * Customer concentration: each customer's share of the revenue invoiced in [from, to] (issue
 * dates), largest first. Basis points by largest remainder, so they add up to 10,000 exactly.
 */
export function concentration(invoices: readonly InvoiceFacts[], from: Day, to: Day): Concentration {
  const revenue = new Map<string, bigint>();
  let total = 0n;
  for (const invoice of invoices) {
    if (invoice.issue < from || invoice.issue > to) continue;
    revenue.set(invoice.customer, (revenue.get(invoice.customer) ?? 0n) + invoice.amount);
    total += invoice.amount;
  }
  const customers = [...revenue.entries()].sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] < b[0] ? -1 : 1));
  const bps = total === 0n ? customers.map(() => 0n) : splitByWeights(10_000n, customers.map(([, amount]) => amount));
  const shares = customers.map(([customer, amount], index) => ({ customer, revenue: amount, shareBps: Number(bps[index]!) }));
  const hhi = Math.round(shares.reduce((sum, share) => sum + (share.shareBps / 100) ** 2, 0));
  return { from, to, total, shares, topShareBps: shares[0]?.shareBps ?? 0, hhi };
}
