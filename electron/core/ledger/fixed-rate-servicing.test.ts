import { describe, expect, it } from 'vitest';
import type { FixedRateTerms } from '../../contract/schemas/facilities';
import { parseIsoDate } from './civil-date';
import { FixedRateReplay } from './fixed-rate-servicing';
import { parseFixedRateTerms } from './fixed-rate-terms';
import { serviceFixedRate } from './fixed-rate-view';
import { allocationTotal, PaymentRefusedError, type PaymentEvent } from './payments';

const UNIT = 1_000_000n;
const units = (text: string) => BigInt(Math.round(Number(text) * 100)) * 10_000n;

/** 1200.00 at 12 %, equal principal over 3 months from 2024-01-15 (30/360): 412.00, 408.00, 404.00. */
function terms(overrides: Partial<FixedRateTerms> = {}) {
  return parseFixedRateTerms({
    structure: 'fixed-rate',
    principal: 1200n * UNIT,
    annualRatePct: '12',
    periods: 3,
    frequency: 'monthly',
    amortization: 'equal-principal',
    balloon: 0n,
    startDate: '2024-01-15',
    firstDueDate: null,
    dayCount: '30/360',
    graceDays: 5,
    defaultAfterDays: 30,
    lateFeePct: '5',
    penaltyAprPct: '24',
    prepaymentFeePct: '1',
    prepaymentMode: 'reduce-payment',
    allocationOrder: ['fees', 'interest', 'principal'],
    ...overrides,
  });
}

let nextId = 1;
function pay(date: string, amount: string, kind: PaymentEvent['kind'] = 'regular'): PaymentEvent {
  return { id: nextId++, day: parseIsoDate(date), amount: units(amount), kind };
}

const view = (payments: PaymentEvent[], asOf: string, overrides: Partial<FixedRateTerms> = {}) => serviceFixedRate(terms(overrides), payments, parseIsoDate(asOf));

describe('recording payments against a fixed-rate schedule', () => {
  it('payments on the due dates settle each installment: paid, then repaid', () => {
    const result = view([pay('2024-02-15', '412'), pay('2024-03-15', '408'), pay('2024-04-15', '404')], '2024-04-15');
    expect(result.installments.map((line) => [line.status, line.daysPastDue, line.owed])).toEqual([
      ['paid', 0, 0n],
      ['paid', 0, 0n],
      ['paid', 0, 0n],
    ]);
    expect(result.status).toBe('repaid');
    expect(result.payoff).toBeNull();
    expect(result.totals.paid).toMatchObject({ interest: units('24'), principal: units('1200'), lateFees: 0n, total: units('1224') });
  });

  it('within the grace period a payment is on time, without fees', () => {
    const result = view([pay('2024-02-20', '412')], '2024-02-20');
    expect(result.installments[0]).toMatchObject({ status: 'paid', daysPastDue: 5, lateFees: 0n, settledOn: '2024-02-20' });
  });

  it('after it: a flat fee on what is overdue, penalty interest from the due date, fees paid first', () => {
    const first = pay('2024-02-21', '412');
    const second = pay('2024-02-25', '22.25');
    const result = view([first, second], '2024-03-01');
    // flat 5 % of 412.00 = 20.60; penalty 412.00 × 24 % × 6/360 = 1.648 → 1.65
    expect(result.allocations.get(first.id)).toEqual({ lateFees: units('22.25'), prepaymentFee: 0n, interest: units('12'), principal: units('377.75'), return: 0n, credit: 0n });
    // 22.25 overdue for 4 more days: 22.25 × 24 % × 4/360 = 0.0593 → 0.06, paid first
    expect(result.allocations.get(second.id)).toMatchObject({ lateFees: units('0.06'), principal: units('22.19') });
    expect(result.installments[0]).toMatchObject({ status: 'partial', owed: units('0.06'), daysPastDue: 15, lateFees: units('22.31') });
    expect(result.arrears).toMatchObject({ total: units('0.06'), principal: units('0.06'), oldestDueDate: '2024-02-15', daysPastDue: 15 });
    expect(result.status).toBe('late');
  });

  it('a late installment settled in full is late, with its days past due', () => {
    const result = view([pay('2024-02-25', '500')], '2024-02-25');
    expect(result.installments[0]).toMatchObject({ status: 'late', daysPastDue: 10, settledOn: '2024-02-25', owed: 0n });
  });

  it('arrears grow past the grace period, and past defaultAfterDays the facility is in default', () => {
    const partial = pay('2024-02-15', '200');
    const result = view([partial], '2024-03-01');
    expect(result.installments[0]).toMatchObject({ status: 'partial', daysPastDue: 15 });
    // 212.00 principal overdue: 5 % = 10.60 flat + 212 × 24 % × 16/360 = 2.2613 → 2.26
    expect(result.arrears).toMatchObject({ principal: units('212'), interest: 0n, fees: units('12.86'), total: units('224.86') });
    expect(view([], '2024-03-16').status).toBe('late');
    expect(view([], '2024-03-17').status).toBe('default');
    expect(view([], '2024-03-17').installments[0]).toMatchObject({ status: 'unpaid', daysPastDue: 31 });
  });

  it('money received before a due date is credit, applied on that date: the installment is prepaid', () => {
    const early = pay('2024-02-01', '820');
    const result = view([early], '2024-02-16');
    expect(result.allocations.get(early.id)).toMatchObject({ credit: units('820'), interest: 0n, principal: 0n });
    expect(result.installments.map((line) => [line.status, line.settledOn])).toEqual([
      ['prepaid', '2024-02-01'],
      ['prepaid', '2024-02-01'], // projected: the credit left covers it on its due date
      ['upcoming', null],
    ]);
    expect(result.credit).toBe(units('408'));
    expect(result.nextPayment).toEqual({ n: 3, dueDate: '2024-04-15', amount: units('404') });
  });

  it('refuses a regular payment beyond everything still owed', () => {
    const replay = new FixedRateReplay(terms());
    expect(() => replay.apply(pay('2024-02-01', '1224.01'))).toThrow(PaymentRefusedError);
    expect(replay.apply(pay('2024-02-01', '1224'))).toMatchObject({ credit: units('1224') });
  });

  it('follows the allocation order of the terms', () => {
    const late = pay('2024-02-25', '300');
    const principalFirst = view([late], '2024-02-25', { allocationOrder: ['principal', 'interest', 'fees'] });
    expect(principalFirst.allocations.get(late.id)).toMatchObject({ principal: units('300'), interest: 0n, lateFees: 0n });
    const interestFirst = view([late], '2024-02-25', { allocationOrder: ['interest', 'fees', 'principal'] });
    // 10 days late: 5 % of 412.00 = 20.60 flat + 412.00 × 24 % × 10/360 = 2.7467 → 2.75
    expect(interestFirst.allocations.get(late.id)).toMatchObject({ interest: units('12'), lateFees: units('23.35'), principal: units('264.65') });
  });
});

