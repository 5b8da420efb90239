import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AuditError, type AuditFailure } from './audit-failure';
import type { NetworkJson } from './bundle-format';
import { BundleTally } from './bundle-tally';
import { checkReportEntries, verifyBundle, type BundleVerification, type RangeChecker, type RangeResult, type VerifyBundleOptions } from './bundle-verify';
import type { TarEntry } from './tar';

export type { BundleVerification } from './bundle-verify';

/**
 * Verification spread over worker threads. Checking a report costs one ECDSA verification and
 * ~30 keccak hashes; they are independent until the reports are linked, so each worker takes a
 * contiguous share of the report files, reading them from one SharedArrayBuffer (no copy per
 * worker), and the main thread links the shares. Failures come back from every share and the
 * one of the lowest report wins, so the answer is the same as checking in order.
 *
 * The worker script exists in the CLI build (dist/cli/audit-verify-worker.js). Where it does
 * not (tests on the TypeScript sources, the Electron main bundle) verification runs in this
 * thread — same checks, same answers, one core.
 */
export interface WorkerTask {
  buffer: SharedArrayBuffer;
  entries: TarEntry[];
  context: { signer: string; network: NetworkJson };
}

export type WorkerMessage = { type: 'progress'; done: number } | { type: 'result'; result: RangeResult } | { type: 'failure'; failure: AuditFailure };

const WORKER_FILE = './audit-verify-worker.js';
/** Below this many reports, starting threads costs more than it saves. */
const MIN_REPORTS_FOR_THREADS = 512;

export function defaultWorkerScript(): string | null {
  const file = fileURLToPath(new URL(WORKER_FILE, import.meta.url));
  return existsSync(file) ? file : null;
}

function runShare(script: string, task: WorkerTask, onProgress: (done: number) => void): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: task });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.done);
      else {
        settled = true;
        void worker.terminate();
        if (message.type === 'result') resolve(message.result);
        else reject(new AuditError(message.failure));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`an audit worker stopped with code ${code}`));
    });
  });
}

function parallelChecker(script: string, threads: number): RangeChecker {
  return async (archive, entries, context, onProgress) => {
    const shared = new SharedArrayBuffer(archive.byteLength);
    new Uint8Array(shared).set(archive);
    const size = Math.ceil(entries.length / threads);
    const shares = Array.from({ length: threads }, (_, index) => entries.slice(index * size, (index + 1) * size)).filter((share) => share.length > 0);
    const done = shares.map(() => 0);
    const settled = await Promise.allSettled(
      shares.map((share, index) =>
        runShare(script, { buffer: shared, entries: share, context }, (count) => {
          done[index] = count;
          onProgress(done.reduce((sum, value) => sum + value, 0));
        }),
      ),
    );
    // Shares are in report order: the first failing share holds the first failing report.
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const results = settled.map((outcome) => (outcome as PromiseFulfilledResult<RangeResult>).value);
    const tally = new BundleTally();
    for (const result of results) tally.merge(result.tally);
    return { links: results.flatMap((result) => result.links), tally: tally.data() };
  };
}

export interface VerifyFileOptions extends Omit<VerifyBundleOptions, 'checkRanges'> {
  /** Worker threads (default: one per core; 1: this thread only). */
  threads?: number;
  /** The built worker script; found next to this module by default. */
  workerScript?: string | null;
}

/** verifyBundle, on every core when the worker script is available and the bundle is large. */
export async function verifyBundleFile(bytes: Uint8Array, options: VerifyFileOptions): Promise<BundleVerification> {
  const threads = options.threads ?? availableParallelism();
  const script = options.workerScript === undefined ? defaultWorkerScript() : options.workerScript;
  const base = { signer: options.signer, ...(options.network ? { network: options.network } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  if (threads <= 1 || script === null) return verifyBundle(bytes, base);
  const checker = parallelChecker(script, threads);
  return verifyBundle(bytes, { ...base, checkRanges: (archive, entries, context, onProgress) => (entries.length < MIN_REPORTS_FOR_THREADS ? checkReportEntries(archive, entries, context, onProgress) : checker(archive, entries, context, onProgress)) });
}
