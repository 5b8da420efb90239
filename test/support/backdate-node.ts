import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/open';

/**
 * Makes a data directory look like a node that took its first sample `minutesAgo` and was then
 * stopped until now: when `sietch serve` starts, the node closes every epoch since, in order, at
 * once — the catch-up of a restart after a long stop. Hundreds of reports in seconds, without
 * waiting for them. Writes one row in the core's sampler_ticks table (the real database and
 * migrations; the directory may be fresh).
 */
export function backdateNodeStart(dataDir: string, minutesAgo: number): { firstTickAt: number } {
  const db = openDatabase(join(dataDir, 'sietch.db'));
  try {
    const firstTickAt = Date.now() - minutesAgo * 60_000;
    db.prepare('INSERT INTO sampler_ticks (at, interval_ms, gpu_state) VALUES (?, ?, ?)').run(firstTickAt, 1_000, 'ok');
    return { firstTickAt };
  } finally {
    db.close();
  }
}
