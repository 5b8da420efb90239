import { AuditError, auditFailure, type AuditFailure } from './audit-failure';
import type { NetworkJson } from './bundle-format';
import { checkReportEntries, type RangeResult } from './bundle-verify';
import type { TarEntry } from './tar';

/**
 * Report files checked in chunks that several threads claim from one shared counter: a thread
 * slowed by the rest of the machine simply claims fewer chunks, where fixed halves would make
 * the fast one wait for the slow one. Chunks are claimed in increasing order, so when a chunk
 * fails every chunk below it has been claimed and will be finished: the failure of the lowest
 * failing chunk is the one a check in order would have found first. Nobody claims a chunk
 * above a known failure.
 *
 * control (shared Int32Array): [0] the next chunk to claim, [1] the lowest failed chunk so far.
 */
/** Reports per chunk: ~10 ms of work, few enough messages, and 35 chunks a year of hourly reports to balance. */
export const CHUNK_REPORTS = 256;
const NO_FAILURE = 0x7fff_ffff;

export type ChunkOutcome = { index: number; result: RangeResult } | { index: number; failure: AuditFailure };

export function newChunkControl(): Int32Array {
  const control = new Int32Array(new SharedArrayBuffer(8));
  control[1] = NO_FAILURE;
  return control;
}

function noteFailure(control: Int32Array, index: number): void {
  for (let lowest = Atomics.load(control, 1); index < lowest; lowest = Atomics.load(control, 1)) {
    if (Atomics.compareExchange(control, 1, lowest, index) === lowest) return;
  }
}

/** The failure a thrown error stands for: an AuditError's own, anything else as an unreadable bundle. */
export function failureOf(error: unknown): AuditFailure {
  return error instanceof AuditError ? error.failure : auditFailure({ message: `the bundle could not be read: ${error instanceof Error ? error.message : String(error)}` });
}

/**
 * Claims and checks chunks until none is left; hands each chunk's outcome to onChunk and the
 * number of reports this thread has checked so far to onProgress. Never throws for a bad bundle.
 */
export async function checkClaimedChunks(
  archive: Uint8Array,
  entries: TarEntry[],
  context: { signer: string; network: NetworkJson },
  control: Int32Array,
  chunkReports: number,
  onChunk: (outcome: ChunkOutcome) => void,
  onProgress: (done: number) => void,
): Promise<void> {
  let finished = 0;
  for (;;) {
    const index = Atomics.add(control, 0, 1);
    const start = index * chunkReports;
    if (start >= entries.length || index > Atomics.load(control, 1)) return;
    const chunk = entries.slice(start, start + chunkReports);
    try {
      const result = await checkReportEntries(archive, chunk, context, (done) => onProgress(finished + done));
      onChunk({ index, result });
    } catch (error) {
      noteFailure(control, index);
      onChunk({ index, failure: failureOf(error) });
    }
    finished += chunk.length;
  }
}
