import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/support/temp-dir';
import { openDatabase } from '../../db/open';
import { rollUpAndPrune } from './rollup';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const DAY0 = Date.UTC(2026, 10, 20);

describe('roll-up and retention', () => {
  it('folds whole hours older than the cutoff into hourly and daily rows, ORs the flags, and deletes the raw rows', () => {
    const db = openDatabase(join(tempDir(), 'sietch.db'));
    const tick = db.prepare("INSERT INTO sampler_ticks (at, interval_ms, gpu_state) VALUES (?, 60000, 'ok')");
    const sample = db.prepare('INSERT INTO samples (at, asset_id, healthy, health_flags, utilization_bps, power_mw) VALUES (?, ?, ?, ?, ?, ?)');
    // Hour 0 and hour 1 of day 0, one sample a minute for one GPU; 600 W; a flag in one sample of hour 1.
    for (let minute = 0; minute < 120; minute += 1) {
      const at = DAY0 + minute * 60_000;
      tick.run(at);
      sample.run(at, 'gpu:a', minute === 90 ? 0 : 1, minute === 90 ? 1 << 9 : minute === 100 ? 1 << 5 : 0, 5_000, 600_000);
    }
    // A sample in hour 2: after the cutoff, it stays raw.
    tick.run(DAY0 + 2 * HOUR);
    sample.run(DAY0 + 2 * HOUR, 'gpu:a', 1, 0, null, null);

    rollUpAndPrune(db, DAY0 + 2 * HOUR + 30 * 60_000, DAY0 - 365 * 24 * HOUR);
    const hours = db.prepare("SELECT start_at, samples, healthy_samples, utilization_sum, utilization_count, energy_mwh, health_flags FROM sample_rollups WHERE period = 'hour' ORDER BY start_at").all();
    expect(hours).toEqual([
      { start_at: DAY0, samples: 60, healthy_samples: 60, utilization_sum: 300_000, utilization_count: 60, energy_mwh: 600_000, health_flags: 0 },
      { start_at: DAY0 + HOUR, samples: 60, healthy_samples: 59, utilization_sum: 300_000, utilization_count: 60, energy_mwh: 600_000, health_flags: (1 << 9) | (1 << 5) },
    ]);
    expect(db.prepare("SELECT samples, energy_mwh, health_flags FROM sample_rollups WHERE period = 'day'").all()).toEqual([{ samples: 120, energy_mwh: 1_200_000, health_flags: (1 << 9) | (1 << 5) }]);
    expect(db.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM sampler_ticks').pluck().get()).toBe(1);

    // Rolling up again changes nothing; an old roll-up past its retention is dropped.
    rollUpAndPrune(db, DAY0 + 2 * HOUR + 30 * 60_000, DAY0 - 365 * 24 * HOUR);
    expect(db.prepare("SELECT sum(samples) FROM sample_rollups WHERE period = 'hour'").pluck().get()).toBe(120);
    rollUpAndPrune(db, DAY0 + 2 * HOUR, DAY0 + HOUR);
    expect(db.prepare("SELECT count(*) FROM sample_rollups WHERE period = 'hour'").pluck().get()).toBe(1);
  });
});
