import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAuditBundle } from '../../electron/core/audit/bundle-export';
import { verifyBundle } from '../../electron/core/audit/bundle-verify';
import { readTarIndex } from '../../electron/core/audit/tar';
import { closeAuditWorkers, idleAuditWorkers, readBundleShared, verifyBundleFile, type VerifyFileOptions } from '../../electron/core/audit/verify-parallel';
import { buildSignedReports, type SignedReportsFixture } from '../support/audit-fixture';
import { useTempDirs } from '../support/temp-dir';

// Verification shared between this thread and pooled workers (the built worker script, as the
// CLI runs it) must give exactly the answers of one thread: the same summary, and on a bundle
// broken in two places the same first failure. Tiny chunks (3 reports) so that 24 reports make
// 8 chunks for 3 threads to claim; the real default is 256-report chunks above 512 reports.
const tempDir = useTempDirs();
const REPORTS = 24;
const workerScript = fileURLToPath(new URL('../../dist/cli/audit-verify-worker.js', import.meta.url));

let fixture: SignedReportsFixture;
let bundle: Buffer;

beforeAll(async () => {
  fixture = await buildSignedReports(tempDir(), { reports: REPORTS, journalEvery: 4, seed: 5 });
  bundle = (await exportAuditBundle(fixture.db, { from: new Date(fixture.t0), to: new Date(fixture.t0 + REPORTS * fixture.epochMs) })).bytes;
}, 120_000);

afterAll(async () => {
  fixture.db.close();
  await closeAuditWorkers();
});

const shared = (threads: number): VerifyFileOptions => ({ signer: fixture.wallet.address, threads, workerScript, sharing: { minReports: 0, chunkReports: 3 } });

/** A copy of the bundle with the first hex digit of report `seq`'s signature r changed (derived here, in memory). */
function withBadSignature(archive: Buffer, seq: number): Buffer {
  const entry = readTarIndex(archive).find((candidate) => candidate.name === `reports/${String(seq).padStart(8, '0')}.json`)!;
  const at = archive.indexOf('"r":"0x', entry.offset, 'latin1') + '"r":"0x'.length;
  expect(at).toBeLessThan(entry.offset + entry.size);
  const copy = Buffer.from(archive);
  copy[at] = copy[at] === 0x61 ? 0x62 : 0x61;
  return copy;
}

describe('audit verify on several threads', () => {
  it('needs the built worker script (npm run build:cli)', () => {
    expect(existsSync(workerScript), workerScript).toBe(true);
  });

  it('gives the summary of one thread, and reuses its workers', async () => {
    const alone = await verifyBundle(bundle, { signer: fixture.wallet.address });
    expect(alone.ok).toBe(true);
    const progress: number[] = [];
    const threaded = await verifyBundleFile(bundle, { ...shared(3), onProgress: (done) => progress.push(done) });
    expect(threaded).toEqual(alone);
    expect(progress.at(-1)).toBe(REPORTS);
    expect(idleAuditWorkers()).toBe(2);
    // The second run takes the same two workers back from the pool.
    expect(await verifyBundleFile(bundle, shared(3))).toEqual(alone);
    expect(idleAuditWorkers()).toBe(2);
  });

  it('reads a bundle file into shared memory and verifies it the same', async () => {
    const file = join(tempDir(), 'bundle.tar');
    writeFileSync(file, bundle);
    const bytes = readBundleShared(file);
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(bytes).equals(bundle)).toBe(true);
    expect(await verifyBundleFile(bytes, shared(2))).toEqual(await verifyBundle(bundle, { signer: fixture.wallet.address }));
  });

  it('names the first failing report, as one thread does, when two chunks fail', async () => {
    // Report 20 sits in the last chunk and report 8 in the third: whichever thread gets there first, 8 is the answer.
    const broken = withBadSignature(withBadSignature(bundle, 20), 8);
    const alone = await verifyBundle(broken, { signer: fixture.wallet.address });
    expect(alone).toMatchObject({ ok: false, failure: { report: 8, field: 'attestation.sig.signature' } });
    const threaded = await verifyBundleFile(broken, shared(3));
    expect(threaded.ok).toBe(false);
    expect(!threaded.ok && threaded.failure).toEqual(!alone.ok && alone.failure);
  });
});
