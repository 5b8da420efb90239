import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AuditError } from './audit-failure';
import type { NetworkJson } from './bundle-format';
import { BundleTally } from './bundle-tally';
import { checkReportEntries, verifyBundle, type BundleVerification, type RangeChecker, type RangeResult, type VerifyBundleOptions } from './bundle-verify';
import { CHUNK_REPORTS, checkClaimedChunks, newChunkControl, type ChunkOutcome } from './report-chunks';
import type { TarEntry } from './tar';

export type { BundleVerification } from './bundle-verify';

/**
 * Verification spread over threads. Checking a report costs one ECDSA verification and ~60
 * keccak blocks; reports are independent until they are linked, so this thread and pooled
 * workers claim chunks of the report files (report-chunks.ts), reading them from one
 * SharedArrayBuffer (no copy per worker), and this thread links the chunks. Failures come back
 * per chunk and the lowest chunk's wins, so the answer is the same as checking in order.
 *
 * Workers are kept between verifications (an API server verifies many bundles; the CLI starts
 * them while it reads the file): a fresh thread pays its module load, WebAssembly instance and
 * cold JIT again, which cost more than the share it took on a 2-core machine. Idle workers are
 * unref'd, so they never keep a process alive.
 *
 * The worker script exists in the CLI build (dist/cli/audit-verify-worker.js). Where it does
 * not (tests on the TypeScript sources, the Electron main bundle) verification runs in this
 * thread — same checks, same answers, one core.
 */
export interface WorkerJob {
  buffer: SharedArrayBuffer;
  entries: TarEntry[];
  context: { signer: string; network: NetworkJson };
  control: Int32Array;
  chunkReports: number;
}

export type WorkerMessage = { type: 'progress'; done: number } | { type: 'chunk'; outcome: ChunkOutcome } | { type: 'done' } | { type: 'crashed'; message: string };

const WORKER_FILE = './audit-verify-worker.js';
/** Below this many reports, sharing the work costs more than it saves. */
const MIN_REPORTS_FOR_THREADS = 512;

export function defaultWorkerScript(): string | null {
  const file = fileURLToPath(new URL(WORKER_FILE, import.meta.url));
  return existsSync(file) ? file : null;
}

/** Idle workers by script. */
const idleWorkers = new Map<string, Worker[]>();

function startWorker(script: string): Worker {
  const worker = new Worker(script);
  worker.unref();
  // A worker that dies while idle leaves the pool; one that dies in a job fails that job (runJob).
  worker.once('exit', () => {
    const idle = idleWorkers.get(script);
    const at = idle?.indexOf(worker) ?? -1;
    if (at >= 0) idle!.splice(at, 1);
  });
  return worker;
}

function takeWorkers(script: string, count: number): Worker[] {
  const idle = idleWorkers.get(script) ?? [];
  idleWorkers.set(script, idle);
  const taken = idle.splice(0, count);
  while (taken.length < count) taken.push(startWorker(script));
  return taken;
}

function returnWorker(script: string, worker: Worker): void {
  const idle = idleWorkers.get(script) ?? [];
  idleWorkers.set(script, idle);
  if (idle.length < availableParallelism()) {
    worker.unref();
    idle.push(worker);
  } else void worker.terminate();
}

/**
 * Starts the workers a later verification will use (`threads` - 1 of them: this thread takes
 * its share too), so that they load while the caller reads the bundle.
 */
export function prestartAuditWorkers(threads = availableParallelism(), script: string | null = defaultWorkerScript()): void {
  if (script === null || threads <= 1) return;
  const idle = idleWorkers.get(script) ?? [];
  idleWorkers.set(script, idle);
  while (idle.length < threads - 1) idle.push(startWorker(script));
}

/** How many workers wait for work (tests: the pool is reused). */
export function idleAuditWorkers(): number {
  return [...idleWorkers.values()].reduce((sum, idle) => sum + idle.length, 0);
}

/** Ends every idle worker (tests and benchmarks; a process may simply exit). */
export async function closeAuditWorkers(): Promise<void> {
  const all = [...idleWorkers.values()].flat();
  idleWorkers.clear();
  await Promise.all(all.map((worker) => worker.terminate()));
}

