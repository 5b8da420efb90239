import type { SietchClient } from '../../../../electron/contract/client';
import { describeError } from '../../client/describe-error';
import { appendOlder, mergeNewest, REPORT_MAX_PAGE, REPORT_PAGE_SIZE, replaceLoaded, staleRun } from './report-pages';
import { useNodeStore } from './store';

const loadedNow = () => {
  const { reports, hasOlder } = useNodeStore.getState();
  return reports === undefined ? undefined : { reports, hasOlder };
};

// One reload of the newest page at a time: changes announced while one is in flight are
// gathered and asked for once it is done (its answer may predate them), never in parallel.
let inFlight: Promise<void> | null = null;
let queued: Set<number> | null = null;

/**
 * Fetches the newest page again and merges it, then refreshes the changed reports (by seq) that
 * are loaded below it: signing a backlog changes old reports, not only new ones.
 */
export function loadNewestReports(client: SietchClient, changedSeqs: readonly number[] = []): Promise<void> {
  queued ??= new Set();
  for (const seq of changedSeqs) queued.add(seq);
  if (inFlight) return inFlight;
  inFlight = (async () => {
    try {
      while (queued) {
        const changed = [...queued];
        queued = null;
        await fetchNewest(client, changed);
      }
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

async function fetchNewest(client: SietchClient, changed: number[]): Promise<void> {
  try {
    const { reports: head } = await client.invoke('node.reports.list', { limit: REPORT_PAGE_SIZE });
    const merged = mergeNewest(loadedNow(), head);
    useNodeStore.setState({ reports: merged.reports, hasOlder: merged.hasOlder, reportsError: null });
    const headOldest = Math.min(...head.map((report) => report.seq));
    const run = staleRun(merged.reports, changed, headOldest);
    if (run) await refreshRun(client, run);
  } catch (error) {
    useNodeStore.setState({ reportsError: describeError(error) });
  }
}

/** Fetches seqs newest..oldest again, in the largest pages the API allows. */
async function refreshRun(client: SietchClient, run: { newest: number; oldest: number }): Promise<void> {
  let beforeSeq = run.newest + 1;
  while (beforeSeq > run.oldest) {
    const { reports: page } = await client.invoke('node.reports.list', { beforeSeq, limit: Math.min(REPORT_MAX_PAGE, beforeSeq - run.oldest) });
    const loaded = loadedNow();
    if (!loaded || page.length === 0) return;
    useNodeStore.setState({ reports: replaceLoaded(loaded, page).reports });
    beforeSeq = Math.min(...page.map((report) => report.seq));
  }
}

/** The next 100 older reports, when the list is scrolled near its end. One page at a time. */
export async function loadOlderReports(client: SietchClient): Promise<void> {
  const { reports, hasOlder, loadingOlder } = useNodeStore.getState();
  const oldest = reports?.at(-1);
  if (!oldest || !hasOlder || loadingOlder) return;
  useNodeStore.setState({ loadingOlder: true });
  try {
    const { reports: page } = await client.invoke('node.reports.list', { beforeSeq: oldest.seq, limit: REPORT_PAGE_SIZE });
    const loaded = loadedNow();
    if (!loaded) return;
    const next = appendOlder(loaded, page);
    if (next !== loaded) useNodeStore.setState({ reports: next.reports, hasOlder: next.hasOlder, reportsError: null });
  } catch (error) {
    useNodeStore.setState({ reportsError: describeError(error) });
  } finally {
    useNodeStore.setState({ loadingOlder: false });
  }
}

/** Tests only: forget any request in flight. */
export function resetReportListLoads(): void {
  inFlight = null;
  queued = null;
}