describe('prepayments', () => {
  /** 12000.00 at 12 %, annuity over 12 months from 2024-01-15 (30/360): level payment 1066.19. */
  const annuity = (mode: FixedRateTerms['prepaymentMode']) => ({ principal: 12_000n * UNIT, periods: 12, amortization: 'annuity' as const, prepaymentMode: mode });

  it('reduce the payment: the same maturity, a lower level payment, principal summing to the facility', () => {
    const first = pay('2024-02-15', '1066.19');
    const prepayment = pay('2024-02-15', '5000', 'prepayment');
    const result = view([first, prepayment], '2024-02-15', annuity('reduce-payment'));
    // 5000 = principal + 1 % fee: principal floor(5000 / 1.01) = 4950.49, fee 49.50, 0.01 left as credit
    expect(result.allocations.get(prepayment.id)).toEqual({ lateFees: 0n, prepaymentFee: units('49.50'), interest: 0n, principal: units('4950.49'), return: 0n, credit: units('0.01') });
    expect(result.installments).toHaveLength(12);
    expect(result.installments[1]!.expected.payment).toBeLessThan(units('1066.19'));
    const scheduled = result.installments.reduce((sum, line) => sum + line.expected.principal, 0n);
    expect(scheduled + units('4950.49')).toBe(12_000n * UNIT);
    expect(result.installments.at(-1)!.expected.balance).toBe(0n);
    expect(result.outstandingPrincipal).toBe(12_000n * UNIT - units('946.19') - units('4950.49'));
  });

  it('shorten the term: the same payment, fewer installments', () => {
    const result = view([pay('2024-02-15', '1066.19'), pay('2024-02-15', '5000', 'prepayment')], '2024-02-15', annuity('shorten-term'));
    expect(result.installments.length).toBeLessThan(12);
    expect(result.installments.slice(1, -1).every((line) => line.expected.payment === units('1066.19'))).toBe(true);
    expect(result.maturityDate < '2025-01-15').toBe(true);
  });

  it('mid-period: the interest accrued so far is paid first and stays on the running installment', () => {
    const prepayment = pay('2024-03-01', '2000', 'prepayment');
    const result = view([pay('2024-02-15', '1066.19'), prepayment], '2024-03-01', annuity('reduce-payment'));
    // 11053.81 × 12 % × 16/360 = 58.9536 → 58.95 accrued on the old balance
    expect(result.allocations.get(prepayment.id)).toMatchObject({ interest: units('58.95') });
    const running = result.installments[1]!;
    expect(running.paid.interest).toBe(units('58.95'));
    expect(running.expected.interest).toBeGreaterThan(units('58.95'));
    expect(running.status).toBe('upcoming');
  });

  it('the payoff quote, paid as a prepayment, closes the facility', () => {
    const before = view([pay('2024-02-15', '1066.19')], '2024-03-10', annuity('reduce-payment'));
    const quote = before.payoff!;
    expect(quote.total).toBe(quote.arrears + quote.accruedInterest + quote.principal + quote.prepaymentFee - quote.credit);
    const after = view([pay('2024-02-15', '1066.19'), { id: 99, day: parseIsoDate('2024-03-10'), amount: quote.total, kind: 'prepayment' }], '2024-03-10', annuity('reduce-payment'));
    expect(after.status).toBe('repaid');
    expect(after.installments).toHaveLength(2);
    expect(after.installments[1]).toMatchObject({ status: 'prepaid', owed: 0n });
    expect(after.outstandingPrincipal).toBe(0n);
    expect(() => new FixedRateReplay(terms(annuity('reduce-payment'))).apply({ id: 1, day: parseIsoDate('2024-01-20'), amount: 13_000n * UNIT, kind: 'prepayment' })).toThrow(/exceeds the payoff/);
  });

  it('every allocation adds up to its payment', () => {
    const payments = [pay('2024-02-10', '500'), pay('2024-02-28', '700'), pay('2024-03-20', '3000', 'prepayment'), pay('2024-05-01', '50')];
    const result = view(payments, '2024-06-01', annuity('shorten-term'));
    for (const payment of payments) expect(allocationTotal(result.allocations.get(payment.id)!)).toBe(payment.amount);
  });
});
