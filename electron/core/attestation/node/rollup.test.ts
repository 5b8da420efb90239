import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/support/temp-dir';
import { openDatabase } from '../../db/open';
import { rollUpAndPrune } from './rollup';
import { allocateTickColumns, countStoredSamples, NO_POWER, NO_UTILIZATION, writeTickSamples } from './tick-samples-store';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const DAY0 = Date.UTC(2026, 10, 20);

describe('roll-up and retention', () => {
  it('folds whole hours older than the cutoff into hourly and daily rows, ORs the flags, and deletes the raw rows', () => {
    const db = openDatabase(join(tempDir(), 'sietch.db'));
    const tick = db.prepare("INSERT INTO sampler_ticks (at, interval_ms, gpu_state) VALUES (?, 60000, 'ok')");
    db.prepare("INSERT INTO assets (id, kind, label, status, identity, first_seen, last_seen) VALUES ('gpu:a', 'gpu', 'GPU a', 'present', '{}', '2026-01-01', '2026-01-01')").run();
    const no = db.prepare("SELECT no FROM asset_numbers WHERE asset_id = 'gpu:a'").pluck().get() as number;
    const sample = (at: number, healthy: number, flags: number, utilization: number | null, power: number | null): void => {
      const columns = allocateTickColumns(1);
      Object.assign(columns, { count: 1 });
      [columns.assetNo[0], columns.healthy[0], columns.flags[0], columns.utilization[0], columns.power[0]] = [no, healthy, flags, utilization ?? NO_UTILIZATION, power ?? NO_POWER];
      writeTickSamples(db, at, columns);
    };
    // Hour 0 and hour 1 of day 0, one sample a minute for one GPU; 600 W; a flag in one sample of hour 1.
    for (let minute = 0; minute < 120; minute += 1) {
      const at = DAY0 + minute * 60_000;
      tick.run(at);
      sample(at, minute === 90 ? 0 : 1, minute === 90 ? 1 << 9 : minute === 100 ? 1 << 5 : 0, 5_000, 600_000);
    }
    // A sample in hour 2: after the cutoff, it stays raw.
    tick.run(DAY0 + 2 * HOUR);
    sample(DAY0 + 2 * HOUR, 1, 0, null, null);

    rollUpAndPrune(db, DAY0 + 2 * HOUR + 30 * 60_000, DAY0 - 365 * 24 * HOUR);
    const hours = db.prepare("SELECT start_at, samples, healthy_samples, utilization_sum, utilization_count, energy_mwh, health_flags FROM sample_rollups WHERE period = 'hour' ORDER BY start_at").all();
    expect(hours).toEqual([
      { start_at: DAY0, samples: 60, healthy_samples: 60, utilization_sum: 300_000, utilization_count: 60, energy_mwh: 600_000, health_flags: 0 },
      { start_at: DAY0 + HOUR, samples: 60, healthy_samples: 59, utilization_sum: 300_000, utilization_count: 60, energy_mwh: 600_000, health_flags: (1 << 9) | (1 << 5) },
    ]);
    expect(db.prepare("SELECT samples, energy_mwh, health_flags FROM sample_rollups WHERE period = 'day'").all()).toEqual([{ samples: 120, energy_mwh: 1_200_000, health_flags: (1 << 9) | (1 << 5) }]);
    expect(countStoredSamples(db)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM sampler_ticks').pluck().get()).toBe(1);

    // Rolling up again changes nothing; an old roll-up past its retention is dropped.
    rollUpAndPrune(db, DAY0 + 2 * HOUR + 30 * 60_000, DAY0 - 365 * 24 * HOUR);
    expect(db.prepare("SELECT sum(samples) FROM sample_rollups WHERE period = 'hour'").pluck().get()).toBe(120);
    rollUpAndPrune(db, DAY0 + 2 * HOUR, DAY0 + HOUR);
    expect(db.prepare("SELECT count(*) FROM sample_rollups WHERE period = 'hour'").pluck().get()).toBe(1);
  });
});
