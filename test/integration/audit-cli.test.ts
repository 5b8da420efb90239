import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import Database from 'better-sqlite3';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { readTarIndex } from '../../electron/core/audit/tar';
import { runSietch, SIETCH_BIN, waitForExit } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

// The "done when": a bundle exported from `sietch node --simulate` verifies with
// `sietch audit verify --signer`, fails precisely on a tampered copy and on a foreign signer, and
// a single-asset proof verifies with OpenZeppelin's library — all through the built command.
const tempDir = useTempDirs();

function privateFile(dir: string, name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

describe('sietch audit, end to end', () => {
  it('exports from a running simulated node, verifies, fails on tampering and a foreign signer, proves one asset', async () => {
    const dataDir = tempDir();
    const work = tempDir();
    const passphraseFile = privateFile(work, 'passphrase', 'correct horse battery staple\n');
    const created = runSietch(['key', 'create', '--json', '--passphrase-file', passphraseFile, '--data-dir', dataDir]);
    expect(created.status, created.stderr).toBe(0);
    const { address } = JSON.parse(created.stdout) as { address: string };
    const from = new Date(Date.now() - 3600_000).toISOString();
    const node = spawn(process.execPath, [SIETCH_BIN, 'node', '--simulate', '--sample-interval', '1', '--epoch', '10', '--passphrase-file', passphraseFile, '--data-dir', dataDir, '--log-level', 'warn'], { stdio: 'ignore' });
    const signedCount = () => {
      const db = new Database(join(dataDir, 'sietch.db'), { readonly: true });
      try {
        return db.prepare("SELECT count(*) FROM report_outbox WHERE status = 'signed'").pluck().get() as number;
      } finally {
        db.close();
      }
    };
    try {
      await expect.poll(signedCount, { timeout: 90_000, interval: 1000 }).toBeGreaterThanOrEqual(2);
      // Exported while the node keeps running: the command takes no lock and reads a consistent history.
      const bundleFile = join(work, 'bundle.tar');
      const to = new Date(Date.now() + 3600_000).toISOString();
      const exported = runSietch(['audit', 'export', '--from', from, '--to', to, '--out', bundleFile, '--json', '--progress', '--data-dir', dataDir]);
      expect(exported.status, exported.stderr).toBe(0);
      const summary = JSON.parse(exported.stdout) as { reports: number; firstSeq: number; operator: string };
      expect(summary.reports).toBeGreaterThanOrEqual(2);
      expect(summary.firstSeq).toBe(1);
      expect(summary.operator).toBe(address);
      expect(exported.stderr).toMatch(/export \[/); // the forced progress bar, on stderr only

      const verified = runSietch(['audit', 'verify', bundleFile, '--signer', address, '--json']);
      expect(verified.status, verified.stderr).toBe(0);
      const result = JSON.parse(verified.stdout);
      expect(result).toMatchObject({ kind: 'bundle', ok: true, summary: { signer: address, reports: { count: summary.reports, firstSeq: 1 } } });
      expect(result.summary.assets.byKind.gpu).toBe(8);
      expect(runSietch(['audit', 'verify', bundleFile, '--signer', address]).stdout).toMatch(/^OK {2}bundle verified/);

      // One leaf value of report 2 changed by one digit: exit 1, and the report, leaf and field are named.
      const bytes = readFileSync(bundleFile);
      const entry = readTarIndex(bytes).find((candidate) => candidate.name === 'reports/00000002.json')!;
      const text = bytes.toString('latin1', entry.offset, entry.offset + entry.size);
      const file = JSON.parse(text) as { leaves: { assetId: string; energyWh: string }[] };
      const marker = '"energyWh":"';
      const at = text.indexOf(marker) + marker.length;
      const tampered = Buffer.from(bytes);
      tampered.write(text[at] === '9' ? '8' : String(Number(text[at]) + 1), entry.offset + at, 'latin1');
      const tamperedFile = join(work, 'tampered.tar');
      writeFileSync(tamperedFile, tampered);
      const failed = runSietch(['audit', 'verify', tamperedFile, '--signer', address]);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain(`report 2, leaf ${file.leaves[0]!.assetId}, field leaves[0].energyWh`);
      const failedJson = JSON.parse(runSietch(['audit', 'verify', tamperedFile, '--signer', address, '--json']).stdout);
      expect(failedJson).toMatchObject({ ok: false, failure: { report: 2, leaf: file.leaves[0]!.assetId, field: 'leaves[0].energyWh', file: 'reports/00000002.json' } });

      const stranger = Wallet.createRandom().address;
      const foreign = runSietch(['audit', 'verify', bundleFile, '--signer', stranger, '--json']);
      expect(foreign.status).toBe(1);
      expect(JSON.parse(foreign.stdout)).toMatchObject({ ok: false, failure: { report: 1, field: 'attestation.sig.signature', message: `signed by ${address}, expected ${stranger}` } });
      expect(runSietch(['audit', 'verify', bundleFile, '--signer', 'not-an-address']).status).toBe(2);

      // One asset's proof for a lender.
      const proofFile = join(work, 'proof.json');
      const gpu = file.leaves.find((leaf) => leaf.assetId.startsWith('gpu:'))!.assetId;
      const proved = runSietch(['audit', 'prove', '--asset', gpu, '--epoch', '2', '--out', proofFile, '--data-dir', dataDir]);
      expect(proved.status, proved.stderr).toBe(0);
      const proofCheck = runSietch(['audit', 'verify-proof', proofFile, '--signer', address, '--json']);
      expect(proofCheck.status, proofCheck.stderr).toBe(0);
      expect(JSON.parse(proofCheck.stdout)).toMatchObject({ kind: 'proof', ok: true, summary: { assetId: gpu, seq: 2 } });
      const proof = JSON.parse(readFileSync(proofFile, 'utf8'));
      expect(StandardMerkleTree.verify(proof.report.merkleRoot, proof.leafEncoding, proof.values, proof.proof)).toBe(true);
      expect(runSietch(['audit', 'verify-proof', proofFile, '--signer', stranger]).status).toBe(1);
      expect(runSietch(['audit', 'prove', '--asset', 'gpu:nope', '--epoch', '2', '--out', proofFile, '--data-dir', dataDir]).status).toBe(2);
    } finally {
      node.kill('SIGTERM');
      expect((await waitForExit(node)).code).toBe(0);
    }
  }, 240_000);
});