/** One worker's part of a job: resolves when it has claimed no more chunks. */
function runJob(script: string, worker: Worker, job: WorkerJob, onChunk: (outcome: ChunkOutcome) => void, onProgress: (done: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (error) {
        void worker.terminate();
        reject(error);
      } else {
        returnWorker(script, worker);
        resolve();
      }
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.done);
      else if (message.type === 'chunk') onChunk(message.outcome);
      else if (message.type === 'done') finish();
      else finish(new Error(`an audit worker failed: ${message.message}`));
    };
    const onError = (error: Error) => finish(error);
    const onExit = (code: number) => finish(new Error(`an audit worker stopped with code ${code}`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage(job);
  });
}

/** A bundle file read straight into shared memory, so that the workers read it without a copy. */
export function readBundleShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let read = 0;
    while (read < size) {
      const got = readSync(fd, bytes, read, size - read, read);
      if (got === 0) break;
      read += got;
    }
    // A file that shrank while it was read: what was read (a view, so the workers get a copy).
    return read === size ? bytes : bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function sharedCopy(archive: Uint8Array): SharedArrayBuffer {
  if (archive.buffer instanceof SharedArrayBuffer && archive.byteOffset === 0 && archive.byteLength === archive.buffer.byteLength) return archive.buffer;
  const shared = new SharedArrayBuffer(archive.byteLength);
  new Uint8Array(shared).set(archive);
  return shared;
}

function parallelChecker(script: string, threads: number, chunkReports: number): RangeChecker {
  return async (archive, entries, context, onProgress) => {
    const control = newChunkControl();
    const outcomes: ChunkOutcome[] = [];
    const done = new Array<number>(threads).fill(0);
    const progressOf = (participant: number) => (count: number) => {
      done[participant] = count;
      onProgress(done.reduce((sum, value) => sum + value, 0));
    };
    const job: WorkerJob = { buffer: sharedCopy(archive), entries, context, control, chunkReports };
    const workers = takeWorkers(script, threads - 1);
    const settled = await Promise.allSettled([
      checkClaimedChunks(archive, entries, context, control, chunkReports, (outcome) => outcomes.push(outcome), progressOf(0)),
      ...workers.map((worker, index) => runJob(script, worker, job, (outcome) => outcomes.push(outcome), progressOf(index + 1))),
    ]);
    outcomes.sort((a, b) => a.index - b.index);
    // Chunks are claimed in order: the lowest failing chunk holds the first failing report.
    const failed = outcomes.find((outcome) => 'failure' in outcome);
    if (failed && 'failure' in failed) throw new AuditError(failed.failure);
    const crashed = settled.find((outcome) => outcome.status === 'rejected');
    if (crashed) throw (crashed as PromiseRejectedResult).reason;
    const results = outcomes.map((outcome) => (outcome as { result: RangeResult }).result);
    const tally = new BundleTally();
    for (const result of results) tally.merge(result.tally);
    return { links: results.flatMap((result) => result.links), tally: tally.data() };
  };
}

export interface VerifyFileOptions extends Omit<VerifyBundleOptions, 'checkRanges'> {
  /** Threads checking reports, this one included (default: one per core; 1: this thread only). */
  threads?: number;
  /** The built worker script; found next to this module by default. */
  workerScript?: string | null;
  /** Tests: share bundles this small (default 512 reports) in chunks this small (default CHUNK_REPORTS). */
  sharing?: { minReports: number; chunkReports: number };
}

/**
 * verifyBundle, on every core when the worker script is available and the bundle is large.
 * Pass bytes in a SharedArrayBuffer (readBundleShared) to spare the copy for the workers.
 */
export async function verifyBundleFile(bytes: Uint8Array, options: VerifyFileOptions): Promise<BundleVerification> {
  const threads = options.threads ?? availableParallelism();
  const script = options.workerScript === undefined ? defaultWorkerScript() : options.workerScript;
  const base = { signer: options.signer, ...(options.network ? { network: options.network } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.gpuRoot ? { gpuRoot: options.gpuRoot } : {}) };
  if (threads <= 1 || script === null) return verifyBundle(bytes, base);
  const { minReports, chunkReports } = options.sharing ?? { minReports: MIN_REPORTS_FOR_THREADS, chunkReports: CHUNK_REPORTS };
  const checker = parallelChecker(script, threads, chunkReports);
  return verifyBundle(bytes, { ...base, checkRanges: (archive, entries, context, onProgress) => (entries.length < minReports ? checkReportEntries(archive, entries, context, onProgress) : checker(archive, entries, context, onProgress)) });
}
