import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS, agingTotals, bucketOf, invoicePositions } from './aging';
import { allocatePayments, type InvoiceFacts, type PaymentFacts } from './allocation';
import { concentration } from './customer-metrics';
import { splitByWeights } from './pro-rata';

const CUSTOMERS = ['Acme AI', 'Borealis Labs', 'Cinder Robotics'];

/** Random books: invoices (issue day, terms, amount) and payments (day, amount, maybe naming an invoice). */
const booksArb = fc
  .record({
    invoices: fc.array(fc.record({ customer: fc.integer({ min: 0, max: 2 }), issue: fc.integer({ min: 0, max: 400 }), terms: fc.integer({ min: 0, max: 60 }), cents: fc.bigInt({ min: 1n, max: 5_000_000n }) }), { maxLength: 25 }),
    payments: fc.array(fc.record({ customer: fc.integer({ min: 0, max: 2 }), day: fc.integer({ min: 0, max: 500 }), micro: fc.bigInt({ min: 1n, max: 60_000_000_000n }), names: fc.option(fc.nat(), { nil: null }) }), { maxLength: 25 }),
    asOf: fc.integer({ min: 0, max: 520 }),
  })
  .map(({ invoices, payments, asOf }) => {
    const facts: InvoiceFacts[] = invoices.map((invoice, index) => ({ id: `INV-${String(index).padStart(3, '0')}`, customer: CUSTOMERS[invoice.customer]!, issue: invoice.issue, due: invoice.issue + invoice.terms, amount: invoice.cents * 10_000n }));
    const paid: PaymentFacts[] = payments.map((payment, index) => ({ id: index + 1, customer: CUSTOMERS[payment.customer]!, day: payment.day, amount: payment.micro, invoiceId: payment.names === null || facts.length === 0 ? null : facts[payment.names % facts.length]!.id }));
    return { facts, paid, asOf };
  });

describe('receivables properties (fast-check)', () => {
  it('allocations add up to the payments: every payment = its lines + its credit; no invoice is paid beyond its amount, before its issue or before the money came', () => {
    fc.assert(
      fc.property(booksArb, ({ facts, paid }) => {
        const { lines, unapplied } = allocatePayments(facts, paid);
        const byInvoice = new Map(facts.map((invoice) => [invoice.id, invoice]));
        for (const payment of paid) {
          const applied = lines.filter((line) => line.paymentId === payment.id).reduce((sum, line) => sum + line.amount, 0n);
          expect(applied + unapplied.get(payment.id)!).toBe(payment.amount);
          expect(unapplied.get(payment.id)! >= 0n).toBe(true);
        }
        for (const invoice of facts) {
          const total = lines.filter((line) => line.invoiceId === invoice.id).reduce((sum, line) => sum + line.amount, 0n);
          expect(total <= invoice.amount).toBe(true);
        }
        for (const line of lines) {
          const invoice = byInvoice.get(line.invoiceId)!;
          const payment = paid.find((candidate) => candidate.id === line.paymentId)!;
          expect(line.amount > 0n).toBe(true);
          expect(invoice.customer).toBe(payment.customer);
          expect(line.day >= invoice.issue && line.day >= payment.day).toBe(true);
        }
        // Credit is only ever held while the customer owes nothing: once all invoices are issued, a
        // customer with credit has every invoice paid in full.
        for (const customer of CUSTOMERS) {
          const credit = paid.filter((payment) => payment.customer === customer).reduce((sum, payment) => sum + unapplied.get(payment.id)!, 0n);
          if (credit === 0n) continue;
          for (const invoice of facts.filter((candidate) => candidate.customer === customer)) {
            expect(lines.filter((line) => line.invoiceId === invoice.id).reduce((sum, line) => sum + line.amount, 0n)).toBe(invoice.amount);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('aging buckets partition the receivables: each open invoice is in exactly one bucket and the buckets add up to what is owed', () => {
    fc.assert(
      fc.property(booksArb, ({ facts, paid, asOf }) => {
        const { lines } = allocatePayments(facts, paid.filter((payment) => payment.day <= asOf));
        const positions = invoicePositions(facts, lines, asOf);
        const totals = agingTotals(positions);
        const issued = facts.filter((invoice) => invoice.issue <= asOf);
        const owed = issued.reduce((sum, invoice) => sum + invoice.amount, 0n) - lines.filter((line) => line.day <= asOf).reduce((sum, line) => sum + line.amount, 0n);
        expect(totals.total).toBe(owed);
        expect(AGING_BUCKETS.reduce((sum, bucket) => sum + totals[bucket], 0n)).toBe(totals.total);
        for (const position of positions) {
          const invoice = issued.find((candidate) => candidate.id === position.id)!;
          expect(position.paid + position.open).toBe(invoice.amount);
          if (position.open > 0n) {
            expect(position.daysPastDue).toBe(Math.max(0, asOf - invoice.due));
            expect(position.bucket).toBe(bucketOf(position.daysPastDue));
          }
        }
        expect(positions).toHaveLength(issued.length);
      }),
      { numRuns: 300 },
    );
  });

  it('pro-rata splits are exact and fair: parts add up to the total and each is within one unit of its exact share', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 40 }), (total, weights) => {
        fc.pre(weights.some((weight) => weight > 0n));
        const parts = splitByWeights(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0n);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        parts.forEach((part, index) => {
          const exact = total * weights[index]!;
          expect(part * sum <= exact + sum && part * sum >= exact - sum).toBe(true);
        });
      }),
    );
  });

  it('concentration shares add up to 10,000 bps', () => {
    fc.assert(
      fc.property(booksArb, ({ facts }) => {
        const result = concentration(facts, 0, 1000);
        if (facts.length === 0) expect(result.shares).toEqual([]);
        else expect(result.shares.reduce((sum, share) => sum + share.shareBps, 0)).toBe(10_000);
      }),
    );
  });
});

describe('allocation examples', () => {
  const invoice = (id: string, issue: number, due: number, amount: bigint): InvoiceFacts => ({ id, customer: 'Acme AI', issue, due, amount });
  it('pays the named invoice first, then the oldest due, and holds the rest as credit until the next invoice', () => {
    const invoices = [invoice('A', 0, 30, 100n), invoice('B', 10, 20, 100n), invoice('C', 50, 80, 100n)];
    const { lines, unapplied } = allocatePayments(invoices, [
      { id: 1, customer: 'Acme AI', day: 15, amount: 150n, invoiceId: 'A' },
      { id: 2, customer: 'Acme AI', day: 40, amount: 120n, invoiceId: null },
    ]);
    expect(lines).toEqual([
      { paymentId: 1, invoiceId: 'A', amount: 100n, day: 15 },
      { paymentId: 1, invoiceId: 'B', amount: 50n, day: 15 },
      { paymentId: 2, invoiceId: 'B', amount: 50n, day: 40 },
      { paymentId: 2, invoiceId: 'C', amount: 70n, day: 50 }, // credit applied on C's issue day
    ]);
    expect(unapplied.get(2)).toBe(0n);
    const positions = invoicePositions(invoices, lines, 100);
    expect(positions.map((position) => [position.id, position.state, position.daysPastDue, position.open])).toEqual([
      ['A', 'paid', 0, 0n],
      ['B', 'paid-late', 20, 0n],
      ['C', 'overdue', 20, 30n],
    ]);
  });
});
