import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAssetProof, verifyAssetProof } from '../../electron/core/audit/asset-proof';
import { exportAuditBundle } from '../../electron/core/audit/bundle-export';
import { verifyBundle } from '../../electron/core/audit/bundle-verify';
import { trustedRoot } from '../../electron/core/gpu-evidence';
import { readTarIndex, writeTar } from '../../electron/core/audit/tar';
import type { GpuEvidenceSource } from '../../electron/core/inventory/gpu/evidence/evidence-source';
import { buildSignedReports, FIXTURE_T0, type SignedReportsFixture } from '../support/audit-fixture';
import { makeSyntheticGpuChain, makeSyntheticGpuEvidence, type SyntheticGpuChain } from '../support/gpu-evidence-synthetic';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { runSietch } from '../support/sietch-process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Issue #12 in audit bundles: the evidence behind every hwAttested leaf travels in the bundle
// (evidence/NNNNNNNN.json after its report) and in single-asset proofs, and `audit verify`
// re-checks it offline: its hash is the leaf's, its nonce the epoch's, its chain the auditor's root.
const REPORTS = 4;
const GPUS = 2;

let chain: SyntheticGpuChain;
let fixture: SignedReportsFixture;
let bundle: Buffer;
let dir: string;

beforeAll(async () => {
  chain = await makeSyntheticGpuChain();
  const honest: GpuEvidenceSource = { kind: 'command', collect: (_target, nonce) => makeSyntheticGpuEvidence({ nonce, chain }) };
  dir = mkdtempSync(join(tmpdir(), 'sietch-audit-evidence-'));
  fixture = await buildSignedReports(dir, { reports: REPORTS, gpus: GPUS, evidence: { source: honest, rootPem: chain.rootPem } });
  bundle = (await exportAuditBundle(fixture.db, { from: new Date(FIXTURE_T0), to: new Date(FIXTURE_T0 + REPORTS * fixture.epochMs) })).bytes;
}, 60_000);

