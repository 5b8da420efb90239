import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewSchedule } from './schedule-preview';
import { CENT } from './rounding';
import { scheduleTermsArb } from '../../../test/support/ledger-arbitraries';

describe('schedule properties (fast-check)', () => {
  it('principal sums exactly to the facility amount; every line is whole cents and consistent', () => {
    fc.assert(
      fc.property(scheduleTermsArb, (terms) => {
        const schedule = previewSchedule(terms);
        const lines = schedule.installments;
        // A schedule never runs past maturity. It ends before it when a level amount rounded up
        // (compounded over a long term on a tiny principal) or a short stub repays the balance early.
        const contractual = terms.amortization === 'bullet' ? 1 : terms.periods;
        expect(lines.length).toBeLessThanOrEqual(contractual);
        if (terms.amortization === 'interest-only' || terms.amortization === 'bullet') expect(lines).toHaveLength(contractual);
        expect(lines.reduce((sum, line) => sum + line.principal, 0n)).toBe(terms.principal);
        expect(lines.at(-1)!.balance).toBe(0n);
        let balance = terms.principal;
        let previousDue = terms.startDate;
        for (const line of lines) {
          expect(line.payment).toBe(line.interest + line.principal);
          expect(line.interest >= 0n).toBe(true);
          for (const amount of [line.payment, line.interest, line.principal, line.balance]) expect(amount % CENT).toBe(0n);
          balance -= line.principal;
          expect(line.balance).toBe(balance);
          expect(line.dueDate > previousDue).toBe(true);
          previousDue = line.dueDate;
        }
        if (terms.annualRatePct.replace(/[0.]/g, '') === '') expect(schedule.totals.interest).toBe(0n);
      }),
      { numRuns: 400 },
    );
  });
});
