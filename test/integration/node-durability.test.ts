import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SIETCH_BIN, waitForExit } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';
import { seededRandom } from '../support/seeded-random';
import { countEpochLeaves } from '../../electron/core/attestation/node/epoch-leaves-store';
import { countStoredSamples } from '../../electron/core/attestation/node/tick-samples-store';

// kill -9 the real `sietch node` (simulated 8-GPU server, 1 s samples, 10 s epochs) at random
// moments, many times, then check what a lender relies on: no sequence gap, no duplicate, no
// committed sample lost, a sound database.
const tempDir = useTempDirs();
const CYCLES = Number(process.env.SIETCH_DURABILITY_CYCLES ?? 50);


/** Starts the node; its log (stderr) is kept to explain an unexpected exit or a start that never ends. */
function startNode(dataDir: string) {
  const child = spawn(process.execPath, [SIETCH_BIN, 'node', '--simulate', '--sample-interval', '1', '--epoch', '10', '--data-dir', dataDir, '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return Object.assign(child, { stdoutText: () => stdout, stderrText: () => stderr });
}

function snapshot(dataDir: string) {
  const db = new Database(join(dataDir, 'sietch.db'), { readonly: true, fileMustExist: true });
  try {
    return {
      ticks: db.prepare('SELECT count(*) FROM sampler_ticks').pluck().get() as number,
      firstTick: db.prepare('SELECT min(at) FROM sampler_ticks').pluck().get() as number,
      lastTick: db.prepare('SELECT max(at) FROM sampler_ticks').pluck().get() as number,
      samples: countStoredSamples(db),
      epochs: db.prepare('SELECT seq, start_at, end_at, asset_count FROM epochs ORDER BY seq').all() as { seq: number; start_at: number; end_at: number; asset_count: number }[],
      outbox: db.prepare('SELECT seq FROM report_outbox ORDER BY seq').pluck().all() as number[],
      leaves: [...countEpochLeaves(db)].sort(([a], [b]) => a - b).map(([seq, n]) => ({ seq, n })),
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('attestation node durability', () => {
  it(`survives ${CYCLES} kill -9 at random moments without a gap, a duplicate or a lost sample`, async () => {
    const dataDir = tempDir();
    const random = seededRandom(20261124);
    let before = { ticks: 0, samples: 0 };
    let killedWhileWriting = 0;
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      const child = startNode(dataDir);
      // Two kinds of moment: any time from the spawn (start-up: lock, migrations, catching up on
      // missed epochs), and any time once it runs (ticks, closes, signing) — counted from when it
      // says it runs, so a slow start on a loaded machine does not leave the node never writing.
      if (random() < 0.7) await until(() => `the node to start (its stderr: ${child.stderrText().slice(-3000)})`, async () => child.stdoutText().includes('Stop with') || child.exitCode !== null);
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random() * 1700)));
      child.kill('SIGKILL');
      const exit = await waitForExit(child);
      expect({ ...exit, log: exit.signal === 'SIGKILL' ? '' : child.stderrText() }).toEqual({ code: null, signal: 'SIGKILL', log: '' });
      let state;
      try {
        state = snapshot(dataDir);
      } catch {
        continue; // killed before the database was first created
      }
      killedWhileWriting += 1;
      expect(state.integrity).toBe('ok');
      // Committed work never goes back: ticks only grow, and samples grow until the retention prunes (48 h: not here).
      expect(state.ticks).toBeGreaterThanOrEqual(before.ticks);
      expect(state.samples).toBeGreaterThanOrEqual(before.samples);
      before = state;
    }
    expect(killedWhileWriting).toBeGreaterThan(CYCLES / 2);

    // A last run, stopped cleanly, closes whatever ended meanwhile.
    const last = startNode(dataDir);
    // Running once it says how to stop it (printed after start-up), then long enough to close epochs.
    await until('the node to start', async () => last.stdoutText().includes('Stop with'));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    last.kill('SIGTERM');
    const lastExit = await waitForExit(last);
    expect({ ...lastExit, log: lastExit.code === 0 ? '' : last.stderrText() }).toEqual({ code: 0, signal: null, log: '' });

    const final = snapshot(dataDir);
    expect(final.integrity).toBe('ok');
    // Every epoch that ended before the last tick is closed (none left behind by a crash).
    const firstEpochStart = Math.floor(final.firstTick / 10_000) * 10_000;
    const endedByLastTick = Math.floor((final.lastTick - firstEpochStart) / 10_000);
    expect(final.epochs.length).toBeGreaterThanOrEqual(endedByLastTick);
    expect(final.epochs.length).toBeLessThanOrEqual(endedByLastTick + 1); // the closer runs a moment after the tick
    expect(final.epochs.length).toBeGreaterThanOrEqual(Math.floor(CYCLES / 10));
    final.epochs.forEach((epoch, index) => {
      expect(epoch.seq).toBe(index + 1); // no gap, no duplicate
      expect(epoch.end_at - epoch.start_at).toBe(10_000);
      if (index > 0) expect(epoch.start_at).toBe(final.epochs[index - 1]!.end_at); // contiguous in time
    });
    // Every closed epoch has its report in the outbox and all its leaves: closed whole or not at all.
    expect(final.outbox).toEqual(final.epochs.map((epoch) => epoch.seq));
    const leavesBySeq = new Map(final.leaves.map((row) => [row.seq, row.n]));
    for (const epoch of final.epochs) expect(leavesBySeq.get(epoch.seq) ?? 0).toBe(epoch.asset_count);
  }, 400_000);
});
