import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpuRead, gpuReading } from '../../../../test/support/gpu-reads';
import { useTempDirs } from '../../../../test/support/temp-dir';
import { AssetRegister } from '../../assets/asset-register';
import { openDatabase } from '../../db/open';
import { applyGpuRead } from '../../inventory/gpu-register/apply-gpu-read';
import type { GpuSampleResult } from '../../inventory/gpu/types';
import { Journal } from '../../journal/journal';
import { silentLogger } from '../../log/logger';
import { decodeHealthFlags } from '../report/health-flags';
import { networkProfile } from '../report/network-profiles';
import { AttestationNode } from './attestation-node';
import { readEpochLeaves } from './epoch-leaves-store';
import type { FleetHostReading, RobotReadings } from './sampler';

const tempDir = useTempDirs();
const LOCAL = 'host:4c4c4544-0051-3910-8036-b4c04f4e3433';
const FLEET = 'host:fleet:node7';
const EPOCH_MS = 60_000;
const INTERVAL_MS = 10_000;
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

const asSamples = (gpus: ReturnType<typeof gpuReading>[], state: GpuSampleResult['state'] = 'ok'): GpuSampleResult => ({
  state,
  message: null,
  source: 'nvidia-smi',
  method: 'csv',
  binary: null,
  warnings: [],
  durationMs: 1,
  samples: state === 'ok' ? gpus.map((gpu) => ({ index: gpu.index, uuid: gpu.uuid, pciBusId: gpu.pciBusId, utilizationGpuPct: gpu.utilizationGpuPct, utilizationMemoryPct: null, powerDrawW: gpu.powerDrawW, temperatureC: gpu.temperatureC, memoryUsedMiB: null, smClockMHz: null, memoryClockMHz: null })) : [],
});

describe('the node samples fleet GPUs and robots besides the local GPUs', () => {
  it('an absent asset is missing when its source answered, and unknown (grace, then down) when its source failed', async () => {
    const db = openDatabase(join(tempDir(), 'sietch.db'));
    const journal = new Journal(db);
    const register = new AssetRegister(db, journal);
    const local = [gpuReading({ index: 0 })];
    const remote = [gpuReading({ index: 5, uuid: 'GPU-0000bbbb-0000-0000-0000-000000000005' })];
    applyGpuRead({ db, register, journal }, LOCAL, gpuRead(local), new Date(T0 - 1000), { missingAfterSweeps: 3, sampleRetentionMs: 3600_000 });
    applyGpuRead({ db, register, journal }, FLEET, gpuRead(remote), new Date(T0 - 1000), { missingAfterSweeps: 3, sampleRetentionMs: 3600_000 });
    const robot = db.prepare("INSERT INTO assets (id, kind, label, status, identity, first_seen, last_seen) VALUES (?, 'robot', 'Cleaner', 'present', ?, ?, ?)");
    for (const id of ['robot:acme:A', 'robot:acme:B']) robot.run(id, JSON.stringify({ manufacturer: 'acme', serialNumber: id.slice(-1) }), new Date(T0 - 1000).toISOString(), new Date(T0 - 1000).toISOString());

    // Per tick (0 s … 50 s): the fleet host answers twice, then times out; robot A is there until
    // the broker goes away at 40 s; robot B leaves at 20 s while the broker is still there.
    let tick = 0;
    const fleet = (): FleetHostReading[] => [{ hostId: FLEET, result: asSamples(remote, tick < 2 ? 'ok' : 'timeout') }];
    const robots = (): RobotReadings => ({
      connected: tick < 4,
      robots: [
        { assetId: 'robot:acme:A', present: true, healthy: true, flags: tick === 1 ? ['robot-error'] : [] },
        { assetId: 'robot:acme:B', present: tick < 2, healthy: tick < 2, flags: tick < 2 ? [] : ['missing'] },
      ],
    });
    const node = new AttestationNode(
      { db, journal, logger: silentLogger, sampler: { hostId: async () => LOCAL, sample: async () => asSamples(local), fleet, robots } },
      { sampleIntervalMs: INTERVAL_MS, epochMs: EPOCH_MS, unknownGraceMs: 20_000, rawRetentionMs: 48 * 3600_000, rollupRetentionMs: 400 * 86_400_000, network: networkProfile('local-devnet') },
    );
    for (tick = 0; tick <= 6; tick += 1) await node.tick(() => T0 + tick * INTERVAL_MS);

    const leaves = new Map(readEpochLeaves(db, 1).map(({ leaf }) => [leaf.assetId, { kind: leaf.kind, uptimeBps: leaf.uptimeBps, flags: decodeHealthFlags(leaf.healthFlags).sort() }]));
    expect([...leaves.keys()].sort()).toEqual(['gpu:GPU-0000aaaa-0000-0000-0000-000000000000', 'gpu:GPU-0000bbbb-0000-0000-0000-000000000005', 'robot:acme:A', 'robot:acme:B']);
    expect(leaves.get('gpu:GPU-0000aaaa-0000-0000-0000-000000000000')).toEqual({ kind: 'gpu', uptimeBps: 10_000, flags: [] });
    // Healthy at 0 and 10 s; the timeouts at 20 and 30 s fall within the 20 s grace; 40 and 50 s do not.
    expect(leaves.get('gpu:GPU-0000bbbb-0000-0000-0000-000000000005')).toEqual({ kind: 'gpu', uptimeBps: 6_666, flags: ['health-unknown', 'source-unavailable'] });
    // Present until 30 s, then the broker is away: 40 and 50 s are within the grace after 30 s — never missing.
    expect(leaves.get('robot:acme:A')).toEqual({ kind: 'robot', uptimeBps: 10_000, flags: ['robot-error'] });
    // Gone at 20 and 30 s while the broker answered (missing); at 40 and 50 s the broker is away and 10 s is past the grace.
    expect(leaves.get('robot:acme:B')).toEqual({ kind: 'robot', uptimeBps: 3_333, flags: ['health-unknown', 'missing'] });
    const failed = db.prepare('SELECT failed_sources FROM sampler_ticks ORDER BY at').pluck().all() as string[];
    expect(failed.slice(0, 6).map((text) => JSON.parse(text))).toEqual([{}, {}, { [FLEET]: 'fleet:timeout' }, { [FLEET]: 'fleet:timeout' }, { [FLEET]: 'fleet:timeout', robots: 'unavailable' }, { [FLEET]: 'fleet:timeout', robots: 'unavailable' }]);
  });
});
