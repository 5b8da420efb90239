import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { networkProfile } from '../../electron/core/attestation/report/network-profiles';
import { signedReportFromJson } from '../../electron/core/attestation/report/signed-report-json';
import { verifySignedReport } from '../../electron/core/attestation/report/verify-report-attestation';
import { runSietch, SIETCH_BIN, waitForExit } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

// The "done when": `sietch node --simulate --sample-interval 1 --epoch 10` with an
// unlocked key signs a report every 10 s, and the official EAS SDK verifies each one.
const tempDir = useTempDirs();
const eas = createRequire(import.meta.url)('@ethereum-attestation-service/eas-sdk');

function privateFile(dir: string, name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

describe('sietch node signs its reports', () => {
  it('creates a key headlessly, then signs a report per epoch that eas-sdk verifies, chained by refUID', async () => {
    const dataDir = tempDir();
    const secrets = tempDir();
    const passphraseFile = privateFile(secrets, 'passphrase', 'correct horse battery staple\n');
    const created = runSietch(['key', 'create', '--json', '--passphrase-file', passphraseFile, '--data-dir', dataDir]);
    expect(created.status, created.stderr).toBe(0);
    const { address } = JSON.parse(created.stdout) as { address: string };
    expect(runSietch(['key', 'address', '--data-dir', dataDir]).stdout).toContain(address);

    // A passphrase file others can read is refused, and so is a wrong passphrase: the node does not start.
    const loose = join(secrets, 'loose');
    writeFileSync(loose, 'correct horse battery staple\n', { mode: 0o644 });
    chmodSync(loose, 0o644);
    expect(runSietch(['node', '--simulate', '--passphrase-file', loose, '--data-dir', dataDir]).status).toBe(2);
    const wrong = runSietch(['node', '--simulate', '--passphrase-file', privateFile(secrets, 'wrong', 'not the passphrase'), '--data-dir', dataDir]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/cannot unlock the operator key/);

    const node = spawn(process.execPath, [SIETCH_BIN, 'node', '--simulate', '--sample-interval', '1', '--epoch', '10', '--passphrase-file', passphraseFile, '--data-dir', dataDir, '--log-level', 'warn'], { stdio: 'ignore' });
    const signed = async () => {
      const db = new Database(join(dataDir, 'sietch.db'), { readonly: true });
      try {
        return db.prepare("SELECT seq, attestation FROM report_outbox WHERE status = 'signed' ORDER BY seq").all() as { seq: number; attestation: string }[];
      } finally {
        db.close();
      }
    };
    try {
      await expect.poll(async () => (await signed()).length, { timeout: 40_000, interval: 1000 }).toBeGreaterThanOrEqual(2);
    } finally {
      node.kill('SIGTERM');
      expect((await waitForExit(node)).code).toBe(0);
    }
    const rows = await signed();
    const profile = networkProfile('local-devnet');
    const offchain = new eas.Offchain({ address: profile.easAddress, version: profile.easVersion, chainId: BigInt(profile.chainId) }, eas.OffchainAttestationVersion.Version2, {} as never);
    let previousUid = `0x${'00'.repeat(32)}`;
    rows.forEach((row, index) => {
      const pkg = signedReportFromJson(row.attestation);
      expect(row.seq).toBe(index + 1);
      expect(offchain.verifyOffchainAttestationSignature(address, pkg.sig)).toBe(true);
      expect(verifySignedReport(pkg, { signer: address, network: profile }).ok).toBe(true);
      expect(pkg.sig.message.refUID).toBe(previousUid);
      expect(Number(pkg.sig.message.time) % 10).toBe(0); // time = the epoch end, UTC-aligned
      previousUid = pkg.sig.uid;
    });
  }, 90_000);
});
