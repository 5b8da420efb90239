import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/support/temp-dir';
import { MIGRATIONS } from '../../db/migrations';
import { migrate, openDatabase } from '../../db/open';
import { buildEpochTree } from '../report/epoch-tree';
import { identityHashOf } from '../report/leaf-encoding';
import type { AssetLeafInput } from '../report/leaf-format';
import { readEpochLeaves } from './epoch-leaves-store';
import { readTickSamples, NO_POWER, NO_UTILIZATION } from './tick-samples-store';

const tempDir = useTempDirs();

const leaf = (assetId: string, overrides: Partial<AssetLeafInput> = {}): AssetLeafInput => ({
  assetId,
  kind: 'gpu',
  epoch: 1n,
  observedBps: 10_000,
  uptimeBps: 9_500,
  meanUtilBps: 4_321,
  p95UtilBps: 9_876,
  energyWh: 123_456_789n,
  healthFlags: (1 << 9) | (1 << 18),
  identityOk: true,
  identityHash: identityHashOf({ uuid: assetId }),
  revenue: 0n,
  hwAttested: false,
  evidenceHash: `0x${'00'.repeat(32)}`,
  ...overrides,
});

describe('migration 005: samples and leaves move to packed rows', () => {
  it('carries the rows written by schema 4 over unchanged: every sample field and every leaf field, with its hash', () => {
    const file = join(tempDir(), 'sietch.db');
    const old = new Database(file);
    old.aggregate('bit_or', { start: 0, step: (bits: number, value: number | null) => (bits | Number(value ?? 0)) >>> 0 });
    migrate(old, MIGRATIONS.slice(0, 4));
    const asset = old.prepare("INSERT INTO assets (id, kind, label, status, identity, first_seen, last_seen) VALUES (?, 'gpu', 'GPU', 'present', '{}', ?, ?)");
    asset.run('gpu:GPU-b', '2026-01-01T00:00:01Z', '2026-01-01T00:00:01Z');
    asset.run('gpu:GPU-a', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    const sample = old.prepare('INSERT INTO samples (at, asset_id, healthy, health_flags, utilization_bps, power_mw) VALUES (?, ?, ?, ?, ?, ?)');
    sample.run(1000, 'gpu:GPU-a', 1, 0x80000200, 10_000, 4_000_000_000);
    sample.run(1000, 'gpu:GPU-b', 0, 0, null, null);
    sample.run(2000, 'gpu:GPU-b', 1, 4, 0, 0);
    // Schema 4 stored each leaf as JSON with bigints as decimal strings.
    const leaves = [leaf('gpu:GPU-a', { revenue: 9_000_000_000_000n }), leaf('gpu:GPU-b', { kind: 'robot', identityOk: false, energyWh: 0n, hwAttested: true, evidenceHash: `0x${'ab'.repeat(32)}` })];
    const tree = buildEpochTree(leaves);
    old.prepare("INSERT INTO epochs (seq, start_at, end_at, closed_at, observed_bps, asset_count, merkle_root, journal_head, revenue, repaid, outstanding, coverage_bps) VALUES (1, 0, 3600000, 'x', 10000, 2, ?, ?, 0, 0, 0, 0)").run(tree.root, `0x${'00'.repeat(32)}`);
    const insertLeaf = old.prepare('INSERT INTO epoch_leaves (seq, asset_id, leaf, leaf_hash) VALUES (1, ?, ?, ?)');
    leaves.forEach((value, i) => insertLeaf.run(value.assetId, JSON.stringify({ ...value, epoch: '1', energyWh: value.energyWh.toString(), revenue: value.revenue.toString() }), tree.leafHash(i)));
    old.close();

    const db = openDatabase(file);
    const numbers = new Map(db.prepare('SELECT asset_id, no FROM asset_numbers').raw().all() as [string, number][]);
    expect(numbers.get('gpu:GPU-a')).toBe(1); // numbered by first sighting
    expect(numbers.get('gpu:GPU-b')).toBe(2);
    const ticks = [...readTickSamples(db, 0, 10_000)].map(({ at, samples }) => ({
      at,
      rows: Array.from({ length: samples.count }, (_, i) => [samples.assetNo[i], samples.healthy[i], samples.flags[i], samples.utilization[i], samples.power[i]]),
    }));
    expect(ticks).toEqual([
      { at: 1000, rows: [[1, 1, 0x80000200, 10_000, 4_000_000_000], [2, 0, 0, NO_UTILIZATION, NO_POWER]] },
      { at: 2000, rows: [[2, 1, 4, 0, 0]] },
    ]);
    expect(readEpochLeaves(db, 1)).toEqual(leaves.map((value, i) => ({ leaf: value, leafHash: tree.leafHash(i) })));
    // New assets keep getting numbers after the migrated ones.
    db.prepare("INSERT INTO assets (id, kind, label, status, identity, first_seen, last_seen) VALUES ('gpu:GPU-c', 'gpu', 'GPU', 'present', '{}', 'x', 'x')").run();
    expect(db.prepare("SELECT no FROM asset_numbers WHERE asset_id = 'gpu:GPU-c'").pluck().get()).toBe(3);
    db.close();
  });
});
