import type { Db } from '../../db/open';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Keeps the database bounded: raw samples (and ticks) older than `rawCutoffMs` are folded into
 * hourly and daily roll-ups and deleted, in one transaction; roll-ups older than
 * `rollupCutoffMs` are deleted. Only whole hours before the cutoff are folded, so a roll-up row
 * is written once and never half-filled. Closed epochs keep their leaves: they are the record.
 */
export function rollUpAndPrune(db: Db, rawCutoffMs: number, rollupCutoffMs: number): { folded: number } {
  const cutoff = Math.floor(rawCutoffMs / HOUR_MS) * HOUR_MS;
  return db.transaction(() => {
    const folded = db
      .prepare(
        `INSERT INTO sample_rollups (asset_id, period, start_at, samples, healthy_samples, utilization_sum, utilization_count, energy_mwh, health_flags)
         SELECT s.asset_id, 'hour', (s.at / ${HOUR_MS}) * ${HOUR_MS}, count(*), sum(s.healthy), coalesce(sum(s.utilization_bps), 0), count(s.utilization_bps),
                coalesce(sum(s.power_mw * t.interval_ms) / ${HOUR_MS}, 0), bit_or(s.health_flags)
         FROM samples s JOIN sampler_ticks t ON t.at = s.at
         WHERE s.at < ?
         GROUP BY s.asset_id, s.at / ${HOUR_MS}
         ON CONFLICT (asset_id, period, start_at) DO UPDATE SET
           samples = samples + excluded.samples, healthy_samples = healthy_samples + excluded.healthy_samples,
           utilization_sum = utilization_sum + excluded.utilization_sum, utilization_count = utilization_count + excluded.utilization_count,
           energy_mwh = energy_mwh + excluded.energy_mwh, health_flags = health_flags | excluded.health_flags`,
      )
      .run(cutoff).changes;
    db.prepare(
      `INSERT INTO sample_rollups (asset_id, period, start_at, samples, healthy_samples, utilization_sum, utilization_count, energy_mwh, health_flags)
       SELECT asset_id, 'day', (start_at / ${DAY_MS}) * ${DAY_MS}, sum(samples), sum(healthy_samples), sum(utilization_sum), sum(utilization_count), sum(energy_mwh), bit_or(health_flags)
       FROM sample_rollups WHERE period = 'hour' AND start_at >= ? AND start_at < ?
       GROUP BY asset_id, start_at / ${DAY_MS}
       ON CONFLICT (asset_id, period, start_at) DO UPDATE SET samples = excluded.samples, healthy_samples = excluded.healthy_samples,
         utilization_sum = excluded.utilization_sum, utilization_count = excluded.utilization_count, energy_mwh = excluded.energy_mwh, health_flags = excluded.health_flags`,
    ).run(Math.floor(cutoff / DAY_MS) * DAY_MS - DAY_MS, cutoff);
    db.prepare('DELETE FROM samples WHERE at < ?').run(cutoff);
    db.prepare('DELETE FROM sampler_ticks WHERE at < ?').run(cutoff);
    db.prepare('DELETE FROM sample_rollups WHERE start_at < ?').run(rollupCutoffMs);
    return { folded };
  })();
}
