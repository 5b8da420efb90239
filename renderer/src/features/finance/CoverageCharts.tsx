import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import type { CoverageView } from '../../../../electron/contract/schemas/collateral';
import { coverageSeries, gaugeFraction } from './chart-data';
import type { FinanceFormats } from './finance-formats';
import { themeToken, useUplot } from './use-uplot';

const HEIGHT = 180;

/** A half-circle gauge: coverage against the covenant's minimum (the mark), red below it. */
export function CoverageGauge({ figures }: { figures: CoverageView['figures'] }) {
  const { t } = useTranslation();
  const fraction = figures.coverage === null ? 1 : gaugeFraction(figures.coverageBps, figures.minCoverage);
  const mark = figures.minCoverage === null ? null : gaugeFraction(Math.round(Number(figures.minCoverage) * 10_000), figures.minCoverage);
  const point = (share: number, radius: number): [number, number] => [60 + radius * Math.cos(Math.PI * (1 - share)), 60 - radius * Math.sin(Math.PI * (1 - share))];
  const [x, y] = point(fraction, 48);
  const state = figures.breached ? 'breached' : figures.minCoverage === null ? 'none' : 'met';
  const label = figures.coverage === null ? t('finance.books.coverage.nothingOutstanding') : `${figures.coverage}×`;
  return (
    <figure className="fin-gauge" data-testid="finance-coverage-gauge" data-state={state} data-coverage={figures.coverage ?? ''}>
      <svg viewBox="0 0 120 70" role="img" aria-label={t('finance.books.coverage.gaugeLabel', { coverage: label, minimum: figures.minCoverage ?? '—' })}>
        <path d="M 12 60 A 48 48 0 0 1 108 60" className="fin-gauge-track" />
        <path d={`M 12 60 A 48 48 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`} className={`fin-gauge-fill fin-gauge-${state}`} />
        {mark === null ? null : <line x1={point(mark, 40)[0]} y1={point(mark, 40)[1]} x2={point(mark, 56)[0]} y2={point(mark, 56)[1]} className="fin-gauge-mark" />}
        <text x="60" y="56" textAnchor="middle" className="fin-gauge-value">
          {label}
        </text>
      </svg>
      <figcaption>{figures.minCoverage === null ? t('finance.books.coverage.noCovenant') : t('finance.books.coverage.minimum', { minimum: `${figures.minCoverage}×` })}</figcaption>
    </figure>
  );
}

/** Coverage at each month-end (and today) against the covenant's minimum, with uPlot's live legend. */
export function CoverageHistoryChart({ coverage, formats }: { coverage: CoverageView; formats: FinanceFormats }) {
  const { t } = useTranslation();
  const data = useMemo(() => coverageSeries(coverage.history, coverage.figures.minCoverage) as uPlot.AlignedData, [coverage]);
  const labels = { date: t('finance.books.coverage.date'), coverage: t('finance.books.coverage.coverage'), minimum: t('finance.books.coverage.minimumLine') };
  const hostRef = useUplot(
    (host, width) => {
      const axis = { stroke: themeToken(host, '--text-muted', '#5b6474'), grid: { stroke: themeToken(host, '--border', '#d9dce3'), width: 1 }, ticks: { stroke: themeToken(host, '--border', '#d9dce3'), width: 1 }, font: '11px system-ui, sans-serif' };
      const month = new Intl.DateTimeFormat(formats.language, { month: 'short', day: 'numeric', timeZone: 'UTC' });
      return {
        width,
        height: HEIGHT,
        cursor: { drag: { x: false, y: false } },
        legend: { show: true, live: true },
        scales: { x: { time: true }, y: { range: (_plot, min, max) => [0, Math.max(max ?? 0, Number(coverage.figures.minCoverage ?? 1) * 1.5)] } },
        series: [
          { label: labels.date, value: (_plot, value) => (value === null ? '—' : formats.date(new Date(value * 1000).toISOString().slice(0, 10))) },
          { label: labels.coverage, stroke: themeToken(host, '--chart-1', '#1d5fd1'), width: 2, points: { show: true, size: 5 }, value: (_plot, value) => (value === null ? '—' : `${value.toFixed(4)}×`) },
          { label: labels.minimum, stroke: themeToken(host, '--danger', '#c0392b'), width: 1, dash: [6, 4], points: { show: false }, value: (_plot, value) => (value === null ? '—' : `${value}×`) },
        ],
        axes: [{ ...axis, values: (_plot, splits) => splits.map((split) => month.format(new Date(split * 1000))) }, { ...axis, size: 44, values: (_plot, splits) => splits.map((split) => `${split}×`) }],
      };
    },
    data,
    [formats, labels.date, labels.coverage, labels.minimum],
    HEIGHT,
  );
  return (
    <figure className="fin-chart" data-testid="finance-coverage-history" data-points={coverage.history.length}>
      <figcaption className="sparkline-caption">{t('finance.books.coverage.history', { count: coverage.history.length })}</figcaption>
      <div ref={hostRef} role="img" aria-label={t('finance.books.coverage.history', { count: coverage.history.length })} />
    </figure>
  );
}