afterAll(() => {
  fixture?.db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the bundle with `replace` applied to the text of one file (same length: the tar stays valid). */
function withFileEdited(name: string, edit: (text: string) => string): Buffer {
  const copy = Buffer.from(bundle);
  const entry = readTarIndex(copy).find((candidate) => candidate.name === name)!;
  const text = copy.toString('utf8', entry.offset, entry.offset + entry.size);
  const edited = edit(text);
  expect(edited.length).toBe(text.length);
  copy.write(edited, entry.offset, 'utf8');
  return copy;
}

const signer = () => fixture.wallet.address;

describe('audit bundles with GPU evidence', () => {
  it('exports a version 2 bundle with an evidence file after each report, verified against the trusted root', async () => {
    const names = readTarIndex(bundle).map((entry) => entry.name);
    expect(names).toEqual(['manifest.json', 'journal.json', ...Array.from({ length: REPORTS }, (_, i) => [`reports/0000000${i + 1}.json`, `evidence/0000000${i + 1}.json`]).flat()]);
    const manifest = JSON.parse(bundle.toString('utf8', readTarIndex(bundle)[0]!.offset, readTarIndex(bundle)[0]!.offset + readTarIndex(bundle)[0]!.size)) as { version: number; gpuEvidence: unknown };
    expect(manifest.version).toBe(2);
    expect(manifest.gpuEvidence).toEqual({ files: REPORTS, items: REPORTS * GPUS });

    const result = await verifyBundle(bundle, { signer: signer(), gpuRoot: trustedRoot(chain.rootPem) });
    expect(result.ok ? null : result.failure).toBeNull();
    if (!result.ok) return;
    expect(result.summary.hardware).toEqual({ attestedLeaves: REPORTS * GPUS, evidenceItems: REPORTS * GPUS, root: trustedRoot(chain.rootPem).subject });
  });

  it('without a trusted root it checks the evidence against its own chain and says so', async () => {
    const result = await verifyBundle(bundle, { signer: signer() });
    expect(result.ok && result.summary.hardware).toEqual({ attestedLeaves: REPORTS * GPUS, evidenceItems: REPORTS * GPUS, root: null });
  });

  it('fails against another root, naming the report, the leaf and the check', async () => {
    const other = await makeSyntheticGpuChain({ rootName: 'Someone Else Device Identity CA' });
    const result = await verifyBundle(bundle, { signer: signer(), gpuRoot: trustedRoot(other.rootPem) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ report: 1, file: 'evidence/00000001.json', field: 'items[0].evidence' });
    expect(result.failure.leaf).toMatch(/^gpu:/);
    expect(result.failure.message).toMatch(/^GPU evidence fails its root check: /);
  });

  it('fails on one changed byte of the evidence: its hash is no longer the leaf’s', async () => {
    // A derived copy: one hex digit of report 3's first evidence changed (the measurement area).
    const tampered = withFileEdited('evidence/00000003.json', (text) => {
      const at = text.indexOf('"report":"') + 10 + 400;
      return text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1);
    });
    const result = await verifyBundle(tampered, { signer: signer(), gpuRoot: trustedRoot(chain.rootPem) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ report: 3, file: 'evidence/00000003.json', field: 'items[0].evidence' });
    expect(result.failure.message).toMatch(/^the evidence hashes to 0x[0-9a-f]{64}, the leaf's evidenceHash is 0x[0-9a-f]{64}$/);
  });

  it('fails when the evidence of an attested leaf is left out', async () => {
    // A derived copy without report 2's evidence file, its manifest count lowered to match.
    const files = readTarIndex(bundle)
      .filter((entry) => entry.name !== 'evidence/00000002.json')
      .map((entry) => {
        const data = Buffer.from(bundle.subarray(entry.offset, entry.offset + entry.size));
        return { name: entry.name, data: entry.name === 'manifest.json' ? Buffer.from(data.toString('utf8').replace('"files":4', '"files":3').replace('"items":8', '"items":6'), 'utf8') : data };
      });
    const result = await verifyBundle(writeTar(files, 0), { signer: signer() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ report: 2, file: 'reports/00000002.json' });
    expect(result.failure.message).toMatch(/^leaf gpu:\S+ claims hwAttested, but the bundle holds no evidence for report 2$/);
  });

  it('a single-asset proof of an attested GPU carries its evidence and re-checks it', async () => {
    const assetId = (fixture.db.prepare('SELECT asset_id FROM gpu_evidence WHERE epoch_seq = 2 ORDER BY asset_id LIMIT 1').pluck().get() as string);
    const proof = exportAssetProof(fixture.db, { assetId, seq: 2 }).bytes;
    const parsed = JSON.parse(proof.toString('utf8')) as { version: number; gpuEvidence: { assetId: string } };
    expect([parsed.version, parsed.gpuEvidence.assetId]).toEqual([2, assetId]);
    const verified = await verifyAssetProof(proof, { signer: signer(), gpuRoot: trustedRoot(chain.rootPem) });
    expect(verified.ok && verified.summary.hardware).toEqual({ attested: true, evidence: 'trusted-root', root: trustedRoot(chain.rootPem).subject });

    // A derived copy whose evidence claims another GPU's nonce: the hash no longer matches the leaf.
    const text = proof.toString('utf8');
    const at = text.indexOf('"report":"') + 10 + 8 + 10; // inside the request's nonce
    const tampered = Buffer.from(text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1), 'utf8');
    const failed = await verifyAssetProof(tampered, { signer: signer(), gpuRoot: trustedRoot(chain.rootPem) });
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.failure).toMatchObject({ report: 2, leaf: assetId, field: 'gpuEvidence.evidence' });
  });

  it('`sietch audit verify --gpu-root` says what the evidence was checked against (needs npm run build:cli)', () => {
    const file = join(dir, 'bundle.tar');
    const root = join(dir, 'root.pem');
    writeFileSync(file, bundle);
    writeFileSync(root, chain.rootPem);
    const trusted = runSietch(['audit', 'verify', file, '--signer', signer(), '--gpu-root', root, '--threads', '1']);
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(trusted.stdout).toContain(`hardware  ${REPORTS * GPUS} GPU leaves hardware-attested, ${REPORTS * GPUS} evidence items verified (signature, nonce of their epoch, FWID, chain) to the trusted root ${trustedRoot(chain.rootPem).subject}`);
    const untrusted = runSietch(['audit', 'verify', file, '--signer', signer(), '--threads', '1']);
    expect(untrusted.status).toBe(0);
    expect(untrusted.stdout).toContain('NOT checked against a trusted root (give --gpu-root FILE)');
    const notPem = runSietch(['audit', 'verify', file, '--signer', signer(), '--gpu-root', file]);
    expect(notPem.status).toBe(2);
    expect(notPem.stderr).toContain('--gpu-root');
  });
});
