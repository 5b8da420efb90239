import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { gpuRead, gpuReading } from '../../../../test/support/gpu-reads';
import { useTempDirs } from '../../../../test/support/temp-dir';
import { AssetRegister } from '../../assets/asset-register';
import { openDatabase } from '../../db/open';
import { applyGpuRead } from '../../inventory/gpu-register/apply-gpu-read';
import type { GpuSampleResult } from '../../inventory/gpu/types';
import { Journal } from '../../journal/journal';
import { silentLogger } from '../../log/logger';
import { HEALTH_FLAG_BITS } from '../report/health-flags';
import { networkProfile } from '../report/network-profiles';
import { typedDataReportSigner } from '../report/offchain-attestation';
import { signedReportFromJson } from '../report/signed-report-json';
import { AttestationNode } from './attestation-node';
import { readEpochLeaf } from './epoch-leaves-store';

const tempDir = useTempDirs();
const HOST = 'host:4c4c4544-0051-3910-8036-b4c04f4e3433';
const EPOCH_MS = 60_000;
const INTERVAL_MS = 10_000;
const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

function sampleOf(gpus: ReturnType<typeof gpuReading>[], state: GpuSampleResult['state'] = 'ok'): GpuSampleResult {
  return {
    state,
    message: null,
    source: 'nvidia-smi',
    method: 'csv',
    binary: '/usr/bin/nvidia-smi',
    warnings: [],
    durationMs: 1,
    samples: state === 'ok' ? gpus.map((gpu) => ({ index: gpu.index, uuid: gpu.uuid, pciBusId: gpu.pciBusId, utilizationGpuPct: gpu.utilizationGpuPct, utilizationMemoryPct: null, powerDrawW: gpu.powerDrawW, temperatureC: gpu.temperatureC, memoryUsedMiB: null, smClockMHz: null, memoryClockMHz: null })) : [],
  };
}

function setup() {
  const db = openDatabase(join(tempDir(), 'sietch.db'));
  const journal = new Journal(db);
  const register = new AssetRegister(db, journal);
  const two = [gpuReading({ index: 0, utilizationGpuPct: 50, powerDrawW: 360 }), gpuReading({ index: 1, utilizationGpuPct: 90, powerDrawW: 720 })];
  applyGpuRead({ db, register, journal }, HOST, gpuRead(two), new Date(T0 - 1000), { missingAfterSweeps: 3, sampleRetentionMs: 3600_000 });
  let next: GpuSampleResult = sampleOf(two);
  const node = new AttestationNode(
    { db, journal, logger: silentLogger, sampler: { hostId: async () => HOST, sample: async () => next } },
    { sampleIntervalMs: INTERVAL_MS, epochMs: EPOCH_MS, unknownGraceMs: 20_000, rawRetentionMs: 48 * 3600_000, rollupRetentionMs: 400 * 86_400_000, network: networkProfile('local-devnet') },
  );
  return { db, node, two, setSample: (sample: GpuSampleResult) => (next = sample) };
}

/** Registers `gpus` at T0 + 30 s, as the inventory sweep would. */
function setupLate(db: ReturnType<typeof openDatabase>, journal: Journal, register: AssetRegister, gpus: ReturnType<typeof gpuReading>[]): void {
  applyGpuRead({ db, register, journal }, HOST, gpuRead(gpus), new Date(T0 + 30_000), { missingAfterSweeps: 3, sampleRetentionMs: 3600_000 });
}

const leafOf = (db: ReturnType<typeof setup>['db'], seq: number, assetId: string) => readEpochLeaf(db, seq, assetId)!.leaf;

