import { describe, expect, it } from 'vitest';
import type { ScheduleTerms } from '../../contract/schemas/facilities';
import { formatUnits } from '../../contract/money';
import { previewSchedule } from './schedule-preview';
import { InvalidTermsError } from './terms-validation';

const UNIT = 1_000_000n;
const terms = (overrides: Partial<ScheduleTerms> = {}): ScheduleTerms => ({
  principal: 100_000n * UNIT,
  annualRatePct: '12',
  periods: 12,
  frequency: 'monthly',
  amortization: 'annuity',
  balloon: 0n,
  startDate: '2024-01-15',
  firstDueDate: null,
  dayCount: '30/360',
  ...overrides,
});

/** Lines as [dueDate, payment, interest, principal, balance] strings with 6 decimals, for readable expectations. */
function rows(input: ScheduleTerms) {
  return previewSchedule(input).installments.map((line) => [line.dueDate, formatUnits(line.payment), formatUnits(line.interest), formatUnits(line.principal), formatUnits(line.balance)]);
}

describe('fixed-rate schedules', () => {
  it('annuity: a level payment of PMT rounded half-even, each interest line rounded, the last absorbing', () => {
    const schedule = previewSchedule(terms());
    expect(schedule.levelAmount).toBe(8_884_880_000n); // PMT(1 %, 12, −100000) = 8884.8788…
    expect(rows(terms()).slice(0, 2)).toEqual([
      ['2024-02-15', '8884.880000', '1000.000000', '7884.880000', '92115.120000'],
      ['2024-03-15', '8884.880000', '921.150000', '7963.730000', '84151.390000'], // 921.1512
    ]);
    const last = schedule.installments.at(-1)!;
    expect(last.balance).toBe(0n);
    expect(last.payment).not.toBe(8_884_880_000n);
    expect(schedule.totals.principal).toBe(100_000n * UNIT);
    expect(schedule.totals.payment).toBe(schedule.totals.interest + schedule.totals.principal);
    expect(schedule.maturityDate).toBe('2025-01-15');
  });

  it('equal principal: half-even((P − balloon) / n) a line, the last one absorbing', () => {
    const lines = rows(terms({ amortization: 'equal-principal' }));
    expect(lines[0]).toEqual(['2024-02-15', '9333.330000', '1000.000000', '8333.330000', '91666.670000']);
    expect(lines[11]![3]).toBe('8333.370000');
  });

  it('interest-only: interest each period, the principal at maturity', () => {
    const lines = rows(terms({ amortization: 'interest-only' }));
    expect(lines).toHaveLength(12);
    expect(lines.slice(0, 11).every((line) => line[1] === '1000.000000' && line[3] === '0.000000')).toBe(true);
    expect(lines[11]).toEqual(['2025-01-15', '101000.000000', '1000.000000', '100000.000000', '0.000000']);
  });

  it('bullet: one payment of principal and simple interest over the whole term', () => {
    expect(rows(terms({ amortization: 'bullet' }))).toEqual([['2025-01-15', '112000.000000', '12000.000000', '100000.000000', '0.000000']]);
    expect(rows(terms({ amortization: 'bullet', dayCount: 'ACT/365F' }))[0]![2]).toBe('12032.880000'); // 366 days / 365
  });

  it('0 %: the principal split exactly, a half-cent tie going to the even cent', () => {
    expect(rows(terms({ principal: 1_000_050_000n, annualRatePct: '0', periods: 2 }))).toEqual([
      ['2024-02-15', '500.020000', '0.000000', '500.020000', '500.030000'],
      ['2024-03-15', '500.030000', '0.000000', '500.030000', '0.000000'],
    ]);
  });

  it('a balloon lowers the level payment and falls due with the last installment', () => {
    const withBalloon = previewSchedule(terms({ balloon: 40_000n * UNIT }));
    const without = previewSchedule(terms());
    expect(withBalloon.levelAmount!).toBeLessThan(without.levelAmount!);
    const last = withBalloon.installments.at(-1)!;
    expect(last.principal).toBeGreaterThan(40_000n * UNIT);
    expect(withBalloon.installments.at(-2)!.balance).toBe(last.principal);
    expect(withBalloon.totals.principal).toBe(100_000n * UNIT);
  });

  it('due dates keep the start day, clamped to month ends, quarterly too', () => {
    expect(previewSchedule(terms({ startDate: '2024-01-31', periods: 4 })).installments.map((line) => line.dueDate)).toEqual(['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']);
    expect(previewSchedule(terms({ startDate: '2023-11-30', periods: 3, frequency: 'quarterly' })).installments.map((line) => line.dueDate)).toEqual(['2024-02-29', '2024-05-30', '2024-08-30']);
  });

  it('a stub first period accrues its actual days; later due dates keep its day of month', () => {
    const stub = previewSchedule(terms({ startDate: '2024-01-10', firstDueDate: '2024-02-01', dayCount: 'ACT/365F', periods: 3 }));
    expect(stub.installments.map((line) => line.dueDate)).toEqual(['2024-02-01', '2024-03-01', '2024-04-01']);
    expect(stub.installments[0]!.interest).toBe(723_290_000n); // 100000 × 12 % × 22 / 365 = 723.287…
  });

  it('a level payment below a long period’s interest gives a negative principal that later lines repay', () => {
    const schedule = previewSchedule(terms({ annualRatePct: '36', periods: 240, startDate: '2024-01-31', dayCount: 'ACT/360' }));
    expect(schedule.installments.some((line) => line.principal < 0n)).toBe(true);
    expect(schedule.totals.principal).toBe(100_000n * UNIT);
    expect(schedule.installments.at(-1)!.balance).toBe(0n);
  });

  it('names every field it refuses', () => {
    const attempt = (overrides: Partial<ScheduleTerms>) => {
      try {
        previewSchedule(terms(overrides));
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidTermsError);
        return (error as InvalidTermsError).issues.map((issue) => issue.path);
      }
      return [];
    };
    expect(attempt({ principal: 1_000_001n })).toEqual(['principal']);
    expect(attempt({ principal: 0n })).toEqual(['principal']);
    expect(attempt({ balloon: 100_000n * UNIT })).toEqual(['balloon']);
    expect(attempt({ balloon: 1n * UNIT, amortization: 'interest-only' })).toEqual(['balloon']);
    expect(attempt({ firstDueDate: '2024-01-15' })).toEqual(['firstDueDate']);
    expect(attempt({ firstDueDate: '2024-03-16' })).toEqual(['firstDueDate']);
    expect(attempt({ firstDueDate: '2024-03-15' })).toEqual([]);
  });
});
