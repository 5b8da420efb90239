import fc from 'fast-check';
import type { FixedRateTerms, ScheduleTerms } from '../../electron/contract/schemas/facilities';
import { addMonthsClamped, formatIsoDate, parseIsoDate } from '../../electron/core/ledger/civil-date';

const CENT = 10_000n;

/** A percentage with up to 3 decimals between 0 and 40 %, as the exact decimal string terms carry. */
export const percentArb = (max = 40): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: max * 1000 }).map((thousandths) => {
    const whole = Math.floor(thousandths / 1000);
    const fraction = String(thousandths % 1000).padStart(3, '0').replace(/0+$/, '');
    return fraction === '' ? String(whole) : `${whole}.${fraction}`;
  });

const dateArb = fc.integer({ min: parseIsoDate('2000-01-01'), max: parseIsoDate('2045-12-31') }).map(formatIsoDate);

/** Schedule terms of every kind: principal from a cent to 10^10 units, stubs, balloons. */
export const scheduleTermsArb: fc.Arbitrary<ScheduleTerms> = fc
  .record({
    principalCents: fc.bigInt({ min: 1n, max: 1_000_000_000_000n }),
    annualRatePct: percentArb(),
    periods: fc.integer({ min: 1, max: 120 }),
    frequency: fc.constantFrom('monthly', 'quarterly'),
    amortization: fc.constantFrom('annuity', 'equal-principal', 'interest-only', 'bullet'),
    balloonShare: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
    startDate: dateArb,
    stubDays: fc.option(fc.integer({ min: 1, max: 180 }), { nil: undefined }),
    dayCount: fc.constantFrom('30/360', 'ACT/360', 'ACT/365F', 'ACT/ACT'),
  })
  .map((raw) => {
    const principal = raw.principalCents * CENT;
    const withBalloon = raw.balloonShare !== undefined && (raw.amortization === 'annuity' || raw.amortization === 'equal-principal');
    const months = raw.frequency === 'monthly' ? 1 : 3;
    const start = parseIsoDate(raw.startDate);
    const latestStub = addMonthsClamped(start, 2 * months);
    const firstDue = raw.stubDays === undefined ? null : formatIsoDate(Math.min(start + raw.stubDays, latestStub));
    return {
      principal,
      annualRatePct: raw.annualRatePct,
      periods: raw.periods,
      frequency: raw.frequency,
      amortization: raw.amortization,
      balloon: withBalloon ? ((raw.principalCents * BigInt(raw.balloonShare!)) / 100n) * CENT : 0n,
      startDate: raw.startDate,
      firstDueDate: firstDue,
      dayCount: raw.dayCount,
    } satisfies ScheduleTerms;
  });

/** Fixed-rate facility terms with servicing options (fees, penalty, grace, order, prepayment mode). */
export const fixedRateTermsArb: fc.Arbitrary<FixedRateTerms> = fc
  .record({
    schedule: scheduleTermsArb,
    graceDays: fc.integer({ min: 0, max: 15 }),
    lateFeePct: percentArb(10),
    penaltyAprPct: percentArb(30),
    prepaymentFeePct: percentArb(5),
    prepaymentMode: fc.constantFrom('shorten-term', 'reduce-payment'),
    allocationOrder: fc.shuffledSubarray(['fees', 'interest', 'principal'] as const, { minLength: 3, maxLength: 3 }),
  })
  .map(({ schedule, ...servicing }) => ({ structure: 'fixed-rate', ...schedule, ...servicing, allocationOrder: [...servicing.allocationOrder], defaultAfterDays: 90 }) satisfies FixedRateTerms);
