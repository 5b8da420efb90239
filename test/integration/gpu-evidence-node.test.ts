import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readEpochLeaves } from '../../electron/core/attestation/node/epoch-leaves-store';
import { evidenceDocument } from '../../electron/core/attestation/node/gpu-evidence-store';
import { evidenceNonce } from '../../electron/core/attestation/report/evidence-nonce';
import { gpuEvidenceHash, verifyGpuEvidence } from '../../electron/core/gpu-evidence';
import { setUpEvidenceCommand } from '../support/gpu-evidence-command';
import { runSietch, SIETCH_BIN, waitForExit } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

// Issue #12 on the product path: `sietch node --simulate` with node.gpuEvidence configured asks
// each GPU, once per epoch, for evidence on keccak256(previous report hash ‖ asset id) through the
// operator's command, verifies it against the configured root, and signs reports whose GPU leaves
// carry hwAttested and the evidence hash. The command is a stand-in holding a synthetic chain.
const tempDir = useTempDirs();

describe('sietch node with hardware-rooted GPU evidence', () => {
  it('signs reports whose GPU leaves carry the hash of fresh, verified evidence', async () => {
    const dataDir = tempDir();
    const secrets = tempDir();
    const setup = await setUpEvidenceCommand(secrets);
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ node: { gpuEvidence: setup.config } }));
    const passphraseFile = join(secrets, 'passphrase');
    writeFileSync(passphraseFile, 'correct horse battery staple\n', { mode: 0o600 });
    chmodSync(passphraseFile, 0o600);
    expect(runSietch(['key', 'create', '--passphrase-file', passphraseFile, '--data-dir', dataDir]).status).toBe(0);

    const node = spawn(process.execPath, [SIETCH_BIN, 'node', '--simulate', '--sample-interval', '1', '--epoch', '10', '--passphrase-file', passphraseFile, '--data-dir', dataDir, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    node.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const query = <T>(sql: string): T => {
      const db = new Database(join(dataDir, 'sietch.db'), { readonly: true });
      try {
        return db.prepare(sql).get() as T;
      } finally {
        db.close();
      }
    };
    // An epoch after the first, signed, whose GPUs all gave verified evidence.
    const attestedEpoch = (): number | null =>
      query<{ seq: number | null }>("SELECT min(e.epoch_seq) AS seq FROM gpu_evidence e JOIN report_outbox r ON r.seq = e.epoch_seq AND r.status = 'signed' WHERE e.epoch_seq >= 2 AND e.verified = 1").seq;
    try {
      await expect.poll(attestedEpoch, { timeout: 60_000, interval: 1000 }).not.toBeNull();
    } catch (error) {
      throw new Error(`no attested epoch; the node said: ${stderr}`, { cause: error });
    } finally {
      node.kill('SIGTERM');
      expect((await waitForExit(node)).code).toBe(0);
    }

    const seq = attestedEpoch()!;
    const db = new Database(join(dataDir, 'sietch.db'), { readonly: true });
    try {
      const previousHash = db.prepare('SELECT report_hash FROM report_outbox WHERE seq = ?').pluck().get(seq - 1) as string;
      const leaves = readEpochLeaves(db as never, seq).map(({ leaf }) => leaf);
      const gpuLeaves = leaves.filter((leaf) => leaf.kind === 'gpu');
      expect(gpuLeaves).toHaveLength(8);
      for (const leaf of gpuLeaves) {
        const evidence = evidenceDocument(db as never, seq, leaf.assetId)!;
        const nonce = evidenceNonce(previousHash, leaf.assetId);
        // What an auditor recomputes from the report chain and the evidence alone.
        expect(leaf.hwAttested).toBe(true);
        expect(leaf.evidenceHash).toBe(gpuEvidenceHash(evidence));
        const verdict = await verifyGpuEvidence(evidence, { root: setup.chain.rootPem, nonce: nonce.slice(2) });
        expect(verdict.failure).toBeUndefined();
        expect(verdict.ok).toBe(true);
      }
      // Robots have no such evidence: their leaves never claim it.
      expect(leaves.filter((leaf) => leaf.kind !== 'gpu').every((leaf) => leaf.hwAttested === false)).toBe(true);
    } finally {
      db.close();
    }
    // Each GPU was asked once per nonce (once per epoch), never twice.
    const nonces = readFileSync(setup.log, 'utf8').trim().split('\n').map((line) => line.split(' ')[2]);
    expect(new Set(nonces).size).toBe(nonces.length);
  }, 120_000);
});
