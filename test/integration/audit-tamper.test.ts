import { createRequire } from 'node:module';
import fc from 'fast-check';
import { Wallet } from 'ethers';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkProfile } from '../../electron/core/attestation/report/network-profiles';
import { exportAssetProof, verifyAssetProof } from '../../electron/core/audit/asset-proof';
import { exportAuditBundle } from '../../electron/core/audit/bundle-export';
import { verifyBundle, type BundleVerification } from '../../electron/core/audit/bundle-verify';
import { readTarIndex, writeTar } from '../../electron/core/audit/tar';
import { buildSignedReports, type SignedReportsFixture } from '../support/audit-fixture';
import { useTempDirs } from '../support/temp-dir';

// Tamper tests on a bundle exported from a real node database (the real sampler, closer and
// signer): one changed byte in each part of it must fail verification and name the report, the
// leaf, the journal row and the field. Proofs are checked with OpenZeppelin's merkle-tree library
// and the attestations with the official eas-sdk (its CommonJS build; the ESM one fails on Node 20).
const tempDir = useTempDirs();
const eas = createRequire(import.meta.url)('@ethereum-attestation-service/eas-sdk');
const REPORTS = 12;

let fixture: SignedReportsFixture;
let bundle: Buffer;
let foreign: Buffer;
let foreignWallet: Wallet;

beforeAll(async () => {
  fixture = await buildSignedReports(tempDir(), { reports: REPORTS, journalEvery: 3, seed: 11 });
  bundle = (await exportAuditBundle(fixture.db, { from: new Date(fixture.t0), to: new Date(fixture.t0 + REPORTS * fixture.epochMs) })).bytes;
  // The same node history signed by another key: a consistent bundle by someone else.
  foreignWallet = new Wallet(`0x${'42'.repeat(32)}`);
  const other = await buildSignedReports(tempDir(), { reports: REPORTS, journalEvery: 3, seed: 11, wallet: foreignWallet });
  foreign = (await exportAuditBundle(other.db, { from: new Date(other.t0), to: new Date(other.t0 + REPORTS * other.epochMs) })).bytes;
  other.db.close();
}, 120_000);

