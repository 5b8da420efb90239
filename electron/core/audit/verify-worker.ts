import { parentPort, workerData } from 'node:worker_threads';
import { AuditError, auditFailure } from './audit-failure';
import { checkReportEntries } from './bundle-verify';
import type { WorkerTask, WorkerMessage } from './verify-parallel';

/**
 * A worker thread of `sietch audit verify` (built as dist/cli/audit-verify-worker.js): checks
 * its contiguous share of the report files, reading them straight from the bundle's shared
 * memory, and posts back the links and the tally — or the first failure of its share.
 */
const task = workerData as WorkerTask;
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

checkReportEntries(new Uint8Array(task.buffer), task.entries, task.context, (done) => post({ type: 'progress', done })).then(
  (result) => post({ type: 'result', result }),
  (error: unknown) => post({ type: 'failure', failure: error instanceof AuditError ? error.failure : auditFailure({ message: `the bundle could not be read: ${error instanceof Error ? error.message : String(error)}` }) }),
);
