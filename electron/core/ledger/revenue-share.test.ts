import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RevenueShareTerms } from '../../contract/schemas/facilities';
import { addMonthsClamped, formatIsoDate, parseIsoDate } from './civil-date';
import { PaymentRefusedError } from './payments';
import { computeDues, principalRecovered } from './revenue-share-dues';
import { previewRevenueShare } from './revenue-share-preview';
import { RevenueShareReplay } from './revenue-share-replay';
import { serviceRevenueShare } from './revenue-share-view';
import { parseRevenueShareTerms } from './revenue-share-terms';
import { percentArb } from '../../../test/support/ledger-arbitraries';

const UNIT = 1_000_000n;
const units = (value: number) => BigInt(Math.round(value * 100)) * 10_000n;

/** 30,000 advanced on 2024-01-01 against 60 % of revenue until 1.25× (37,500). */
function terms(overrides: Partial<RevenueShareTerms> = {}): RevenueShareTerms {
  return { structure: 'revenue-share', principal: 30_000n * UNIT, startDate: '2024-01-01', sharePct: '60', targetMultiple: '1.25', tailSharePct: '0', minimumPayment: 0n, termMonths: 6, atTermCap: 'due', graceDays: 5, defaultAfterDays: 60, ...overrides };
}

function series(revenue: number[], paid?: (number | null)[]) {
  return revenue.map((value, index) => ({ dueDate: formatIsoDate(addMonthsClamped(parseIsoDate('2024-01-01'), index + 1)), revenue: units(value), paid: paid?.[index] === undefined || paid[index] === null ? null : units(paid[index]!) }));
}

describe('revenue share', () => {
  it('owes max(share, minimum) until the dues reach the target; the lender is paid first out of revenue; shortfalls carry forward', () => {
    const result = previewRevenueShare(terms({ minimumPayment: 8_000n * UNIT }), series([10_000, 20_000, 5_000, 40_000, 40_000, 40_000]));
    expect(result.mode).toBe('projection');
    expect(result.periods.map((period) => [period.phase, period.share, period.due, period.carriedIn, period.paid])).toEqual([
      ['recovery', units(6_000), units(8_000), 0n, units(8_000)], // the minimum
      ['recovery', units(12_000), units(12_000), 0n, units(12_000)],
      ['recovery', units(3_000), units(8_000), 0n, units(8_000)], // 5,000 of revenue: 3,000 carried …
      ['recovery', units(24_000), units(9_500), units(3_000), units(9_500)], // … paid here; due capped at the target
      ['tail', 0n, 0n, 0n, 0n],
      ['tail', 0n, 0n, 0n, 0n],
    ]);
    expect(result.payments.map((payment) => [payment.amount, payment.principal, payment.return])).toEqual([
      [units(8_000), units(6_400), units(1_600)],
      [units(12_000), units(9_600), units(2_400)],
      [units(5_000), units(4_000), units(1_000)],
      [units(12_500), units(10_000), units(2_500)],
    ]);
    expect(result.position).toEqual({ target: units(37_500), paid: units(37_500), principalRecovered: units(30_000), returnReceived: units(7_500), outstandingPrincipal: 0n, remainingTarget: 0n, targetReachedOn: '2024-05-01', forgiven: null });
    expect(result.periods[2]).toMatchObject({ status: 'late', daysPastDue: 30, settledOn: '2024-05-01' });
  });

  it('after the target, a tail share for the rest of the term: all return', () => {
    const result = previewRevenueShare(terms({ tailSharePct: '10' }), series([40_000, 40_000, 40_000, 40_000, 40_000, 40_000]));
    expect(result.periods.map((period) => [period.phase, period.due])).toEqual([
      ['recovery', units(24_000)],
      ['recovery', units(13_500)],
      ['tail', units(4_000)],
      ['tail', units(4_000)],
      ['tail', units(4_000)],
      ['tail', units(4_000)],
    ]);
    expect(result.position).toMatchObject({ paid: units(53_500), principalRecovered: units(30_000), returnReceived: units(23_500), remainingTarget: 0n });
  });

  it('at the term cap the rest of the target falls due …', () => {
    const result = previewRevenueShare(terms(), series([5_000, 5_000, 5_000, 5_000, 5_000, 5_000]));
    const cap = result.periods.at(-1)!;
    expect(cap).toMatchObject({ kind: 'term-cap', n: 7, dueDate: '2024-07-01', due: units(19_500), forgiven: 0n, status: 'paid' });
    expect(result.position).toMatchObject({ paid: units(37_500), outstandingPrincipal: 0n, remainingTarget: 0n });
  });

  it('… or is forgiven: principal written off pro rata, outstanding falls to zero', () => {
    const result = previewRevenueShare(terms({ atTermCap: 'forgiven' }), series([5_000, 5_000, 5_000, 5_000, 5_000, 5_000]));
    expect(result.periods.at(-1)).toMatchObject({ kind: 'term-cap', due: 0n, forgiven: units(19_500), status: 'forgiven' });
    // 18,000 paid: principal 14,400 recovered; the forgiven 19,500 is 15,600 principal and 3,900 return
    expect(result.position).toEqual({ target: units(37_500), paid: units(18_000), principalRecovered: units(14_400), returnReceived: units(3_600), outstandingPrincipal: 0n, remainingTarget: 0n, targetReachedOn: null, forgiven: { principal: units(15_600), return: units(3_900) } });
  });

  it('replays a paid column: what was not paid stays owed and late', () => {
    const result = previewRevenueShare(terms(), series([10_000, 10_000, 10_000], [6_000, 2_000, 10_000]));
    expect(result.mode).toBe('replay');
    expect(result.periods.map((period) => [period.due, period.carriedIn, period.paid, period.status])).toEqual([
      [units(6_000), 0n, units(6_000), 'paid'],
      [units(6_000), 0n, units(6_000), 'late'],
      [units(6_000), units(4_000), units(6_000), 'paid'],
    ]);
  });

  it('refuses money beyond the target when there is no tail share, and other kinds than regular', () => {
    const parsed = parseRevenueShareTerms(terms());
    const replay = new RevenueShareReplay(parsed, computeDues(parsed, [], true));
    expect(() => replay.apply({ id: 1, day: parseIsoDate('2024-02-01'), amount: units(37_500.01), kind: 'regular' })).toThrow(PaymentRefusedError);
    expect(() => replay.apply({ id: 1, day: parseIsoDate('2024-02-01'), amount: units(100), kind: 'prepayment' })).toThrow(/regular payments only/);
    expect(replay.apply({ id: 2, day: parseIsoDate('2024-02-01'), amount: units(37_500), kind: 'regular' })).toMatchObject({ principal: units(30_000), return: units(7_500) });
  });

  it('a period past its due date without revenue awaits it; the next payment shows the minimum', () => {
    const parsed = parseRevenueShareTerms(terms({ minimumPayment: 1_000n * UNIT }));
    const periods = [1, 2, 3].map((n) => ({ n, periodStart: addMonthsClamped(parsed.start, n - 1), dueDate: addMonthsClamped(parsed.start, n), revenue: n === 1 ? units(10_000) : null }));
    const view = serviceRevenueShare(parsed, periods, [], parseIsoDate('2024-03-10'));
    expect(view.periods.map((period) => period.status)).toEqual(['unpaid', 'awaiting-revenue', 'upcoming']);
    expect(view.nextPayment).toEqual({ n: 3, dueDate: '2024-04-01', amount: units(1_000) });
    expect(view.arrears).toMatchObject({ shareDue: units(6_000), daysPastDue: 38 });
    expect(view.status).toBe('late');
  });
});

