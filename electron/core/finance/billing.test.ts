import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../ledger/civil-date';
import { billingPeriods, remainingMonths } from './billing';
import { advanceOn, depreciatedValue, type Appraisal } from './depreciation';
import { attributeRevenue } from './revenue-attribution';
import { coverageOf, collateralLine } from './coverage';
import { formatDscr, runWaterfall } from './waterfall';

const M = 1_000_000n;

describe('billing periods', () => {
  it('bills a GPU-hour lease for the reserved hours of each month, from a start on the 31st clamped to shorter months', () => {
    const periods = billingPeriods({ startDate: '2026-01-31', termMonths: 3, billingUnit: 'gpu-hour', unitPrice: 2_490_000n, units: 8, paymentTermsDays: 30 });
    expect(periods.map((period) => [formatIsoDate(period.start), formatIsoDate(period.end), formatIsoDate(period.due), period.amount])).toEqual([
      ['2026-01-31', '2026-02-28', '2026-03-30', 8n * 28n * 24n * 2_490_000n], // 28 days × 24 h × 8 GPUs × 2.49
      ['2026-02-28', '2026-03-31', '2026-04-30', 8n * 31n * 24n * 2_490_000n],
      ['2026-03-31', '2026-04-30', '2026-05-30', 8n * 30n * 24n * 2_490_000n],
    ]);
  });

  it('rounds a price with fractions of a cent once per invoice, half-even', () => {
    // 1 GPU × 24 h × 0.123456 = 2.962944 → 2.96 (one day, so the period must be a day: a 1-month term from Feb 28 to Mar 28 is 28 days)
    const [period] = billingPeriods({ startDate: '2026-02-28', termMonths: 1, billingUnit: 'gpu-hour', unitPrice: 123_456n, units: 1, paymentTermsDays: 0 });
    expect(period!.amount).toBe(82_960_000n); // 28 × 24 × 0.123456 = 82.964352 → 82.96
  });

  it('counts the months left, the running one included', () => {
    const terms = { startDate: '2026-03-01', termMonths: 36 };
    expect(remainingMonths(terms, parseIsoDate('2026-03-01'))).toBe(36);
    expect(remainingMonths(terms, parseIsoDate('2027-09-15'))).toBe(18);
    expect(remainingMonths(terms, parseIsoDate('2029-02-28'))).toBe(1);
    expect(remainingMonths(terms, parseIsoDate('2029-03-01'))).toBe(0);
  });
});

describe('depreciation and advance', () => {
  const base: Appraisal = { id: 1, assetId: 'gpu:GPU-1', appraisedOn: '2026-01-31', value: 30_000n * M, method: 'straight-line', lifeMonths: 60, residualValue: 5_000n * M, annualRatePct: null, advanceRatePct: '75' };
  it('straight line in whole months, half-even to the cent, down to the residual and no lower', () => {
    expect(depreciatedValue(base, parseIsoDate('2026-01-30'))).toBe(0n);
    expect(depreciatedValue(base, parseIsoDate('2026-02-27'))).toBe(30_000n * M);
    expect(depreciatedValue(base, parseIsoDate('2026-02-28'))).toBe(29_583_330_000n); // Jan 31 + 1 month = Feb 28
    expect(depreciatedValue(base, parseIsoDate('2031-01-31'))).toBe(5_000n * M);
    expect(depreciatedValue(base, parseIsoDate('2040-01-01'))).toBe(5_000n * M);
  });
  it('declining balance by rate/12 a month, floored at the residual', () => {
    const declining: Appraisal = { ...base, method: 'declining-balance', lifeMonths: null, annualRatePct: '30', residualValue: 10_000n * M };
    // 30,000 × 0.975^12 = 22,139.9503… → 22,139.95
    expect(depreciatedValue(declining, parseIsoDate('2027-01-31'))).toBe(22_139_950_000n);
    expect(depreciatedValue(declining, parseIsoDate('2036-01-31'))).toBe(10_000n * M);
  });
  it('advances the rate on the value, half-even to the cent', () => {
    expect(advanceOn(23_333_330_000n, '75')).toBe(17_500_000_000n); // 17,499.9975 → 17,500.00
    expect(advanceOn(100n * M, '66.666')).toBe(66_670_000n); // 66.666 → 66.67
  });
});

