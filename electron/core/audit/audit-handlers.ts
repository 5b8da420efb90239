import { randomUUID } from 'node:crypto';
import type { AuditEventName, AuditEventPayload, AuditHandlers, AuditJob, AuditVerificationResult } from '../../contract/audit-api';
import { ApiError } from '../../contract/errors';
import { networkProfile } from '../attestation/report/network-profiles';
import type { Db } from '../db/open';
import { exportAssetProof, verifyAssetProof, type ProofVerification } from './asset-proof';
import { AuditExportError, exportAuditBundle } from './bundle-export';
import { networkJson } from './bundle-format';
import type { BundleVerification } from './bundle-verify';
import { looksLikeTar } from './tar';
import { verifyBundleFile } from './verify-parallel';
import { trustedRoot } from '../gpu-evidence';

/**
 * The audit API in core: exports and verifications run as jobs (they take seconds on a year of
 * reports) that emit onAuditJobProgress; files — exported bundles and proofs, uploaded files to
 * verify — are held in memory for an hour, within a size budget, and move in base64 chunks.
 */
export interface AuditHandlerDeps {
  db: Db;
  emit: <E extends AuditEventName>(event: E, payload: AuditEventPayload<E>) => void;
}

interface StoredFile {
  filename: string;
  chunks: Buffer[];
  bytes: number;
  createdAt: number;
}

const FILE_TTL_MS = 3600_000;
const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const MAX_TOTAL_BYTES = 2 * MAX_FILE_BYTES;
const MAX_JOBS = 50;
const PROGRESS_EVERY_MS = 200;

/** The CLI's --json result, shaped for the API (money as bigint micro-units). */
export function toApiVerification(kind: 'bundle' | 'proof', result: BundleVerification | ProofVerification): AuditVerificationResult {
  if (!result.ok) return { kind, ok: false, failure: result.failure, reportsChecked: 'reportsChecked' in result ? result.reportsChecked : null, bundle: null, proof: null };
  if (kind === 'proof') {
    const summary = (result as Extract<ProofVerification, { ok: true }>).summary;
    return { kind, ok: true, failure: null, reportsChecked: null, bundle: null, proof: { ...summary, leaf: { ...summary.leaf, revenue: BigInt(summary.leaf.revenue) } } };
  }
  const summary = (result as Extract<BundleVerification, { ok: true }>).summary;
  return {
    kind,
    ok: true,
    failure: null,
    reportsChecked: summary.reports.count,
    proof: null,
    bundle: {
      ...summary,
      totals: { revenue: BigInt(summary.totals.revenue), repaid: BigInt(summary.totals.repaid), energyWh: summary.totals.energyWh },
      last: { outstanding: BigInt(summary.last.outstanding), coverageBps: summary.last.coverageBps },
      perAsset: summary.perAsset.map((asset) => ({ ...asset, revenue: BigInt(asset.revenue) })),
    },
  };
}

