import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GpuEvidenceDocument } from '../../electron/contract/gpu-evidence-api';
import { closeDueEpochs } from '../../electron/core/attestation/node/epoch-closer';
import { readEpochLeaves } from '../../electron/core/attestation/node/epoch-leaves-store';
import { GpuEvidenceCollector } from '../../electron/core/attestation/node/gpu-evidence-collector';
import { evidenceDocument, evidenceRecord, latestEvidenceRecords } from '../../electron/core/attestation/node/gpu-evidence-store';
import { allocateTickColumns, NO_POWER, writeTickSamples } from '../../electron/core/attestation/node/tick-samples-store';
import { buildEpochTree } from '../../electron/core/attestation/report/epoch-tree';
import { evidenceNonce } from '../../electron/core/attestation/report/evidence-nonce';
import { ZERO_BYTES32 } from '../../electron/core/attestation/report/hex';
import { gpuEvidenceHash } from '../../electron/core/gpu-evidence';
import type { EvidenceTarget, GpuEvidenceSource } from '../../electron/core/inventory/gpu/evidence/evidence-source';
import { EvidenceCollectError } from '../../electron/core/inventory/gpu/evidence/evidence-source';
import { silentLogger } from '../../electron/core/log/logger';
import { openFinanceBooks, sightGpu, type FinanceBooks } from '../support/finance-books';
import { makeSyntheticGpuChain, makeSyntheticGpuEvidence, type SyntheticGpuChain } from '../support/gpu-evidence-synthetic';
import { useTempDirs } from '../support/temp-dir';

// The node's side of hardware-rooted identity: each GPU is asked once per epoch for evidence on
// the epoch's nonce, the evidence is verified against the configured root, and the epoch's
// leaves carry hwAttested + the evidence hash only for evidence that verified.
const tempDir = useTempDirs();
const NVTRUST = new URL('../../../shared/fixtures/nvtrust/', import.meta.url);
const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 10, 10);

let chain: SyntheticGpuChain;
beforeAll(async () => {
  chain = await makeSyntheticGpuChain();
});

/** A GPU that answers like a real one holding the synthetic chain's key: for the nonce it is given. */
function honestGpu(calls: string[]): GpuEvidenceSource {
  return { kind: 'command', collect: async (target, nonce) => (calls.push(`${target.assetId} ${nonce}`), makeSyntheticGpuEvidence({ nonce, chain })) };
}

/** The real nvtrust sample, as a GPU replaying old evidence would send it: its nonce is not ours. */
function replayingGpu(): GpuEvidenceSource {
  const evidence: GpuEvidenceDocument = {
    format: 'nvidia-spdm-1.1',
    report: readFileSync(new URL('nvtrust__hopperAttestationReport.txt', NVTRUST), 'utf8').trim(),
    certChain: readFileSync(new URL('nvtrust__hopperCertChain.txt', NVTRUST), 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g)!,
  };
  return { kind: 'command', collect: async () => evidence };
}

function books(): { books: FinanceBooks; gpus: EvidenceTarget[] } {
  const opened = openFinanceBooks(tempDir(), '2026-03-10');
  const gpus = [1, 2].map((i) => ({ assetId: sightGpu(opened.register, i, new Date('2026-03-01T00:00:00Z')), uuid: `GPU-${i}`, index: i - 1 }));
  return { books: opened, gpus };
}

function collector(db: FinanceBooks['db'], source: GpuEvidenceSource, targets: EvidenceTarget[], rootPem = chain.rootPem): GpuEvidenceCollector {
  return new GpuEvidenceCollector({ db, source, rootPem, logger: silentLogger, targets: () => targets, now: () => START + 60_000 });
}

/** Six healthy ticks of both GPUs in the epoch starting at `start`, then its close. */
function closeEpoch({ db, journal }: FinanceBooks, gpus: EvidenceTarget[], start: number): number {
  const numbers = new Map(db.prepare('SELECT asset_id, no FROM asset_numbers').raw().all() as [string, number][]);
  for (let t = 0; t < 6; t += 1) {
    const at = start + t * 600_000;
    db.prepare("INSERT INTO sampler_ticks (at, interval_ms, gpu_state, failed_sources) VALUES (?, 600000, 'ok', '{}')").run(at);
    const columns = allocateTickColumns(gpus.length);
    columns.count = gpus.length;
    gpus.forEach((gpu, i) => {
      [columns.assetNo[i], columns.healthy[i], columns.flags[i], columns.utilization[i], columns.power[i]] = [numbers.get(gpu.assetId)!, 1, 0, 5_000, NO_POWER];
    });
    writeTickSamples(db, at, columns);
  }
  const [closed] = closeDueEpochs(db, journal, HOUR, start + HOUR + 1, { unknownGraceMs: 0 });
  return closed!.seq;
}

const signAs = (db: FinanceBooks['db'], seq: number, hash: string): void => {
  db.prepare("UPDATE report_outbox SET status = 'signed', report_hash = ?, attestation = '{}', signer = '0x', signed_at = '2026-03-10T11:00:00Z' WHERE seq = ?").run(hash, seq);
};

