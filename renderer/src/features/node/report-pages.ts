import type { ReportSummary } from '../../../../electron/contract/schemas/node';

/**
 * The loaded part of the report list and how it grows. Reports come newest first, 100 at a time;
 * sequence numbers never skip, so the loaded reports are always one unbroken run of seqs, from
 * the newest down to the oldest page fetched. These functions keep it that way.
 */
export const REPORT_PAGE_SIZE = 100;
/** The API's largest page, used to refresh a run of changed reports in few calls. */
export const REPORT_MAX_PAGE = 500;

export interface LoadedReports {
  /** Newest first, consecutive seqs. */
  reports: ReportSummary[];
  /** Older reports exist beyond the last one loaded. */
  hasOlder: boolean;
}

const newestFirst = (a: ReportSummary, b: ReportSummary): number => b.seq - a.seq;

/**
 * The newest page, fetched again (an epoch closed, reports were signed, the connection came back),
 * merged with what was loaded: new reports go on top, known ones are replaced (their status may
 * have changed). When the new page does not reach the loaded ones (more than a page closed
 * meanwhile: a node restarted after a long stop closes every missed epoch at once), or the server
 * no longer has them (another data directory), the loaded list is dropped for the new page:
 * a hole in the list would show a history that skips.
 */
export function mergeNewest(loaded: LoadedReports | undefined, head: readonly ReportSummary[], pageSize = REPORT_PAGE_SIZE): LoadedReports {
  const fresh = (): LoadedReports => ({ reports: [...head].sort(newestFirst), hasOlder: head.length >= pageSize });
  if (!loaded || loaded.reports.length === 0 || head.length === 0) return fresh();
  const loadedNewest = loaded.reports[0]!.seq;
  const headNewest = Math.max(...head.map((report) => report.seq));
  const headOldest = Math.min(...head.map((report) => report.seq));
  if (headNewest < loadedNewest || headOldest > loadedNewest + 1) return fresh();
  const bySeq = new Map(loaded.reports.map((report) => [report.seq, report]));
  for (const report of head) bySeq.set(report.seq, report);
  return { reports: [...bySeq.values()].sort(newestFirst), hasOlder: loaded.hasOlder };
}

/**
 * An older page (fetched with beforeSeq = the oldest loaded seq) added at the bottom. A page that
 * does not continue the list (the list was replaced while it was on its way) is dropped.
 */
export function appendOlder(loaded: LoadedReports, page: readonly ReportSummary[], pageSize = REPORT_PAGE_SIZE): LoadedReports {
  const oldest = loaded.reports.at(-1);
  const sorted = [...page].sort(newestFirst);
  if (oldest && sorted[0] && sorted[0].seq !== oldest.seq - 1) return loaded;
  return { reports: [...loaded.reports, ...sorted], hasOlder: page.length >= pageSize };
}

/**
 * The changed reports that are loaded but below the newest page just fetched (signing catches up
 * on a backlog, oldest first): the run of seqs to fetch again, newest and oldest, or null.
 */
export function staleRun(loaded: readonly ReportSummary[], changedSeqs: readonly number[], headOldest: number): { newest: number; oldest: number } | null {
  const loadedOldest = loaded.at(-1)?.seq;
  if (loadedOldest === undefined) return null;
  const stale = changedSeqs.filter((seq) => seq < headOldest && seq >= loadedOldest);
  if (stale.length === 0) return null;
  return { newest: Math.max(...stale), oldest: Math.min(...stale) };
}

/** Newer versions of reports already loaded replace them; nothing is added or removed. */
export function replaceLoaded(loaded: LoadedReports, updates: readonly ReportSummary[]): LoadedReports {
  if (updates.length === 0) return loaded;
  const bySeq = new Map(updates.map((report) => [report.seq, report]));
  return { ...loaded, reports: loaded.reports.map((report) => bySeq.get(report.seq) ?? report) };
}
