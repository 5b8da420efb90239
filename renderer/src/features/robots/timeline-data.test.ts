import { describe, expect, it } from 'vitest';
import { ACTIVITY_LEVELS, timelineData } from './timeline-data';

describe('robot timeline data', () => {
  it('turns points into uPlot columns: seconds, battery, activity level', () => {
    const data = timelineData([
      { at: '2026-05-01T08:00:00.000Z', batteryPct: 80, activity: 'working' },
      { at: 'not a time', batteryPct: 1, activity: 'idle' },
      { at: '2026-05-01T08:00:10.000Z', batteryPct: null, activity: 'offline' },
    ]);
    expect(data).toEqual([[Date.UTC(2026, 4, 1, 8) / 1000, Date.UTC(2026, 4, 1, 8, 0, 10) / 1000], [80, null], [ACTIVITY_LEVELS.indexOf('working'), 0]]);
  });

  it('orders activities from absent to earning', () => {
    expect(ACTIVITY_LEVELS[0]).toBe('offline');
    expect(ACTIVITY_LEVELS.at(-1)).toBe('working');
  });
});
