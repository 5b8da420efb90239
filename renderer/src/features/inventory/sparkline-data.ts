import type { AssetDetail } from '../../../../electron/contract/schemas/assets';

/**
 * uPlot's columnar data from the drawer's samples: x in seconds (uPlot's default time unit),
 * then utilization % and power W. Unparseable times are dropped; null readings stay null (a gap).
 */
export function sparklineData(samples: AssetDetail['samples']): [number[], (number | null)[], (number | null)[]] {
  const x: number[] = [];
  const utilization: (number | null)[] = [];
  const power: (number | null)[] = [];
  for (const sample of samples) {
    const at = Date.parse(sample.at);
    if (Number.isNaN(at)) continue;
    x.push(at / 1000);
    utilization.push(sample.utilizationGpuPct);
    power.push(sample.powerDrawW);
  }
  return [x, utilization, power];
}

/** A power axis that starts at zero and leaves headroom, so a flat line does not fill the chart. */
export function powerRange(power: readonly (number | null)[]): [number, number] {
  const max = power.reduce<number>((highest, value) => (value !== null && value > highest ? value : highest), 0);
  return [0, max > 0 ? Math.ceil((max * 1.15) / 50) * 50 : 100];
}
