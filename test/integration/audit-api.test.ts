import { describe, expect, it } from 'vitest';
import type { AuditJob } from '../../electron/contract/audit-api';
import { AUDIT_CHUNK_BYTES } from '../../electron/contract/audit-api';
import { buildSignedReports } from '../support/audit-fixture';
import { startTestCore } from '../support/core-fixture';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';

// The audit API on a real core over a real node database: export a period as a job with
// progress events, read the bundle back in chunks, upload it in chunks, verify it as a job —
// the same result as the CLI — and export one asset's proof.
const tempDir = useTempDirs();

describe('the audit API', () => {
  it('exports, downloads, uploads and verifies a bundle in chunks, with progress events; exports a proof', async () => {
    const dataDir = tempDir();
    const fixture = await buildSignedReports(dataDir, { reports: 20, journalEvery: 5 });
    fixture.db.close();
    const core = startTestCore(dataDir);
    const progress: { jobId: string; state: string }[] = [];
    const dispose = core.events.on('onAuditJobProgress', (event) => progress.push(event));
    try {
      const h = core.handlers;
      const started = await h['audit.export.start']({ from: new Date(fixture.t0).toISOString(), to: new Date(fixture.t0 + 20 * fixture.epochMs).toISOString() });
      let job: AuditJob = started;
      await until('the export to finish', async () => (job = await h['audit.job.get']({ jobId: started.jobId })).state !== 'running');
      expect(job).toMatchObject({ state: 'done', export: { reports: 20, firstSeq: 1, lastSeq: 20, operator: fixture.wallet.address } });
      expect(progress.some((event) => event.jobId === started.jobId && event.state === 'done')).toBe(true);

      // Download in small chunks (as the renderer does with AUDIT_CHUNK_BYTES), then upload it back.
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < job.file!.bytes; offset += 65_536) chunks.push(Buffer.from((await h['audit.file.read']({ fileId: job.file!.fileId, offset, length: 65_536 })).base64, 'base64'));
      const bundle = Buffer.concat(chunks);
      expect(bundle.length).toBe(job.file!.bytes);
      let fileId: string | undefined;
      for (let offset = 0; offset < bundle.length; offset += AUDIT_CHUNK_BYTES) {
        const uploaded = await h['audit.file.upload']({ ...(fileId ? { fileId } : { filename: 'bundle.tar' }), offset, base64: bundle.subarray(offset, offset + AUDIT_CHUNK_BYTES).toString('base64') });
        fileId = uploaded.fileId;
      }
      await expect(h['audit.file.upload']({ fileId: fileId!, offset: 3, base64: 'AAAA' })).rejects.toMatchObject({ code: 'conflict' });

      const verify = async (signer: string) => {
        const start = await h['audit.verify.start']({ fileId: fileId!, signer });
        let result: AuditJob = start;
        await until('the verification', async () => (result = await h['audit.job.get']({ jobId: start.jobId })).state !== 'running');
        return result;
      };
      const ok = await verify(fixture.wallet.address);
      expect(ok.verification).toMatchObject({ kind: 'bundle', ok: true, failure: null, bundle: { reports: { count: 20 }, assets: { count: 8 } } });
      expect(typeof ok.verification!.bundle!.totals.revenue).toBe('bigint');
      // A GPU root that is not a certificate is refused before any job starts, naming the field.
      await expect(h['audit.verify.start']({ fileId: fileId!, signer: fixture.wallet.address, gpuRootPem: 'not a certificate' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^the GPU root is not a PEM certificate/) });
      const foreign = await verify('0x000000000000000000000000000000000000dEaD');
      expect(foreign.verification).toMatchObject({ ok: false, failure: { report: 1, field: 'attestation.sig.signature' } });

      // A proof is one JSON file; the same verify method recognises it.
      const leaf = (await h['node.report.get']({ seq: 4 })).leaves[2]!;
      const proofFile = await h['audit.proof.export']({ assetId: leaf.assetId, seq: 4 });
      const proof = await h['audit.file.read']({ fileId: proofFile.fileId, offset: 0, length: AUDIT_CHUNK_BYTES });
      const upload = await h['audit.file.upload']({ filename: proofFile.filename, offset: 0, base64: proof.base64 });
      const start = await h['audit.verify.start']({ fileId: upload.fileId, signer: fixture.wallet.address });
      let proofJob: AuditJob = start;
      await until('the proof check', async () => (proofJob = await h['audit.job.get']({ jobId: start.jobId })).state !== 'running');
      expect(proofJob.verification).toMatchObject({ kind: 'proof', ok: true, proof: { assetId: leaf.assetId, seq: 4 } });
      await expect(h['audit.proof.export']({ assetId: 'gpu:nope', seq: 4 })).rejects.toMatchObject({ code: 'not-found' });

      // Nothing signed in the period: the job fails and says why.
      const empty = await h['audit.export.start']({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' });
      let emptyJob: AuditJob = empty;
      await until('the empty export', async () => (emptyJob = await h['audit.job.get']({ jobId: empty.jobId })).state !== 'running');
      expect(emptyJob).toMatchObject({ state: 'failed', error: expect.stringMatching(/no report closed/) });
    } finally {
      dispose();
      await core.close();
    }
  }, 60_000);
});
