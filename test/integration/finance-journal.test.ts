import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openFinanceBooks, sightGpu, units } from '../support/finance-books';
import { useTempDirs } from '../support/temp-dir';

// Every contract, invoice, payment, appraisal, pledge, cost and alert is a journal row: whatever
// the operator does, the chain verifies; rewriting any one of those rows breaks it at that row.
const tempDir = useTempDirs();

const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('payment' as const), day: fc.integer({ min: 0, max: 180 }), cents: fc.bigInt({ min: 1n, max: 2_000_000n }), named: fc.boolean() }),
  fc.record({ kind: fc.constant('appraise' as const), gpu: fc.integer({ min: 0, max: 3 }), value: fc.bigInt({ min: 0n, max: 4_000_000n }) }),
  fc.record({ kind: fc.constant('cost' as const), day: fc.integer({ min: 0, max: 180 }), cents: fc.bigInt({ min: 0n, max: 500_000n }) }),
  fc.record({ kind: fc.constant('close' as const), month: fc.integer({ min: 0, max: 5 }) }),
);

describe('the finance journal (fast-check)', () => {
  it('verifies after any sequence of finance operations and breaks on any edit of one of their rows', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), fc.nat(), fc.constantFrom('payload', 'at', 'kind', 'delete'), (steps, pick, edit) => {
        const books = openFinanceBooks(tempDir(), '2026-09-30');
        const { finance, register, journal, db } = books;
        const gpus = Array.from({ length: 4 }, (_, i) => sightGpu(register, i + 1, new Date('2026-02-01T00:00:00Z')));
        const facility = finance.facilities.create({ name: 'F', lender: 'L', notes: null, terms: { structure: 'revenue-share', principal: units('50000'), startDate: '2026-03-01', sharePct: '50', targetMultiple: '1.2', tailSharePct: '0', minimumPayment: 0n, termMonths: 24, atTermCap: 'due', graceDays: 5, defaultAfterDays: 90 } }).facility.id;
        finance.createContract({ id: 'L-1', customer: 'Acme AI', kind: 'compute-lease', billingUnit: 'gpu-month', unitPrice: units('1000'), startDate: '2026-03-01', termMonths: 24, paymentTermsDays: 15, assetIds: gpus, notes: null });
        finance.pledge({ facilityId: facility, assetIds: gpus, date: '2026-03-01' });
        finance.setCovenant({ facilityId: facility, minCoverage: '1.3' });
        const firstFinanceSeq = journal.head().length;
        const day = (offset: number) => new Date(Date.UTC(2026, 2, 1 + offset)).toISOString().slice(0, 10);
        for (const step of steps) {
          if (step.kind === 'payment') {
            finance.generateInvoices(day(step.day));
            const open = finance.listInvoices({ asOf: day(step.day) }).invoices.find((invoice) => invoice.open > 0n);
            finance.recordPayment({ customer: 'Acme AI', date: day(step.day), amount: step.cents * 10_000n, invoiceId: step.named && open ? open.id : null, reference: null });
          } else if (step.kind === 'appraise') finance.appraise({ assetId: gpus[step.gpu]!, appraisedOn: '2026-03-01', value: step.value * 10_000n, method: 'straight-line', lifeMonths: 36, residualValue: 0n, annualRatePct: null, advanceRatePct: '75' });
          else if (step.kind === 'cost') finance.recordCost({ facilityId: facility, date: day(step.day), category: 'power', amount: step.cents * 10_000n, note: null });
          else finance.closePeriod(`2026-0${3 + step.month}`);
        }
        expect(journal.verify().ok).toBe(true);
        const { length, head } = journal.head();
        const seq = firstFinanceSeq + (pick % (length - firstFinanceSeq + 1));
        // An attacker with the file drops the guards (triggers, foreign keys) and rewrites history.
        db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; PRAGMA foreign_keys = OFF;');
        if (edit === 'payload') db.prepare(`UPDATE journal SET payload = json_set(payload, '$.tampered', 1) WHERE seq = ?`).run(seq);
        else if (edit === 'at') db.prepare(`UPDATE journal SET at = '2020-01-01T00:00:00.000Z' WHERE seq = ?`).run(seq);
        else if (edit === 'kind') db.prepare(`UPDATE journal SET kind = kind || '.x' WHERE seq = ?`).run(seq);
        else db.prepare('DELETE FROM journal WHERE seq = ?').run(seq);
        const verdict = journal.verify();
        if (edit === 'delete' && seq === length) {
          // Cutting off the last row leaves a shorter chain that links: its head is no longer the one
          // signed into the reports, which is how truncation is caught.
          expect(verdict).toMatchObject({ ok: true, length: length - 1 });
          expect(verdict.head).not.toBe(head);
        } else {
          expect(verdict.ok).toBe(false);
          expect(verdict.firstBadSeq).toBe(edit === 'delete' ? seq + 1 : seq);
        }
        db.close();
      }),
      { numRuns: 12 },
    );
  });
});