describe('revenue share properties (fast-check)', () => {
  const revenueArb = fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 36 });
  const termsArb = fc.record({
    principalCents: fc.integer({ min: 1, max: 100_000_000 }),
    sharePct: percentArb(100).filter((pct) => Number(pct) > 0),
    multiple: fc.integer({ min: 100, max: 300 }).map((hundredths) => (hundredths / 100).toFixed(2)),
    tailSharePct: fc.constantFrom('0', '0', '5', '12.5'),
    minimumCents: fc.constantFrom(0, 0, 100_000, 2_500_000),
    atTermCap: fc.constantFrom('due' as const, 'forgiven' as const),
  });

  it('stops at the target multiple; principal recovered adds up to the principal exactly when it is reached', () => {
    fc.assert(
      fc.property(termsArb, revenueArb, (raw, revenue) => {
        const input = terms({ principal: BigInt(raw.principalCents) * 10_000n, sharePct: raw.sharePct, targetMultiple: raw.multiple, tailSharePct: raw.tailSharePct, minimumPayment: BigInt(raw.minimumCents) * 10_000n, termMonths: revenue.length, atTermCap: raw.atTermCap });
        const result = previewRevenueShare(input, series(revenue));
        const parsed = parseRevenueShareTerms(input);
        const recovery = result.periods.filter((period) => period.phase === 'recovery').reduce((sum, period) => sum + period.due + period.forgiven, 0n);
        expect(recovery <= parsed.target).toBe(true);
        const paidTowardTarget = result.payments.reduce((sum, payment) => sum + payment.amount, 0n);
        if (raw.tailSharePct === '0') expect(paidTowardTarget <= parsed.target).toBe(true);
        const principal = result.payments.reduce((sum, payment) => sum + payment.principal, 0n);
        expect(principal).toBe(principalRecovered(parsed, result.position.paid));
        for (const payment of result.payments) expect(payment.principal + payment.return).toBe(payment.amount);
        if (result.position.paid >= parsed.target) expect(principal).toBe(input.principal);
        // With the term cap due, the whole target is always owed and (in a projection) paid.
        if (raw.atTermCap === 'due') expect(result.position.remainingTarget).toBe(0n);
        expect(result.position.outstandingPrincipal >= 0n).toBe(true);
      }),
      // The example is a counterexample fast-check once found (a one-month term whose only period
      // already held the whole target, with no revenue): it is checked on every run.
      { numRuns: 300, examples: [[{ principalCents: 1, sharePct: '0.001', multiple: '1.00', tailSharePct: '0', minimumCents: 2_500_000, atTermCap: 'due' }, [0]]] },
    );
  });
});
