import { describe, expect, it } from 'vitest';
import { powerRange, sparklineData } from './sparkline-data';

describe('sparkline data', () => {
  it('turns samples into uPlot columns in seconds, keeping gaps', () => {
    const samples = [
      { at: '2026-11-24T15:00:00.000Z', utilizationGpuPct: 80, powerDrawW: 600, temperatureC: 70 },
      { at: 'not a time', utilizationGpuPct: 1, powerDrawW: 1, temperatureC: 1 },
      { at: '2026-11-24T15:01:00.000Z', utilizationGpuPct: null, powerDrawW: 610.5, temperatureC: null },
    ];
    const at = Date.parse('2026-11-24T15:00:00.000Z') / 1000;
    expect(sparklineData(samples)).toEqual([
      [at, at + 60],
      [80, null],
      [600, 610.5],
    ]);
  });

  it('scales power from zero with headroom, rounded to 50 W', () => {
    expect(powerRange([600, null, 610.5])).toEqual([0, 750]);
    expect(powerRange([null, null])).toEqual([0, 100]);
  });
});
