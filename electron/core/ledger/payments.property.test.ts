import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './civil-date';
import { FixedRateReplay, owedOn } from './fixed-rate-servicing';
import { serviceFixedRate } from './fixed-rate-view';
import { parseFixedRateTerms } from './fixed-rate-terms';
import { allocationTotal, PaymentRefusedError, type PaymentEvent } from './payments';
import { fixedRateTermsArb } from '../../../test/support/ledger-arbitraries';

/** Payments at increasing offsets (days) from the start, of any size up to 60 % of the principal. */
const paymentsArb = fc.array(
  fc.record({ gap: fc.integer({ min: 0, max: 120 }), share: fc.integer({ min: 1, max: 600 }), prepayment: fc.boolean() }),
  { maxLength: 12 },
);

describe('payment allocation properties (fast-check)', () => {
  it('each payment is allocated exactly: its parts add up to it, none negative, and nothing is paid twice', () => {
    fc.assert(
      fc.property(fixedRateTermsArb, paymentsArb, (input, draws) => {
        const terms = parseFixedRateTerms(input);
        const replay = new FixedRateReplay(terms);
        let day = parseIsoDate(input.startDate);
        let principalPaid = 0n;
        let accepted = 0n;
        draws.forEach((draw, index) => {
          day += draw.gap;
          const payment: PaymentEvent = { id: index + 1, day, amount: (input.principal * BigInt(draw.share)) / 1000n + 1n, kind: draw.prepayment ? 'prepayment' : 'regular' };
          try {
            const allocation = replay.apply(payment);
            expect(allocationTotal(allocation)).toBe(payment.amount);
            for (const part of Object.values(allocation)) expect(part >= 0n).toBe(true);
            principalPaid += allocation.principal;
            accepted += payment.amount;
          } catch (error) {
            if (!(error instanceof PaymentRefusedError)) throw error;
          }
        });
        // Principal repaid never exceeds what was lent plus interest capitalized by negative-principal lines.
        const capitalized = replay.installments.reduce((sum, state) => sum + (state.line.principal < 0n ? -state.line.principal : 0n), 0n);
        expect(principalPaid <= input.principal + capitalized).toBe(true);
        for (const state of replay.installments) {
          const owed = owedOn(state);
          expect(owed.interest >= 0n && owed.principal >= 0n && owed.fees >= 0n).toBe(true);
        }
        // The schedule still repays exactly what was lent, whatever was prepaid.
        expect(replay.installments.reduce((sum, state) => sum + state.line.principal, 0n) + replay.prepaidPrincipal).toBe(input.principal);
        // Money in = money allocated; what sits as credit is still the borrower's.
        const allocated = [...replay.allocations.values()].reduce((sum, allocation) => sum + allocationTotal(allocation), 0n);
        expect(allocated).toBe(accepted);
        // Conservation: every accepted micro-unit sits on an installment, in prepaid principal or
        // its fee, or in credit not yet applied.
        const onInstallments = replay.installments.reduce((sum, state) => sum + state.paidInterest + state.paidPrincipal + state.feesPaid, 0n);
        expect(onInstallments + replay.prepaidPrincipal + replay.prepaymentFeesPaid + replay.credit).toBe(accepted);
      }),
      { numRuns: 300 },
    );
  });

  it('the payoff quote, paid as a prepayment on its day, leaves nothing owed', () => {
    fc.assert(
      fc.property(fixedRateTermsArb, paymentsArb, fc.integer({ min: 0, max: 4000 }), (input, draws, payoffOffset) => {
        const terms = parseFixedRateTerms(input);
        const start = parseIsoDate(input.startDate);
        const payoffDay = start + payoffOffset;
        const payments: PaymentEvent[] = [];
        const replay = new FixedRateReplay(terms);
        let day = start;
        for (const draw of draws) {
          day += draw.gap;
          if (day > payoffDay) break;
          const payment: PaymentEvent = { id: payments.length + 1, day, amount: (input.principal * BigInt(draw.share)) / 1000n + 1n, kind: draw.prepayment ? 'prepayment' : 'regular' };
          try {
            replay.apply(payment);
            payments.push(payment);
          } catch (error) {
            if (!(error instanceof PaymentRefusedError)) throw error;
          }
        }
        const before = serviceFixedRate(terms, payments, payoffDay);
        if (before.payoff === null || before.payoff.total === 0n) return;
        const payoff: PaymentEvent = { id: payments.length + 1, day: payoffDay, amount: before.payoff.total, kind: 'prepayment' };
        const inProgress = replay.inProgressIndex(payoffDay) >= 0;
        if (!inProgress) payoff.kind = 'regular'; // past maturity everything is due: a regular payment settles it
        const after = serviceFixedRate(terms, [...payments, payoff], payoffDay);
        expect(after.status).toBe('repaid');
        expect(after.outstandingPrincipal).toBe(0n);
        expect(after.installments.every((line) => line.owed === 0n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
