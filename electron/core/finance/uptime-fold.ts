import { readEpochLeaves } from '../attestation/node/epoch-leaves-store';
import type { Db } from '../db/open';

/**
 * Folds the attestation node's closed epochs into uptime and energy per asset and UTC day
 * (asset_day_uptime), once each: uptime-ms = uptimeBps × epoch length / 10,000 (rounded down),
 * credited to the day the epoch starts. Billing periods are whole days, so an invoice's
 * uptime-hours are a sum of days. The leaves are read only through epoch-leaves-store.
 * Returns how many epochs were folded. Safe to call often: it resumes after the last one.
 */
export function foldEpochUptime(db: Db): number {
  const last = (db.prepare('SELECT last_seq FROM asset_uptime_folded WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  const epochs = db.prepare('SELECT seq, start_at, end_at FROM epochs WHERE seq > ? ORDER BY seq').raw().all(last) as [number, number, number][];
  if (epochs.length === 0) return 0;
  const upsert = db.prepare(
    'INSERT INTO asset_day_uptime (asset_id, day, uptime_ms, energy_wh, epochs) VALUES (?, ?, ?, ?, 1) ON CONFLICT (asset_id, day) DO UPDATE SET uptime_ms = uptime_ms + excluded.uptime_ms, energy_wh = energy_wh + excluded.energy_wh, epochs = epochs + 1',
  );
  db.transaction(() => {
    for (const [seq, start, end] of epochs) {
      const day = new Date(start).toISOString().slice(0, 10);
      const length = end - start;
      for (const { leaf } of readEpochLeaves(db, seq)) upsert.run(leaf.assetId, day, Math.floor((leaf.uptimeBps * length) / 10_000), leaf.energyWh);
    }
    db.prepare('INSERT INTO asset_uptime_folded (id, last_seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq').run(epochs.at(-1)![0]);
  })();
  return epochs.length;
}

/** Whether the node closed any epoch that starts in [from, to) (days): if not, it did not run then. */
export function nodeRanBetween(db: Db, fromMs: number, toMs: number): boolean {
  return db.prepare('SELECT 1 FROM epochs WHERE start_at >= ? AND start_at < ? LIMIT 1').get(fromMs, toMs) !== undefined;
}

/** Uptime-ms per asset over the days [from, to) (YYYY-MM-DD), for the given assets. */
export function uptimeBetween(db: Db, assetIds: readonly string[], from: string, to: string): Map<string, bigint> {
  const statement = db.prepare('SELECT coalesce(sum(uptime_ms), 0) FROM asset_day_uptime WHERE asset_id = ? AND day >= ? AND day < ?').pluck().safeIntegers(true);
  return new Map(assetIds.map((id) => [id, statement.get(id, from, to) as bigint]));
}

/** Energy in Wh per asset over the days [from, to). */
export function energyBetween(db: Db, assetIds: readonly string[], from: string, to: string): bigint {
  const statement = db.prepare('SELECT coalesce(sum(energy_wh), 0) FROM asset_day_uptime WHERE asset_id = ? AND day >= ? AND day < ?').pluck().safeIntegers(true);
  let total = 0n;
  for (const id of assetIds) total += statement.get(id, from, to) as bigint;
  return total;
}
