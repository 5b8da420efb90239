import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import type { AssetDetail } from '../../../../electron/contract/schemas/assets';
import { useSettingsStore } from '../settings/store';
import type { CellFormats } from './cell-formats';
import { powerRange, sparklineData } from './sparkline-data';

const HEIGHT = 140;

/** A colour token of the current theme: the canvas cannot use CSS variables itself. */
function token(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/**
 * Utilization % (left axis) and power W (right axis) over the recent samples, with uPlot's
 * live legend. The plot is created when the drawer shows an asset, follows the drawer's width
 * (ResizeObserver), is rebuilt on a theme change (canvas colours), and destroyed on close.
 */
export function AssetSparkline({ samples, formats }: { samples: AssetDetail['samples']; formats: CellFormats }) {
  const { t } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const theme = useSettingsStore((state) => state.theme);
  const data = useMemo(() => sparklineData(samples), [samples]);
  const utilizationLabel = t('inventory.sparkline.utilization');
  const powerLabel = t('inventory.sparkline.power');
  const timeLabel = t('inventory.sparkline.time');

  useEffect(() => {
    const host = hostRef.current;
    if (!host || data[0].length === 0) return;
    const utilizationColor = token(host, '--chart-1', '#1d5fd1');
    const powerColor = token(host, '--chart-2', '#c46a1b');
    const axisColor = token(host, '--text-muted', '#5b6474');
    const gridColor = token(host, '--border', '#d9dce3');
    const time = new Intl.DateTimeFormat(formats.language, { timeStyle: 'short' });
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 }, font: '11px system-ui, sans-serif' };
    const options: uPlot.Options = {
      width: Math.max(host.clientWidth, 120),
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      legend: { show: true, live: true },
      scales: { x: { time: true }, pct: { range: [0, 100] }, watts: { range: () => powerRange(data[2]) } },
      series: [
        { label: timeLabel, value: (_plot, value) => (value === null ? '—' : formats.dateTime(new Date(value * 1000).toISOString())) },
        { label: utilizationLabel, scale: 'pct', stroke: utilizationColor, width: 1.5, fill: `${utilizationColor}22`, value: (_plot, value) => (value === null ? '—' : formats.reading(value)) },
        { label: powerLabel, scale: 'watts', stroke: powerColor, width: 1.5, value: (_plot, value) => (value === null ? '—' : formats.reading(value)) },
      ],
      axes: [
        { ...axis, values: (_plot, splits) => splits.map((split) => time.format(new Date(split * 1000))) },
        { ...axis, scale: 'pct', size: 36, values: (_plot, splits) => splits.map((split) => formats.integer(split)) },
        { ...axis, scale: 'watts', side: 1, size: 44, grid: { show: false }, values: (_plot, splits) => splits.map((split) => formats.integer(split)) },
      ],
    };
    const plot = new uPlot(options, data, host);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(host.clientWidth, 120), height: HEIGHT }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, formats, theme, utilizationLabel, powerLabel, timeLabel]);

  if (data[0].length === 0) return <p className="muted">{t('inventory.sparkline.none')}</p>;
  return (
    <figure className="sparkline" data-testid="inventory-sparkline" data-points={data[0].length}>
      <figcaption className="sparkline-caption">{t('inventory.sparkline.title', { count: formats.integer(data[0].length) })}</figcaption>
      <div ref={hostRef} className="sparkline-plot" role="img" aria-label={t('inventory.sparkline.title', { count: formats.integer(data[0].length) })} />
    </figure>
  );
}
