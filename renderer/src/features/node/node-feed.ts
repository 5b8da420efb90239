import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { batchAnnouncements, browserTimers, type FeedTimers } from '../../client/announcement-batch';
import { loadNodeStatus } from './node-status';
import { reloadDetailIfOpen } from './report-detail';
import { loadNewestReports } from './report-list';
import { useNodeStore } from './store';

/**
 * Refetches on onReportsChanged (an epoch closed, reports were signed), batched into one reload
 * of the status, the newest reports and the open report: a node back from a long stop closes
 * every missed epoch at once, and signing a backlog announces it in batches.
 */
export function bindNodeFeed(client: SietchClient, windowMs = 300, timers: FeedTimers = browserTimers): Dispose {
  const batch = batchAnnouncements<number>(windowMs, timers, (seqs) => {
    void loadNodeStatus(client);
    void loadNewestReports(client, seqs);
    reloadDetailIfOpen(client, seqs);
  });
  const stop = client.subscribe('onReportsChanged', ({ seqs }) => batch.add(seqs));
  return () => {
    stop();
    batch.dispose();
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