describe('coverage and cures', () => {
  it('breaches below the minimum and gives both cures, rounded up so that they cure', () => {
    const lines = [collateralLine('gpu:a', 'healthy', 100_000n * M, '75'), collateralLine('gpu:b', 'missing', 50_000n * M, '75'), collateralLine('gpu:c', 'unknown-in-grace', 20_000n * M, '75')];
    const figures = coverageOf(lines, 100_000n * M, '1.3');
    expect(figures).toMatchObject({ eligibleValue: 120_000n * M, pledgedValue: 170_000n * M, coverage: '1.2000', coverageBps: 12_000, breached: true, borrowingBase: 90_000n * M, availability: -10_000n * M });
    expect(figures.cures).toEqual({ pledgeMore: 10_000n * M, repay: 7_692_310_000n }); // 100,000 − 120,000/1.3 = 7,692.307… → 7,692.31
    // Doing either cure meets the covenant exactly or better.
    expect(coverageOf([...lines, collateralLine('gpu:d', 'healthy', 10_000n * M, '75')], 100_000n * M, '1.3').breached).toBe(false);
    expect(coverageOf(lines, 100_000n * M - figures.cures!.repay, '1.3').breached).toBe(false);
    expect(coverageOf(lines, 100_000n * M - figures.cures!.repay + 10_000n, '1.3').breached).toBe(true);
  });
  it('with nothing outstanding there is no ratio and no breach', () => {
    expect(coverageOf([collateralLine('gpu:a', 'healthy', M, '75')], 0n, '1.3')).toMatchObject({ coverage: null, coverageBps: 4_294_967_295, breached: false, cures: null });
  });
});

describe('revenue per asset and the waterfall', () => {
  it('splits an invoice by uptime-hours, exactly, and equally without node data', () => {
    const uptime = new Map([['gpu:a', 3_600_000n * 700n], ['gpu:b', 3_600_000n * 720n], ['gpu:c', 0n]]);
    const split = attributeRevenue(16_000n * M + 1n, ['gpu:c', 'gpu:b', 'gpu:a'], (id) => uptime.get(id)!);
    expect(split.basis).toBe('uptime');
    expect([...split.parts.values()].reduce((a, b) => a + b, 0n)).toBe(16_000n * M + 1n);
    expect(split.parts.get('gpu:c')).toBe(0n);
    // 16,000.000001 × 700/1420 = 7,887.323944|220/1420 and × 720/1420 = 8,112.676056|1200/1420: b's larger remainder takes the odd micro-unit
    expect(split.parts.get('gpu:a')).toBe(7_887_323_944n);
    expect(split.parts.get('gpu:b')).toBe(8_112_676_057n);
    expect(attributeRevenue(300n, ['gpu:a', 'gpu:b', 'gpu:c'], null)).toMatchObject({ basis: 'equal', parts: new Map([['gpu:a', 100n], ['gpu:b', 100n], ['gpu:c', 100n]]) });
    expect(attributeRevenue(300n, ['gpu:a', 'gpu:b'], () => 0n).basis).toBe('equal');
  });
  it('pays the lender first, up to the debt service, and computes DSCR half-even', () => {
    const period = runWaterfall({ n: 1, start: '2026-01-01', end: '2026-02-01', revenue: 10_000n * M, power: 3_000n * M, powerSource: 'node', facility: 1_000n * M, other: 0n, debtService: 8_000n * M, paidToLender: 6_000n * M, depreciation: 500n * M });
    expect(period).toMatchObject({ operatingCosts: 4_000n * M, netCashFlow: 6_000n * M, toLender: 6_000n * M, shortfall: 2_000n * M, toOperator: 0n, dscr: '0.75' });
    expect(formatDscr(-2_500n, 9_600n)).toBe('-0.26');
    expect(formatDscr(1n, 0n)).toBeNull();
    expect(formatDscr(13_500n, 9_600n)).toBe('1.41');
  });
});