describe('collecting GPU evidence for an epoch', () => {
  it('asks each GPU once for the epoch nonce and puts verified evidence into the leaves', async () => {
    const { books: opened, gpus } = books();
    const calls: string[] = [];
    const evidence = collector(opened.db, honestGpu(calls), gpus);
    await evidence.collectDue();
    await evidence.collectDue(); // a second tick in the same epoch asks nobody again
    // Epoch 1 has no previous report: its nonce is keccak256(bytes32(0) ‖ keccak256(asset id)).
    expect(calls).toEqual(gpus.map((gpu) => `${gpu.assetId} ${evidenceNonce(ZERO_BYTES32, gpu.assetId).slice(2)}`));
    expect(evidence.counters).toEqual({ collected: 2, verified: 2, rejected: 0, failed: 0 });

    const seq = closeEpoch(opened, gpus, START);
    const leaves = readEpochLeaves(opened.db, seq);
    for (const { leaf } of leaves) {
      const stored = evidenceDocument(opened.db, seq, leaf.assetId)!;
      expect(leaf.hwAttested).toBe(true);
      expect(leaf.evidenceHash).toBe(gpuEvidenceHash(stored));
    }
    // The leaves with evidence still rebuild the root the epoch stored (and the report signs).
    const root = opened.db.prepare('SELECT merkle_root FROM epochs WHERE seq = ?').pluck().get(seq);
    expect(buildEpochTree(leaves.map(({ leaf }) => leaf)).root).toBe(root);

    // Epoch 2's nonce needs report 1's hash: nothing is asked while it is unsigned.
    await evidence.collectDue();
    expect(calls).toHaveLength(2);
    const reportHash = `0x${'5a'.repeat(32)}`;
    signAs(opened.db, seq, reportHash);
    await evidence.collectDue();
    expect(calls.slice(2)).toEqual(gpus.map((gpu) => `${gpu.assetId} ${evidenceNonce(reportHash, gpu.assetId).slice(2)}`));
    const latest = latestEvidenceRecords(opened.db);
    expect(latest.map((record) => [record.epochSeq, record.verified, record.prevReportHash])).toEqual(gpus.map(() => [seq + 1, true, reportHash]));
    expect(latest[0]!.device?.measurements).toBeUndefined(); // lists leave the 64 values out
    expect(evidenceRecord(opened.db, gpus[0]!.assetId)!.record.device?.measurements).toHaveLength(64);
  });

  it('stores evidence that fails verification with its reason, and the leaf does not claim it', async () => {
    const { books: opened, gpus } = books();
    const evidence = collector(opened.db, replayingGpu(), gpus, readFileSync(new URL('nvtrust__verifier_device_root.pem', NVTRUST), 'utf8'));
    await evidence.collectDue();
    expect(evidence.counters).toEqual({ collected: 2, verified: 0, rejected: 2, failed: 0 });
    const [record] = latestEvidenceRecords(opened.db);
    // The real sample is genuine (its chain and signature verify) but answers another nonce.
    expect(record!.failure?.check).toBe('nonce');
    expect(record!.checks.find((check) => check.name === 'signature')?.status).toBe('passed');
    const seq = closeEpoch(opened, gpus, START);
    for (const { leaf } of readEpochLeaves(opened.db, seq)) expect([leaf.hwAttested, leaf.evidenceHash]).toEqual([false, ZERO_BYTES32]);
  });

  it('records a GPU that could not be asked, and evidence that arrives after its epoch closed is not used', async () => {
    const { books: opened, gpus } = books();
    const failing: GpuEvidenceSource = {
      kind: 'command',
      collect: async () => {
        throw new EvidenceCollectError('the evidence command exited with 3: GPU is not in confidential-computing mode');
      },
    };
    const evidence = collector(opened.db, failing, gpus);
    await evidence.collectDue();
    expect(evidence.counters.failed).toBe(2);
    expect(evidence.lastProblem).toBe('the evidence command exited with 3: GPU is not in confidential-computing mode');
    expect(latestEvidenceRecords(opened.db)[0]).toMatchObject({ verified: false, evidenceHash: null, failure: { check: 'collect' } });

    // A slow GPU: its answer comes after the epoch was closed.
    const { books: late, gpus: lateGpus } = books();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: GpuEvidenceSource = { kind: 'command', collect: async (_target, nonce) => (await gate, makeSyntheticGpuEvidence({ nonce, chain })) };
    const pending = collector(late.db, slow, lateGpus).collectDue();
    const seq = closeEpoch(late, lateGpus, START);
    release();
    await pending;
    expect(late.db.prepare('SELECT count(*) FROM gpu_evidence').pluck().get()).toBe(0);
    for (const { leaf } of readEpochLeaves(late.db, seq)) expect(leaf.hwAttested).toBe(false);
  });
});
