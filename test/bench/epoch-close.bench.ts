import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeccak } from 'hash-wasm';
import { bench, describe } from 'vitest';
import { closeDueEpochs } from '../../electron/core/attestation/node/epoch-closer';
import { aggregateEpoch } from '../../electron/core/attestation/node/epoch-aggregate';
import { Sampler } from '../../electron/core/attestation/node/sampler';
import { allocateTickColumns, writeTickSamples } from '../../electron/core/attestation/node/tick-samples-store';
import { preloadKeccak } from '../../electron/core/attestation/report/keccak';
import { encodeLeaf } from '../../electron/core/attestation/report/leaf-encoding';
import { LEAF_ENCODED_BYTES } from '../../electron/core/attestation/report/leaf-format';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { Journal } from '../../electron/core/journal/journal';
import type { GpuSampleResult } from '../../electron/core/inventory/gpu/types';

// Closing a whole epoch from SQLite — aggregate the samples per asset, encode the leaves, build
// the tree, write epoch + leaves + outbox in one transaction — against the bare construction of
// the same OZ-format tree from the same leaves, pre-encoded, with hash-wasm's keccak.
// And sample ingest (the sampler's batched transaction) against a bare prepared INSERT loop.
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const ASSETS = smoke ? 1_000 : 100_000;
const TICKS = 6;
const EPOCH_MS = 60_000;
const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const options = smoke ? { time: 100, iterations: 2, warmupIterations: 0 } : { time: 10_000, iterations: 5, warmupIterations: 1 };

await preloadKeccak();
const dir = mkdtempSync(join(tmpdir(), 'sietch-bench-epoch-'));

