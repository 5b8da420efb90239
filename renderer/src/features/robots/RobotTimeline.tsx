import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import type { RobotDetail } from '../../../../electron/contract/schemas/robots';
import { useSettingsStore } from '../settings/store';
import type { RobotFormats } from './robot-formats';
import { ACTIVITY_LEVELS, timelineData } from './timeline-data';

const HEIGHT = 180;

function token(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/**
 * Battery % (left axis, a line) and what the robot was doing (right axis, steps from offline up
 * to working) over the retained window, with uPlot's live legend. Follows the width of its box,
 * rebuilt on a theme change (canvas colours), destroyed when the robot is closed.
 */
export function RobotTimeline({ timeline, formats }: { timeline: RobotDetail['timeline']; formats: RobotFormats }) {
  const { t } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const theme = useSettingsStore((state) => state.theme);
  const data = useMemo(() => timelineData(timeline), [timeline]);
  const labels = useMemo(() => ({ battery: t('robots.timeline.battery'), activity: t('robots.timeline.activity'), time: t('robots.timeline.time'), levels: ACTIVITY_LEVELS.map((activity) => t(`robots.activity.${activity}`)) }), [t]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || data[0].length === 0) return;
    const batteryColor = token(host, '--chart-1', '#1d5fd1');
    const activityColor = token(host, '--chart-2', '#c46a1b');
    const axisColor = token(host, '--text-muted', '#5b6474');
    const gridColor = token(host, '--border', '#d9dce3');
    // Minutes repeat on a short window: show seconds until the timeline spans ten minutes.
    const span = (data[0].at(-1) ?? 0) - (data[0][0] ?? 0);
    const time = new Intl.DateTimeFormat(formats.language, { timeStyle: span < 600 ? 'medium' : 'short' });
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 }, font: '11px system-ui, sans-serif' };
    const levelName = (value: number | null): string => (value === null ? '—' : (labels.levels[Math.round(value)] ?? '—'));
    const options: uPlot.Options = {
      width: Math.max(host.clientWidth, 160),
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      legend: { show: true, live: true },
      scales: { x: { time: true }, pct: { range: [0, 100] }, activity: { range: [-0.5, ACTIVITY_LEVELS.length - 0.5] } },
      series: [
        { label: labels.time, value: (_plot, value) => (value === null ? '—' : formats.dateTime(new Date(value * 1000).toISOString())) },
        { label: labels.battery, scale: 'pct', stroke: batteryColor, width: 1.5, fill: `${batteryColor}22`, value: (_plot, value) => (value === null ? '—' : formats.percent(value)) },
        { label: labels.activity, scale: 'activity', stroke: activityColor, width: 2, paths: uPlot.paths.stepped!({ align: 1 }), value: (_plot, value) => levelName(value) },
      ],
      axes: [
        { ...axis, values: (_plot, splits) => splits.map((split) => time.format(new Date(split * 1000))) },
        { ...axis, scale: 'pct', size: 52, values: (_plot, splits) => splits.map((split) => `${formats.integer(split)} %`) },
        { ...axis, scale: 'activity', side: 1, size: 84, grid: { show: false }, splits: () => ACTIVITY_LEVELS.map((_, index) => index), values: (_plot, splits) => splits.map((split) => levelName(split)) },
      ],
    };
    const plot = new uPlot(options, data, host);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(host.clientWidth, 160), height: HEIGHT }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, formats, theme, labels]);

  if (data[0].length === 0) return <p className="muted">{t('robots.timeline.none')}</p>;
  return (
    <figure className="sparkline robots-timeline" data-testid="robot-timeline" data-points={data[0].length}>
      <figcaption className="sparkline-caption">{t('robots.timeline.title', { points: formats.integer(data[0].length) })}</figcaption>
      <div ref={hostRef} className="sparkline-plot" role="img" aria-label={t('robots.timeline.title', { points: formats.integer(data[0].length) })} />
    </figure>
  );
}
