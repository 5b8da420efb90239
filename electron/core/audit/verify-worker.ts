import { parentPort } from 'node:worker_threads';
import { preloadKeccak } from '../attestation/report/keccak';
import { checkClaimedChunks } from './report-chunks';
import type { WorkerJob, WorkerMessage } from './verify-parallel';

/**
 * A pooled worker thread of `sietch audit verify` (built as dist/cli/audit-verify-worker.js).
 * It lives across verifications (verify-parallel.ts keeps it), so its module load, WebAssembly
 * keccak and JIT-compiled checks are paid once. For each job it claims chunks of report files
 * beside the other threads, reading them straight from the bundle's shared memory, and posts
 * each chunk's links and tally — or the chunk's first failure — then `done`.
 */
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
void preloadKeccak();

parentPort!.on('message', (job: WorkerJob) => {
  checkClaimedChunks(
    new Uint8Array(job.buffer),
    job.entries,
    job.context,
    job.control,
    job.chunkReports,
    (outcome) => post({ type: 'chunk', outcome }),
    (done) => post({ type: 'progress', done }),
  ).then(
    () => post({ type: 'done' }),
    // checkClaimedChunks turns every check's error into a failure; this is a bug in the loop itself.
    (error: unknown) => post({ type: 'crashed', message: error instanceof Error ? error.message : String(error) }),
  );
});
