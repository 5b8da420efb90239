import type { Db } from '../../db/open';
import { pruneRegisterChanges } from './register-snapshot';
import { deleteTickSamplesBefore, NO_POWER, NO_UTILIZATION, readTickSamples } from './tick-samples-store';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface HourTotals {
  samples: number;
  healthy: number;
  utilizationSum: number;
  utilizationCount: number;
  /** mW·ms: exact in a double up to 2^53 (~2.5 MWh per asset and hour). */
  energy: number;
  flags: number;
}

/**
 * Keeps the database bounded: raw samples (and ticks) older than `rawCutoffMs` are folded into
 * hourly and daily roll-ups and deleted, in one transaction; roll-ups older than
 * `rollupCutoffMs` are deleted. Only whole hours before the cutoff are folded, so a roll-up row
 * is written once and never half-filled. Closed epochs keep their leaves: they are the record.
 */
export function rollUpAndPrune(db: Db, rawCutoffMs: number, rollupCutoffMs: number): { folded: number } {
  const cutoff = Math.floor(rawCutoffMs / HOUR_MS) * HOUR_MS;
  return db.transaction(() => {
    const intervals = new Map(db.prepare('SELECT at, interval_ms FROM sampler_ticks WHERE at < ?').raw().all(cutoff) as [number, number][]);
    const upsertHour = db.prepare(
      `INSERT INTO sample_rollups (asset_id, period, start_at, samples, healthy_samples, utilization_sum, utilization_count, energy_mwh, health_flags)
       VALUES (?, 'hour', ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (asset_id, period, start_at) DO UPDATE SET
         samples = samples + excluded.samples, healthy_samples = healthy_samples + excluded.healthy_samples,
         utilization_sum = utilization_sum + excluded.utilization_sum, utilization_count = utilization_count + excluded.utilization_count,
         energy_mwh = energy_mwh + excluded.energy_mwh, health_flags = health_flags | excluded.health_flags`,
    );
    let idOf: Map<number, string> | null = null;
    let folded = 0;
    // Hour by hour: each hour's ticks are read to the end before its rows are written (one
    // connection cannot write while a read is open), and memory holds one hour of totals.
    const hours = db.prepare(`SELECT DISTINCT (at / ${HOUR_MS}) * ${HOUR_MS} FROM tick_samples WHERE at < ? ORDER BY 1`).pluck().all(cutoff) as number[];
    for (const hour of hours) {
      const totals = new Map<number, HourTotals>();
      for (const { at, samples } of readTickSamples(db, hour, hour + HOUR_MS)) {
        const interval = intervals.get(at) ?? 0;
        for (let i = 0; i < samples.count; i += 1) {
          const no = samples.assetNo[i]!;
          let t = totals.get(no);
          if (!t) totals.set(no, (t = { samples: 0, healthy: 0, utilizationSum: 0, utilizationCount: 0, energy: 0, flags: 0 }));
          t.samples += 1;
          t.healthy += samples.healthy[i]!;
          if (samples.utilization[i] !== NO_UTILIZATION) {
            t.utilizationSum += samples.utilization[i]!;
            t.utilizationCount += 1;
          }
          if (samples.power[i] !== NO_POWER) t.energy += samples.power[i]! * interval;
          t.flags = (t.flags | samples.flags[i]!) >>> 0;
        }
      }
      idOf ??= new Map(db.prepare('SELECT no, asset_id FROM asset_numbers').raw().all() as [number, string][]);
      for (const [no, t] of totals) {
        const assetId = idOf.get(no);
        if (assetId === undefined) continue;
        upsertHour.run(assetId, hour, t.samples, t.healthy, t.utilizationSum, t.utilizationCount, Math.floor(t.energy / HOUR_MS), t.flags);
        folded += 1;
      }
    }
    db.prepare(
      `INSERT INTO sample_rollups (asset_id, period, start_at, samples, healthy_samples, utilization_sum, utilization_count, energy_mwh, health_flags)
       SELECT asset_id, 'day', (start_at / ${DAY_MS}) * ${DAY_MS}, sum(samples), sum(healthy_samples), sum(utilization_sum), sum(utilization_count), sum(energy_mwh), bit_or(health_flags)
       FROM sample_rollups WHERE period = 'hour' AND start_at >= ? AND start_at < ?
       GROUP BY asset_id, start_at / ${DAY_MS}
       ON CONFLICT (asset_id, period, start_at) DO UPDATE SET samples = excluded.samples, healthy_samples = excluded.healthy_samples,
         utilization_sum = excluded.utilization_sum, utilization_count = excluded.utilization_count, energy_mwh = excluded.energy_mwh, health_flags = excluded.health_flags`,
    ).run(Math.floor(cutoff / DAY_MS) * DAY_MS - DAY_MS, cutoff);
    deleteTickSamplesBefore(db, cutoff);
    db.prepare('DELETE FROM sampler_ticks WHERE at < ?').run(cutoff);
    db.prepare('DELETE FROM sample_rollups WHERE start_at < ?').run(rollupCutoffMs);
    pruneRegisterChanges(db);
    return { folded };
  })();
}
