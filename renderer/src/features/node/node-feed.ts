import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { loadNodeStatus } from './node-status';
import { reloadDetailIfOpen } from './report-detail';
import { loadNewestReports } from './report-list';
import { useNodeStore } from './store';

export interface FeedTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: FeedTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Refetches on onReportsChanged (an epoch closed, reports were signed), gathering the
 * announcements of `windowMs` into one reload of the status, the newest reports and the open
 * report: a node back from a long stop closes every missed epoch at once, and signing a backlog
 * announces it in batches. The window opens at the first announcement and is not pushed back
 * by later ones, so a steady stream still reloads every `windowMs`.
 */
export function bindNodeFeed(client: SietchClient, windowMs = 300, timers: FeedTimers = browserTimers): Dispose {
  let timer: unknown = null;
  const changed = new Set<number>();
  const flush = (): void => {
    timer = null;
    const seqs = [...changed];
    changed.clear();
    void loadNodeStatus(client);
    void loadNewestReports(client, seqs);
    reloadDetailIfOpen(client, seqs);
  };
  const stop = client.subscribe('onReportsChanged', ({ seqs }) => {
    for (const seq of seqs) changed.add(seq);
    timer ??= timers.setTimeout(flush, windowMs);
  });
  return () => {
    stop();
    if (timer !== null) timers.clearTimeout(timer);
  };
}

/**
 * Everything the Node page shows, loaded again (start-up, and after a reconnect). Every loaded
 * report counts as changed: announcements sent while the connection was down are lost.
 */
export function reloadNode(client: SietchClient): void {
  void loadNodeStatus(client);
  void loadNewestReports(client, useNodeStore.getState().reports?.map((report) => report.seq) ?? []);
  reloadDetailIfOpen(client);
}
