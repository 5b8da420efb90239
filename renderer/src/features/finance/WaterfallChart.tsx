import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import type { WaterfallView } from '../../../../electron/contract/schemas/collateral';
import { waterfallSeries } from './chart-data';
import type { FinanceFormats } from './finance-formats';
import { themeToken, useUplot } from './use-uplot';

const HEIGHT = 220;

/** Per period: stacked bars of operating costs, the lender's part and the operator's, with DSCR as a line on its own axis. */
export function WaterfallChart({ waterfall, formats }: { waterfall: WaterfallView; formats: FinanceFormats }) {
  const { t } = useTranslation();
  const data = useMemo(() => {
    const [x, costs, lender, operator, dscr] = waterfallSeries(waterfall.periods);
    // Stacked: each bar series is drawn from 0 to the running total, the later ones behind.
    const stackLender = lender.map((value, i) => value + costs[i]!);
    const stackOperator = operator.map((value, i) => value + stackLender[i]!);
    return { aligned: [x, stackOperator, stackLender, costs, dscr] as uPlot.AlignedData, raw: { costs, lender, operator } };
  }, [waterfall]);
  const labels = { period: t('finance.books.waterfall.period'), costs: t('finance.books.waterfall.operatingCosts'), lender: t('finance.books.waterfall.toLender'), operator: t('finance.books.waterfall.toOperator'), dscr: t('finance.books.waterfall.dscr') };
  const hostRef = useUplot(
    (host, width) => {
      if (waterfall.periods.length === 0) return null;
      const axis = { stroke: themeToken(host, '--text-muted', '#5b6474'), grid: { stroke: themeToken(host, '--border', '#d9dce3'), width: 1 }, ticks: { stroke: themeToken(host, '--border', '#d9dce3'), width: 1 }, font: '11px system-ui, sans-serif' };
      const bars = uPlot.paths.bars!({ size: [0.6, 40] });
      const money = (index: 'costs' | 'lender' | 'operator') => (_plot: uPlot, _value: number | null, _series: number, idx: number | null) => (idx === null ? '—' : formats.money(BigInt(Math.round((data.raw[index][idx] ?? 0) * 100)) * 10_000n));
      return {
        width,
        height: HEIGHT,
        cursor: { drag: { x: false, y: false } },
        legend: { show: true, live: true },
        scales: { x: { time: false, range: (_plot, min, max) => [min - 0.5, max + 0.5] }, dscr: { range: (_plot, _min, max) => [0, Math.max(2, max ?? 0)] } },
        series: [
          { label: labels.period, value: (_plot, value) => (value === null ? '—' : String(value)) },
          { label: labels.operator, fill: themeToken(host, '--ok', '#17803d'), stroke: themeToken(host, '--ok', '#17803d'), paths: bars, points: { show: false }, value: money('operator') },
          { label: labels.lender, fill: themeToken(host, '--chart-1', '#1d5fd1'), stroke: themeToken(host, '--chart-1', '#1d5fd1'), paths: bars, points: { show: false }, value: money('lender') },
          { label: labels.costs, fill: themeToken(host, '--chart-2', '#c46a1b'), stroke: themeToken(host, '--chart-2', '#c46a1b'), paths: bars, points: { show: false }, value: money('costs') },
          { label: labels.dscr, scale: 'dscr', stroke: themeToken(host, '--text', '#1b1f27'), width: 1.5, points: { show: true, size: 5 }, spanGaps: false, value: (_plot, value) => (value === null ? '—' : value.toFixed(2)) },
        ],
        axes: [
          { ...axis, values: (_plot, splits) => splits.map((split) => (Number.isInteger(split) ? String(split) : '')) },
          { ...axis, size: 64, values: (_plot, splits) => splits.map((split) => formats.integer(split)) },
          { ...axis, scale: 'dscr', side: 1, size: 40, grid: { show: false }, values: (_plot, splits) => splits.map((split) => split.toFixed(1)) },
        ],
      };
    },
    data.aligned,
    [formats, labels.period, labels.costs, labels.lender, labels.operator, labels.dscr],
    HEIGHT,
  );
  return (
    <figure className="fin-chart" data-testid="finance-waterfall-chart" data-periods={waterfall.periods.length}>
      <div ref={hostRef} role="img" aria-label={t('finance.books.waterfall.chartLabel', { count: waterfall.periods.length })} />
    </figure>
  );
}
