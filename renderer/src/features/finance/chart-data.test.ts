import { describe, expect, it } from 'vitest';
import { coverageSeries, gaugeFraction, unitsForChart, waterfallSeries } from './chart-data';

describe('finance chart data', () => {
  it('turns coverage history into exact ratios with the covenant line, and leaves "nothing outstanding" out', () => {
    const [x, coverage, covenant] = coverageSeries(
      [
        { date: '2026-03-31', eligibleValue: 0n, outstanding: 0n, coverage: '1.3333', coverageBps: 13_333 },
        { date: '2026-04-30', eligibleValue: 0n, outstanding: 0n, coverage: null, coverageBps: 4_294_967_295 },
      ],
      '1.3',
    );
    expect(x).toEqual([Date.UTC(2026, 2, 31) / 1000, Date.UTC(2026, 3, 30) / 1000]);
    expect(coverage).toEqual([1.3333, null]);
    expect(covenant).toEqual([1.3, 1.3]);
  });

  it('stacks costs, the lender and the operator per period, with DSCR beside', () => {
    const period = { n: 1, start: '2026-03-01', end: '2026-04-01', revenue: 0n, power: 0n, powerSource: 'none' as const, facility: 0n, other: 0n, operatingCosts: 2_500_000_000n, netCashFlow: -2_500_000_000n, debtService: 0n, toLender: 0n, shortfall: 0n, toOperator: -2_500_000_000n, paidToLender: 0n, depreciation: 0n, dscr: null };
    expect(waterfallSeries([period, { ...period, n: 2, toLender: 9_600_000_000n, toOperator: 3_900_000_000n, dscr: '1.41' }])).toEqual([[1, 2], [2500, 2500], [0, 9600], [0, 3900], [null, 1.41]]);
    expect(unitsForChart(12_345_678n)).toBe(12.34);
  });

  it('places coverage on the gauge against twice the covenant', () => {
    expect(gaugeFraction(13_000, '1.3')).toBe(0.5);
    expect(gaugeFraction(40_000, '1.3')).toBe(1);
    expect(gaugeFraction(15_000, null)).toBe(0.5);
  });
});
