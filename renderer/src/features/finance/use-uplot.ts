import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useSettingsStore } from '../settings/store';

/** A colour token of the current theme: the canvas cannot use CSS variables itself. */
export function themeToken(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/**
 * Mounts a uPlot chart in the returned element: built from `options(host)` and `data`, resized
 * with its container, rebuilt when the data, the options' inputs or the theme change, destroyed
 * on unmount.
 */
export function useUplot(options: (host: HTMLDivElement, width: number) => uPlot.Options | null, data: uPlot.AlignedData, deps: readonly unknown[], height: number) {
  const hostRef = useRef<HTMLDivElement>(null);
  const theme = useSettingsStore((state) => state.theme);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const built = options(host, Math.max(host.clientWidth, 200));
    if (!built) return;
    const plot = new uPlot(built, data, host);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(host.clientWidth, 200), height }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
    // The caller lists what its options depend on (deps); the options function itself is new each render.
  }, [data, theme, height, ...deps]);
  return hostRef;
}
