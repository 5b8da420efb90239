import { join } from 'node:path';
import { Wallet, type HDNodeWallet } from 'ethers';
import { AssetRegister } from '../../electron/core/assets/asset-register';
import { AttestationNode } from '../../electron/core/attestation/node/attestation-node';
import { GpuEvidenceCollector } from '../../electron/core/attestation/node/gpu-evidence-collector';
import type { EvidenceTarget, GpuEvidenceSource } from '../../electron/core/inventory/gpu/evidence/evidence-source';
import { networkProfile } from '../../electron/core/attestation/report/network-profiles';
import { typedDataReportSigner } from '../../electron/core/attestation/report/offchain-attestation';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { applyGpuRead } from '../../electron/core/inventory/gpu-register/apply-gpu-read';
import type { GpuSampleResult } from '../../electron/core/inventory/gpu/types';
import { Journal } from '../../electron/core/journal/journal';
import { silentLogger } from '../../electron/core/log/logger';
import { gpuRead, gpuReading } from './gpu-reads';
import { seededRandom } from './seeded-random';

export const FIXTURE_HOST = 'host:4c4c4544-0051-3910-8036-b4c04f4e3433';
export const FIXTURE_T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

export interface SignedReportsFixture {
  db: Db;
  journal: Journal;
  wallet: Wallet | HDNodeWallet;
  epochMs: number;
  t0: number;
  reports: number;
}

/**
 * A real node database with `reports` closed and signed epochs of an 8-GPU server: the real
 * register, sampler, closer and signer (an ethers Wallet), one sample per epoch (sampling
 * interval = epoch), utilization and power drawn from a seeded PRNG, and a journal row now and
 * then (a facility payment every `journalEvery` epochs) so report heads move along the journal.
 */
export async function buildSignedReports(
  dir: string,
  options: { reports: number; gpus?: number; epochMs?: number; journalEvery?: number; wallet?: Wallet | HDNodeWallet; seed?: number; evidence?: { source: GpuEvidenceSource; rootPem: string } },
): Promise<SignedReportsFixture> {
  const epochMs = options.epochMs ?? 3600_000;
  const db = openDatabase(join(dir, 'sietch.db'));
  const journal = new Journal(db);
  const register = new AssetRegister(db, journal);
  const random = seededRandom(options.seed ?? 7);
  const gpus = Array.from({ length: options.gpus ?? 8 }, (_, index) => gpuReading({ index }));
  applyGpuRead({ db, register, journal }, FIXTURE_HOST, gpuRead(gpus), new Date(FIXTURE_T0 - 1000), { missingAfterSweeps: 3, sampleRetentionMs: 3600_000 });
  const sample = (): GpuSampleResult => ({
    state: 'ok',
    message: null,
    source: 'nvidia-smi',
    method: 'csv',
    binary: '/usr/bin/nvidia-smi',
    warnings: [],
    durationMs: 1,
    samples: gpus.map((gpu) => ({ index: gpu.index, uuid: gpu.uuid, pciBusId: gpu.pciBusId, utilizationGpuPct: Math.round(random() * 100), utilizationMemoryPct: null, powerDrawW: 300 + Math.round(random() * 400), temperatureC: 50, memoryUsedMiB: null, smClockMHz: null, memoryClockMHz: null })),
  });
  const wallet = options.wallet ?? Wallet.createRandom();
  let now = FIXTURE_T0;
  // With an evidence source, the GPUs are asked each epoch as a running node asks them (docs/gpu-evidence.md).
  const evidence: GpuEvidenceCollector | null = options.evidence ? new GpuEvidenceCollector({ db, source: options.evidence.source, rootPem: options.evidence.rootPem, logger: silentLogger, targets: (): readonly EvidenceTarget[] => node.localGpus(), now: () => now }) : null;
  const node = new AttestationNode(
    { db, journal, logger: silentLogger, evidence, sampler: { hostId: async () => FIXTURE_HOST, sample: async () => sample() } },
    { sampleIntervalMs: epochMs, epochMs, unknownGraceMs: epochMs, rawRetentionMs: 48 * 3600_000, rollupRetentionMs: 400 * 86_400_000, network: networkProfile('local-devnet') },
  );
  node.setSigner(typedDataReportSigner(wallet));
  const journalEvery = options.journalEvery ?? 24;
  for (let k = 0; k <= options.reports; k += 1) {
    if (k > 0 && k % journalEvery === 0) journal.append({ kind: 'facility.payment-recorded', entity: 'facility:fixture', payload: { amount: String(1_000_000 * k), epoch: k }, at: new Date(FIXTURE_T0 + k * epochMs - 1) });
    now = FIXTURE_T0 + k * epochMs;
    await node.tick(() => now);
    await evidence?.settle(); // before the next close: a real epoch leaves the GPUs ample time
  }
  await node.stop();
  return { db, journal, wallet, epochMs, t0: FIXTURE_T0, reports: options.reports };
}