export function createAuditHandlers(deps: AuditHandlerDeps): AuditHandlers {
  const files = new Map<string, StoredFile>();
  const jobs = new Map<string, AuditJob>();

  function sweep(): void {
    const now = Date.now();
    for (const [fileId, file] of files) if (now - file.createdAt > FILE_TTL_MS) files.delete(fileId);
    // Oldest finished jobs go first when there are too many.
    for (const [jobId, job] of jobs) if (jobs.size > MAX_JOBS && job.state !== 'running') jobs.delete(jobId);
  }

  function storeFile(filename: string, bytes: Buffer): { fileId: string; filename: string; bytes: number } {
    sweep();
    const total = [...files.values()].reduce((sum, file) => sum + file.bytes, 0);
    if (total + bytes.length > MAX_TOTAL_BYTES) throw new ApiError('unavailable', 'too many audit files are held in memory: download or verify them first, or wait an hour');
    const fileId = randomUUID();
    files.set(fileId, { filename, chunks: [bytes], bytes: bytes.length, createdAt: Date.now() });
    return { fileId, filename, bytes: bytes.length };
  }

  function fileBytes(fileId: string): Buffer {
    const file = files.get(fileId);
    if (!file) throw new ApiError('not-found', `no audit file ${fileId} (files are kept for an hour)`);
    if (file.chunks.length > 1) file.chunks = [Buffer.concat(file.chunks)];
    return file.chunks[0] ?? Buffer.alloc(0);
  }

  function newJob(kind: AuditJob['kind']): AuditJob {
    sweep();
    const job: AuditJob = { jobId: randomUUID(), kind, state: 'running', done: 0, total: 0, error: null, file: null, export: null, verification: null };
    jobs.set(job.jobId, job);
    return job;
  }

  /** Throttled progress: a year of reports is thousands of steps, the page needs a few a second. */
  function progress(job: AuditJob): (done: number, total: number) => void {
    let last = 0;
    return (done, total) => {
      job.done = done;
      job.total = total;
      const now = Date.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        deps.emit('onAuditJobProgress', { jobId: job.jobId, state: job.state, done, total });
      }
    };
  }

  function finish(job: AuditJob, error: string | null): void {
    job.state = error === null ? 'done' : 'failed';
    job.error = error;
    deps.emit('onAuditJobProgress', { jobId: job.jobId, state: job.state, done: job.done, total: job.total });
  }

  const snapshot = (job: AuditJob): AuditJob => structuredClone(job);

  return {
    'audit.export.start': async ({ from, to }) => {
      const period = { from: new Date(from), to: new Date(to) };
      if (period.to.getTime() <= period.from.getTime()) throw new ApiError('invalid-input', 'the period must end after it starts', [{ path: 'to', message: 'must come after from' }]);
      const job = newJob('export');
      const onProgress = progress(job);
      void exportAuditBundle(deps.db, period, { onProgress })
        .then((result) => {
          job.file = storeFile(result.filename, result.bytes);
          job.export = { reports: result.reports, firstSeq: result.firstSeq, lastSeq: result.lastSeq, unsigned: result.unsigned, journalRows: result.journalRows, operator: result.operator };
          finish(job, null);
        })
        .catch((error: unknown) => finish(job, error instanceof AuditExportError ? error.message : `the export failed: ${error instanceof Error ? error.message : String(error)}`));
      return snapshot(job);
    },
    'audit.verify.start': async ({ fileId, signer, network, gpuRootPem }) => {
      const bytes = fileBytes(fileId);
      let pinned;
      try {
        pinned = network === undefined ? undefined : networkJson(networkProfile(network));
      } catch (error) {
        throw new ApiError('invalid-input', (error as Error).message, [{ path: 'network', message: 'unknown network profile' }]);
      }
      let gpuRoot;
      try {
        gpuRoot = gpuRootPem === undefined ? undefined : trustedRoot(gpuRootPem);
      } catch (error) {
        throw new ApiError('invalid-input', `the GPU root is not a PEM certificate: ${(error as Error).message}`, [{ path: 'gpuRootPem', message: 'not a PEM certificate' }]);
      }
      const job = newJob('verify');
      const onProgress = progress(job);
      const options = { signer, ...(pinned ? { network: pinned } : {}), ...(gpuRoot ? { gpuRoot } : {}) };
      const work = looksLikeTar(bytes)
        ? // One thread: the server is a warm process, where fresh workers (cold JIT, module load) cost
          // more CPU than they save (docs/benchmarks.md); the check yields to the event loop as it goes.
          verifyBundleFile(bytes, { ...options, onProgress, threads: 1 }).then((result) => toApiVerification('bundle', result))
        : verifyAssetProof(bytes, options).then((result) => toApiVerification('proof', result));
      void work.then(
        (verification) => {
          job.verification = verification;
          finish(job, null);
        },
        (error: unknown) => finish(job, `the file could not be verified: ${error instanceof Error ? error.message : String(error)}`),
      );
      return snapshot(job);
    },
    'audit.job.get': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) throw new ApiError('not-found', `no audit job ${jobId}`);
      return snapshot(job);
    },
    'audit.file.read': async ({ fileId, offset, length }) => {
      const bytes = fileBytes(fileId);
      if (offset > bytes.length) throw new ApiError('invalid-input', `offset ${offset} is past the end of the file (${bytes.length} bytes)`, [{ path: 'offset', message: 'past the end' }]);
      const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + length));
      return { base64: chunk.toString('base64'), offset, bytes: bytes.length };
    },
    'audit.file.upload': async ({ fileId, filename, offset, base64 }) => {
      const chunk = Buffer.from(base64, 'base64');
      if (fileId === undefined) {
        if (offset !== 0) throw new ApiError('invalid-input', 'the first chunk starts at offset 0', [{ path: 'offset', message: 'must be 0 for a new file' }]);
        return storeFile(filename ?? 'upload', chunk);
      }
      const file = files.get(fileId);
      if (!file) throw new ApiError('not-found', `no audit file ${fileId}`);
      if (offset !== file.bytes) throw new ApiError('conflict', `chunk at ${offset}, but the file holds ${file.bytes} bytes`);
      if (file.bytes + chunk.length > MAX_FILE_BYTES) throw new ApiError('invalid-input', `a file to verify is at most ${MAX_FILE_BYTES} bytes`);
      file.chunks.push(chunk);
      file.bytes += chunk.length;
      return { fileId, filename: file.filename, bytes: file.bytes };
    },
    'audit.proof.export': async ({ assetId, seq }) => {
      try {
        const proof = exportAssetProof(deps.db, { assetId, seq });
        return storeFile(proof.filename, proof.bytes);
      } catch (error) {
        if (error instanceof AuditExportError) throw new ApiError('not-found', error.message);
        throw error;
      }
    },
  };
}