function fileRange(archive: Buffer, name: string) {
  const entry = readTarIndex(archive).find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no ${name} in the bundle`);
  return entry;
}

/**
 * One byte changed: the last (or first) character of the value that follows `markers` (found in
 * order inside `file`), bumped to another digit or hex digit — the smallest plausible forgery.
 */
function tamper(archive: Buffer, file: string, markers: string[], which: 'last' | 'first' = 'last'): Buffer {
  const { offset, size } = fileRange(archive, file);
  const text = archive.toString('latin1', offset, offset + size);
  let at = 0;
  for (const marker of markers) {
    const found = text.indexOf(marker, at);
    if (found < 0) throw new Error(`marker ${marker} not found in ${file}`);
    at = found + marker.length;
  }
  let end = at;
  while (/[0-9a-fx]/.test(text[end]!)) end += 1;
  const position = which === 'last' ? end - 1 : text.startsWith('0x', at) ? at + 2 : at;
  const char = text[position]!;
  const next = /[0-9]/.test(char) ? String((Number(char) + 1) % 10) : char === 'f' ? 'e' : String.fromCharCode(char.charCodeAt(0) + 1);
  const copy = Buffer.from(archive);
  copy.write(next, offset + position, 'latin1');
  return copy;
}

async function failureOf(archive: Buffer, signer = fixture.wallet.address) {
  const result: BundleVerification = await verifyBundle(archive, { signer });
  if (result.ok) throw new Error('the tampered bundle verified');
  return result.failure;
}

const leafIdAt = (seq: number, index: number) => (JSON.parse(bundle.toString('utf8', fileRange(bundle, reportFile(seq)).offset, fileRange(bundle, reportFile(seq)).offset + fileRange(bundle, reportFile(seq)).size)) as { leaves: { assetId: string }[] }).leaves[index]!.assetId;
const reportFile = (seq: number) => `reports/${String(seq).padStart(8, '0')}.json`;

describe('audit bundle tampering', () => {
  it('the untouched bundle verifies, and eas-sdk accepts every attestation in it', async () => {
    const result = await verifyBundle(bundle, { signer: fixture.wallet.address });
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.summary.reports).toMatchObject({ count: REPORTS, firstSeq: 1, lastSeq: REPORTS });
    expect(result.summary.journal.rows).toBeGreaterThan(3);
    const profile = networkProfile('local-devnet');
    const offchain = new eas.Offchain({ address: profile.easAddress, version: profile.easVersion, chainId: BigInt(profile.chainId) }, eas.OffchainAttestationVersion.Version2);
    for (let seq = 1; seq <= REPORTS; seq += 1) {
      const { offset, size } = fileRange(bundle, reportFile(seq));
      const file = JSON.parse(bundle.toString('utf8', offset, offset + size));
      expect(offchain.verifyOffchainAttestationSignature(fixture.wallet.address, file.attestation.sig)).toBe(true);
    }
  });

  it('a period in the middle verifies on its own: the journal excerpt starts at the head of the report before it', async () => {
    const middle = await exportAuditBundle(fixture.db, { from: new Date(fixture.t0 + 4 * fixture.epochMs), to: new Date(fixture.t0 + 10 * fixture.epochMs) });
    expect(middle).toMatchObject({ reports: 6, firstSeq: 5, lastSeq: 10 });
    const result = await verifyBundle(middle.bytes, { signer: fixture.wallet.address });
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    const before = fixture.db.prepare('SELECT journal_head FROM epochs WHERE seq = 4').pluck().get() as string;
    expect(result.summary.journal.anchor.hash).toBe(before);
    expect(result.summary.journal.anchor.seq).toBeGreaterThan(0);
    expect(result.summary.journal.rows).toBeGreaterThan(0);
    // Its first report names the report before it, which is not in the bundle: that is the link to the previous period.
    const { offset, size } = fileRange(middle.bytes, reportFile(5));
    expect(JSON.parse(middle.bytes.toString('utf8', offset, offset + size)).report.prevReportHash).not.toBe(`0x${'00'.repeat(32)}`);
  });

  it("carries a report's on-chain part once its publication is confirmed", async () => {
    const insert = fixture.db.prepare(
      "INSERT INTO chain_publications (network, seq, chain_id, eas_address, mode, state, tx_hash, block_number, block_hash, uid, queued_at, updated_at, confirmed_at) VALUES ('devnet', ?, 31337, ?, 'attest', ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const now = new Date().toISOString();
    const tx = `0x${'a1'.repeat(32)}`;
    insert.run(2, networkProfile('local-devnet').easAddress, 'confirmed', tx, 17, `0x${'b2'.repeat(32)}`, `0x${'c3'.repeat(32)}`, now, now, now);
    insert.run(3, networkProfile('local-devnet').easAddress, 'sent', tx.replace('a1', 'a2'), null, null, null, now, now, null);
    try {
      const published = await exportAuditBundle(fixture.db, { from: new Date(fixture.t0), to: new Date(fixture.t0 + 4 * fixture.epochMs) });
      const chainOf = (seq: number) => {
        const { offset, size } = fileRange(published.bytes, reportFile(seq));
        return JSON.parse(published.bytes.toString('utf8', offset, offset + size)).chain;
      };
      expect(chainOf(2)).toEqual({ chainId: 31337, uid: `0x${'c3'.repeat(32)}`, txHash: tx, blockNumber: 17 });
      expect(chainOf(3)).toBeNull(); // sent, not confirmed
      const result = await verifyBundle(published.bytes, { signer: fixture.wallet.address });
      expect(result.ok && result.summary.reports.published).toBe(1);
    } finally {
      fixture.db.exec('DELETE FROM chain_publications');
    }
  });

  it('a changed signature byte: names the report and the signature', async () => {
    expect(await failureOf(tamper(bundle, reportFile(5), ['"r":"0x'], 'first'))).toMatchObject({ report: 5, leaf: null, field: 'attestation.sig.signature', file: reportFile(5) });
  });

  it('a changed leaf value: names the report, the asset and the field, with the signed value', async () => {
    const failure = await failureOf(tamper(bundle, reportFile(7), ['"leaves":[', '"meanUtilBps":', '"meanUtilBps":', '"meanUtilBps":']));
    expect(failure).toMatchObject({ report: 7, leaf: leafIdAt(7, 2), field: 'leaves[2].meanUtilBps' });
    expect(failure.message).toMatch(/signed Merkle root holds/);
    const energy = await failureOf(tamper(bundle, reportFile(3), ['"leaves":[', '"energyWh":"']));
    expect(energy).toMatchObject({ report: 3, leaf: leafIdAt(3, 0), field: 'leaves[0].energyWh' });
  });

  it("a changed leaf hash: names the leaf's leafHash", async () => {
    expect(await failureOf(tamper(bundle, reportFile(2), ['"leaves":[', '"leafHash":"0x', '"leafHash":"0x']))).toMatchObject({ report: 2, leaf: leafIdAt(2, 1), field: 'leaves[1].leafHash' });
  });

  it('a changed report field: names the field against the signed attestation', async () => {
    expect(await failureOf(tamper(bundle, reportFile(4), ['"report":{', '"outstanding":"']))).toMatchObject({ report: 4, field: 'report.outstanding' });
    expect(await failureOf(tamper(bundle, reportFile(9), ['"report":{', '"journalHead":"0x']))).toMatchObject({ report: 9, field: 'report.journalHead' });
    expect(await failureOf(tamper(bundle, reportFile(8), ['"report":{', '"merkleRoot":"0x']))).toMatchObject({ report: 8, field: 'report.merkleRoot' });
  });

  it('a changed byte in the signed data: names the report, the data word and what it says', async () => {
    const failure = await failureOf(tamper(bundle, reportFile(6), ['"data":"0x'], 'last'));
    expect(failure).toMatchObject({ report: 6, field: 'attestation.sig.message.data' });
    expect(failure.message).toMatch(/word 10, prevReportHash/);
  });

  it('a changed journal row: names the row and the field', async () => {
    const { offset, size } = fileRange(bundle, 'journal.json');
    const journal = JSON.parse(bundle.toString('utf8', offset, offset + size)) as { rows: { seq: number; kind: string }[] };
    const payments = journal.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.kind === 'facility.payment-recorded');
    const target = payments[1]!;
    const failure = await failureOf(tamper(bundle, 'journal.json', ['"amount":"', '"amount":"']));
    expect(failure).toMatchObject({ journalRow: target.row.seq, field: `rows[${target.index}].payload.amount`, file: 'journal.json' });
    const hash = await failureOf(tamper(bundle, 'journal.json', ['"rows":[', '"hash":"0x']));
    expect(hash).toMatchObject({ journalRow: journal.rows[0]!.seq, field: 'rows[0].hash' });
  });

  it('the sequence: a changed number, and a report taken out, are both named', async () => {
    expect(await failureOf(tamper(bundle, reportFile(6), ['"report":{', '"sequence":"']))).toMatchObject({ report: 6, field: 'report.sequence' });
    // Take report 6 out and fix up the manifest: the gap itself is the finding.
    const entries = readTarIndex(bundle);
    const kept = entries.filter((entry) => entry.name !== reportFile(6)).map((entry) => ({ name: entry.name, data: bundle.subarray(entry.offset, entry.offset + entry.size) }));
    const manifest = JSON.parse(kept[0]!.data.toString('utf8'));
    manifest.reports.count -= 1;
    kept[0] = { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) };
    expect(await failureOf(writeTar(kept, 0))).toMatchObject({ report: 7, field: 'report.sequence', message: expect.stringMatching(/sequence gap: report 7 follows report 5/) });
  });

  it('the archive itself: a changed header byte is named as such', async () => {
    const copy = Buffer.from(bundle);
    const at = fileRange(bundle, reportFile(3)).headerOffset + 130; // inside the mtime field
    copy[at] = copy[at]! ^ 0x01;
    const failure = await failureOf(copy);
    expect(failure.message).toMatch(/tar header at byte \d+ is damaged/);
  });

  it('a bundle signed by another key fails against the real signer, and verifies only against its own', async () => {
    const failure = await failureOf(foreign);
    expect(failure).toMatchObject({ report: 1, field: 'attestation.sig.signature' });
    expect(failure.message).toContain(`signed by ${foreignWallet.address}`);
    expect((await verifyBundle(foreign, { signer: foreignWallet.address })).ok).toBe(true);
  });

  it('any one changed byte in a report or the journal fails verification, never throws (fast-check)', async () => {
    const regions = readTarIndex(bundle).filter((entry) => entry.name !== 'manifest.json');
    await fc.assert(
      fc.asyncProperty(fc.nat(regions.length - 1), fc.nat(), fc.integer({ min: 1, max: 255 }), async (which, at, delta) => {
        const region = regions[which]!;
        const copy = Buffer.from(bundle);
        const offset = region.offset + (at % region.size);
        copy[offset] = (copy[offset]! + delta) & 0xff;
        const result = await verifyBundle(copy, { signer: fixture.wallet.address });
        expect(result.ok, `byte ${offset} of ${region.name} changed and the bundle still verified`).toBe(false);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('single-asset proofs', () => {
  it('verify offline, with OpenZeppelin StandardMerkleTree.verify and with eas-sdk', async () => {
    const assetId = leafIdAt(3, 4);
    const proof = exportAssetProof(fixture.db, { assetId, seq: 3 });
    const result = await verifyAssetProof(proof.bytes, { signer: fixture.wallet.address });
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.summary).toMatchObject({ assetId, seq: 3 });
    const file = JSON.parse(proof.bytes.toString('utf8'));
    expect(StandardMerkleTree.verify(file.report.merkleRoot, file.leafEncoding, file.values, file.proof)).toBe(true);
    expect(StandardMerkleTree.verify(file.report.merkleRoot, file.leafEncoding, file.values.map((value: unknown, i: number) => (i === 4 ? 1 : value)), file.proof)).toBe(false);
    const profile = networkProfile('local-devnet');
    const offchain = new eas.Offchain({ address: profile.easAddress, version: profile.easVersion, chainId: BigInt(profile.chainId) }, eas.OffchainAttestationVersion.Version2);
    expect(offchain.verifyOffchainAttestationSignature(fixture.wallet.address, file.attestation.sig)).toBe(true);
  });

  it('fail on a changed leaf value, a changed proof step, and a foreign signer', async () => {
    const assetId = leafIdAt(5, 1);
    const proof = exportAssetProof(fixture.db, { assetId, seq: 5 });
    const text = proof.bytes.toString('utf8');
    const bump = (marker: string) => {
      const at = text.indexOf(marker) + marker.length;
      let end = at;
      while (/[0-9a-f]/.test(text[end]!)) end += 1;
      const char = text[end - 1]!;
      return Buffer.from(text.slice(0, end - 1) + (char === '9' ? '8' : char === 'f' ? 'e' : String.fromCharCode(char.charCodeAt(0) + 1)) + text.slice(end));
    };
    const leafChanged = await verifyAssetProof(bump('"meanUtilBps":'), { signer: fixture.wallet.address });
    expect(leafChanged).toMatchObject({ ok: false, failure: { report: 5, leaf: assetId, field: 'leaf.meanUtilBps' } });
    const stepChanged = await verifyAssetProof(bump('"proof":["0x'), { signer: fixture.wallet.address });
    expect(stepChanged).toMatchObject({ ok: false, failure: { report: 5, leaf: assetId, field: 'proof' } });
    const stranger = await verifyAssetProof(proof.bytes, { signer: foreignWallet.address });
    expect(stranger).toMatchObject({ ok: false, failure: { report: 5, field: 'attestation.sig.signature' } });
  });
});