/** A register of ASSETS GPUs with TICKS samples each in one epoch, written directly (setup, not measured). */
function seed(file: string): Db {
  const db = openDatabase(join(dir, file));
  const insertAsset = db.prepare("INSERT INTO assets (id, kind, label, status, identity, first_seen, last_seen, host_id, health_status) VALUES (?, 'gpu', 'NVIDIA H100 80GB HBM3', 'present', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?, 'ok')");
  const insertTick = db.prepare("INSERT INTO sampler_ticks (at, interval_ms, gpu_state) VALUES (?, ?, 'ok')");
  db.transaction(() => {
    for (let i = 0; i < ASSETS; i += 1) {
      const id = `gpu:GPU-${i.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
      insertAsset.run(id, JSON.stringify({ uuid: id.slice(4), serial: String(1_650_000_000_000 + i) }), `host:h${i >> 3}`);
    }
    const numbers = db.prepare('SELECT no FROM asset_numbers ORDER BY no').pluck().all() as number[];
    for (let t = 0; t < TICKS; t += 1) {
      const at = T0 + t * (EPOCH_MS / TICKS);
      insertTick.run(at, EPOCH_MS / TICKS);
      const columns = allocateTickColumns(ASSETS);
      columns.count = ASSETS;
      numbers.forEach((no, i) => {
        [columns.assetNo[i], columns.healthy[i], columns.flags[i], columns.utilization[i], columns.power[i]] = [no, 1, 0, 5000 + ((i * 7 + t) % 5000), 300_000 + (i % 400_000)];
      });
      writeTickSamples(db, at, columns);
    }
  })();
  return db;
}

const closeDb = seed('close.db');
const closeJournal = new Journal(closeDb);
// The leaves of this epoch, pre-encoded once for the baseline.
const { leaves } = aggregateEpoch(closeDb, { seq: 1n, start: T0, end: T0 + EPOCH_MS }, { unknownGraceMs: 0 });
const preEncoded = new Uint8Array(leaves.length * LEAF_ENCODED_BYTES);
leaves.forEach((leaf, i) => preEncoded.set(encodeLeaf(leaf), i * LEAF_ENCODED_BYTES));
const hasher = await createKeccak(256);

function bareTreeRoot(encoded: Uint8Array, count: number): Uint8Array {
  const hashed: Uint8Array[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    hasher.init();
    hasher.update(encoded.subarray(i * LEAF_ENCODED_BYTES, (i + 1) * LEAF_ENCODED_BYTES));
    const inner = hasher.digest('binary');
    hasher.init();
    hasher.update(inner);
    hashed[i] = hasher.digest('binary');
  }
  hashed.sort((a, b) => Buffer.compare(a, b));
  const tree: Uint8Array[] = new Array(2 * count - 1);
  for (let i = 0; i < count; i += 1) tree[tree.length - 1 - i] = hashed[i]!;
  for (let i = tree.length - 1 - count; i >= 0; i -= 1) {
    const [left, right] = [tree[2 * i + 1]!, tree[2 * i + 2]!];
    const [low, high] = Buffer.compare(left, right) <= 0 ? [left, right] : [right, left];
    hasher.init();
    hasher.update(low);
    hasher.update(high);
    tree[i] = hasher.digest('binary');
  }
  return tree[0]!;
}

/** Each run closes the same epoch again: the previous close is removed first (setup, not measured by the ratio's intent but included in time). */
function reopenEpoch(): void {
  closeDb.exec('DELETE FROM report_outbox; DELETE FROM epoch_leaf_sets; DELETE FROM epochs;');
}

describe(`close one epoch of ${ASSETS.toLocaleString('en')} assets`, () => {
  bench('bare OZ-format tree from pre-encoded leaves, hash-wasm (baseline)', () => void bareTreeRoot(preEncoded, leaves.length), options);
  bench('closeDueEpochs: aggregate from SQLite + leaves + tree + epoch/leaves/outbox rows', () => {
    reopenEpoch();
    const closed = closeDueEpochs(closeDb, closeJournal, EPOCH_MS, T0 + EPOCH_MS, { unknownGraceMs: 0 });
    if (closed.length !== 1 || closed[0]!.assetCount !== ASSETS) throw new Error('the epoch did not close');
  }, options);
});

// Sample ingest: one tick of a large fleet (ASSETS GPUs) through the sampler vs a bare INSERT loop.
const ingestDb = seed('ingest.db');
const fleet: GpuSampleResult = {
  state: 'ok',
  message: null,
  source: 'nvidia-smi',
  method: 'csv',
  binary: null,
  warnings: [],
  durationMs: 0,
  samples: Array.from({ length: ASSETS }, (_, i) => ({ index: i, uuid: `GPU-${i.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`, pciBusId: null, utilizationGpuPct: 50, utilizationMemoryPct: null, powerDrawW: 400, temperatureC: 50, memoryUsedMiB: null, smClockMHz: null, memoryClockMHz: null })),
};
ingestDb.exec(`UPDATE assets SET host_id = 'host:bench'`);
// The baseline stores each sample as its own row, keyed (time, asset) — the plain design, and
// Sietch's own until it packed a tick into one row (docs/benchmarks.md).
ingestDb.exec('CREATE TABLE bare_samples (at INTEGER NOT NULL, asset_id TEXT NOT NULL, healthy INTEGER NOT NULL, health_flags INTEGER NOT NULL, utilization_bps INTEGER, power_mw INTEGER, PRIMARY KEY (at, asset_id)) STRICT, WITHOUT ROWID');
const bareInsert = ingestDb.prepare('INSERT INTO bare_samples (asset_id, at, healthy, health_flags, utilization_bps, power_mw) VALUES (?, ?, 1, 0, ?, ?)');
const ids = fleet.samples.map((sample) => `gpu:${sample.uuid}`);
// A second, stricter reference: the floor of the packed design — the same number of 15-byte
// records, already known, written as one row (no reading, no mapping, no register).
ingestDb.exec('CREATE TABLE bare_ticks (at INTEGER PRIMARY KEY, records BLOB NOT NULL) STRICT');
const bareTick = ingestDb.prepare('INSERT INTO bare_ticks (at, records) VALUES (?, ?)');
let tick = T0 + EPOCH_MS;
const sampler = new Sampler({ db: ingestDb, hostId: async () => 'host:bench', sample: async () => fleet });

describe(`ingest one tick of ${ASSETS.toLocaleString('en')} samples`, () => {
  bench('bare prepared INSERT loop in one transaction (baseline)', () => {
    tick += 1;
    const at = tick;
    ingestDb.transaction(() => {
      for (const id of ids) bareInsert.run(id, at, 5000, 400_000);
    })();
  }, options);
  bench('bare: the same samples as one packed row of 15-byte records (floor of the packed design)', () => {
    tick += 1;
    const records = Buffer.allocUnsafe(ASSETS * 15);
    for (let i = 0; i < ASSETS; i += 1) {
      records.writeUInt32BE(i + 1, i * 15);
      records[i * 15 + 4] = 1;
      records.writeUInt32BE(0, i * 15 + 5);
      records.writeUInt16BE(5000, i * 15 + 9);
      records.writeUInt32BE(400_000, i * 15 + 11);
    }
    bareTick.run(tick, records);
  }, options);
  bench('Sampler.take: map to asset ids, health from the register snapshot, tick + packed samples in one transaction', async () => {
    tick += 1;
    const { samples } = await sampler.take(1000, tick);
    if (samples !== ASSETS) throw new Error(`stored ${samples} samples`);
  }, options);
});
