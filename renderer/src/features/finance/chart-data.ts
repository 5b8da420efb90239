import type { CoveragePoint, WaterfallPeriodView } from '../../../../electron/contract/schemas/collateral';

/** A decimal string of micro-units as a number of whole units, for a chart only (never for figures shown as text). */
export function unitsForChart(micro: bigint): number {
  return Number(micro / 10_000n) / 100;
}

/** Day (YYYY-MM-DD) → seconds since the epoch, the x of uPlot's time scale. */
export function daySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/**
 * Coverage history for uPlot: x (seconds), coverage (×, from bps so it is exact to 4 decimals),
 * the covenant's minimum as a flat line (null without one).
 */
export function coverageSeries(history: readonly CoveragePoint[], minCoverage: string | null): [number[], (number | null)[], (number | null)[]] {
  const unbounded = 4_294_967_295;
  return [
    history.map((point) => daySeconds(point.date)),
    history.map((point) => (point.coverageBps === unbounded ? null : point.coverageBps / 10_000)),
    history.map(() => (minCoverage === null ? null : Number(minCoverage))),
  ];
}

/**
 * The waterfall per period for uPlot: x is the period number; bars of operating costs, the
 * lender's part and the operator's part (never below 0: a loss shows as the shortfall of the
 * others), and DSCR on its own axis.
 */
export function waterfallSeries(periods: readonly WaterfallPeriodView[]): [number[], number[], number[], number[], (number | null)[]] {
  return [
    periods.map((period) => period.n),
    periods.map((period) => unitsForChart(period.operatingCosts)),
    periods.map((period) => unitsForChart(period.toLender)),
    periods.map((period) => unitsForChart(period.toOperator > 0n ? period.toOperator : 0n)),
    periods.map((period) => (period.dscr === null ? null : Number(period.dscr))),
  ];
}

/** Where a coverage sits on the gauge: 0 at 0×, 1 at twice the covenant (or 3× without one), clamped. */
export function gaugeFraction(coverageBps: number, minCoverage: string | null): number {
  const full = minCoverage === null ? 3 : Number(minCoverage) * 2;
  return Math.max(0, Math.min(1, coverageBps / 10_000 / full));
}