describe('the attestation node', () => {
  it('closes an epoch from its samples: observed, uptime, utilization, energy', async () => {
    const { db, node } = setup();
    for (let i = 0; i < 7; i += 1) await node.tick(() => T0 + i * INTERVAL_MS); // ticks at :00 … :60; the last closes epoch 1
    const epoch = db.prepare('SELECT * FROM epochs').all() as { seq: number; observed_bps: number; asset_count: number; merkle_root: string }[];
    expect(epoch).toHaveLength(1);
    expect(epoch[0]).toMatchObject({ seq: 1, observed_bps: 10_000, asset_count: 2 });
    const leaf = leafOf(db, 1, 'gpu:GPU-0000aaaa-0000-0000-0000-000000000001');
    expect(leaf).toMatchObject({ epoch: 1n, observedBps: 10_000, uptimeBps: 10_000, meanUtilBps: 9_000, p95UtilBps: 9_000, healthFlags: 0, identityOk: true });
    // 720 W for 60 s = 12 Wh.
    expect(leaf.energyWh).toBe(12n);
    expect((db.prepare("SELECT status FROM report_outbox WHERE seq = 1").get() as { status: string }).status).toBe('unsigned');
  });

  it('shows a node gap in observedBps and a missing GPU in its flags, and never skips a sequence', async () => {
    const { db, node, two, setSample } = setup();
    await node.tick(() => T0);
    await node.tick(() => T0 + INTERVAL_MS);
    setSample(sampleOf([two[0]!])); // GPU 1 vanishes
    await node.tick(() => T0 + 2 * INTERVAL_MS);
    // The node is down for two whole epochs; on restart every ended epoch closes, in order.
    await node.tick(() => T0 + 3 * EPOCH_MS + 5_000);
    const epochs = db.prepare('SELECT seq, start_at, observed_bps FROM epochs ORDER BY seq').all() as { seq: number; start_at: number; observed_bps: number }[];
    expect(epochs.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(epochs.map((e) => e.start_at - T0)).toEqual([0, EPOCH_MS, 2 * EPOCH_MS]);
    expect(epochs.map((e) => e.observed_bps)).toEqual([5_000, 0, 0]);
    const vanished = leafOf(db, 1, 'gpu:GPU-0000aaaa-0000-0000-0000-000000000001');
    expect(vanished.uptimeBps).toBe(3_333);
    expect(vanished.healthFlags & (1 << HEALTH_FLAG_BITS.missing)).not.toBe(0);
    expect(leafOf(db, 1, 'gpu:GPU-0000aaaa-0000-0000-0000-000000000000').uptimeBps).toBe(5_000);
  });

  it('does not flag a GPU as missing for the ticks before it was first registered', async () => {
    const { db, node, two, setSample } = setup();
    const { AssetRegister: Register } = await import('../../assets/asset-register');
    const journal = new Journal(db);
    for (let i = 0; i < 3; i += 1) await node.tick(() => T0 + i * INTERVAL_MS);
    // A third GPU is installed and registered at :30.
    const three = [...two, gpuReading({ index: 2 })];
    setupLate(db, journal, new Register(db, journal), three);
    setSample(sampleOf(three));
    for (let i = 3; i < 7; i += 1) await node.tick(() => T0 + i * INTERVAL_MS);
    const leaf = leafOf(db, 1, 'gpu:GPU-0000aaaa-0000-0000-0000-000000000002');
    expect(leaf.healthFlags & (1 << HEALTH_FLAG_BITS.missing)).toBe(0);
    expect(leaf.uptimeBps).toBe(5_000); // present from :30 to the end: half the epoch
  });

  it('attests slots: a late timer keeps its slot, and a slot is sampled once', async () => {
    const { db, node } = setup();
    await node.tick(() => T0 + 10_300);
    await node.tick(() => T0 + 10_900);
    await node.tick(() => T0 + 20_250);
    expect(db.prepare('SELECT at FROM sampler_ticks ORDER BY at').pluck().all()).toEqual([T0 + 10_000, T0 + 20_000]);
  });

  it('counts a hung nvidia-smi as up within the grace, then as down', async () => {
    const { db, node, setSample } = setup();
    await node.tick(() => T0);
    setSample(sampleOf([], 'timeout'));
    for (let i = 1; i < 7; i += 1) await node.tick(() => T0 + i * INTERVAL_MS);
    const leaf = leafOf(db, 1, 'gpu:GPU-0000aaaa-0000-0000-0000-000000000000');
    // Healthy at :00, timeouts at :10 and :20 are within the 20 s grace, :30 … :50 are not.
    expect(leaf.uptimeBps).toBe(5_000);
    expect(leaf.healthFlags & (1 << HEALTH_FLAG_BITS['nvidia-smi-timeout'])).not.toBe(0);
    expect(leaf.healthFlags & (1 << HEALTH_FLAG_BITS['health-unknown'])).not.toBe(0);
  });

  it('signs waiting reports in order once a key is set, chained by hash and UID, verifiable with the EAS SDK', async () => {
    const { db, node } = setup();
    for (let i = 0; i <= 12; i += 1) await node.tick(() => T0 + i * INTERVAL_MS);
    expect(db.prepare("SELECT count(*) FROM report_outbox WHERE status = 'unsigned'").pluck().get()).toBe(2);
    const wallet = Wallet.createRandom();
    node.setSigner(typedDataReportSigner(wallet));
    await node.tick(() => T0 + 13 * INTERVAL_MS);
    const rows = db.prepare('SELECT seq, status, report_hash, attestation, signer FROM report_outbox ORDER BY seq').all() as { seq: number; status: string; report_hash: string; attestation: string; signer: string }[];
    expect(rows.map((row) => row.status)).toEqual(['signed', 'signed']);
    const [first, second] = rows.map((row) => signedReportFromJson(row.attestation));
    expect(second!.sig.message.refUID).toBe(first!.sig.uid);
    const { Offchain, OffchainAttestationVersion } = createRequire(import.meta.url)('@ethereum-attestation-service/eas-sdk');
    const profile = networkProfile('local-devnet');
    const offchain = new Offchain({ address: profile.easAddress, version: profile.easVersion, chainId: BigInt(profile.chainId) }, OffchainAttestationVersion.Version2, { verifyingContract: profile.easAddress } as never);
    for (const pkg of [first!, second!]) expect(offchain.verifyOffchainAttestationSignature(wallet.address, pkg.sig)).toBe(true);
    expect(rows.every((row) => row.signer === wallet.address)).toBe(true);
  });
});
