import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { batchAnnouncements, browserTimers, type FeedTimers } from '../../client/announcement-batch';
import { describeError } from '../../client/describe-error';
import { latestOnly } from '../node/latest-only';
import { RECENT_PUBLICATIONS, useChainStore } from './store';

const order = latestOnly();

/** The chain's status and the newest publications, in one go; the newest-sent answer wins. */
export async function loadChain(client: SietchClient): Promise<void> {
  const ticket = order.issue();
  try {
    const [status, { publications }] = await Promise.all([client.invoke('chain.status'), client.invoke('chain.publications.list', { limit: RECENT_PUBLICATIONS })]);
    if (order.accept(ticket)) useChainStore.setState({ status, recent: publications, error: null });
  } catch (error) {
    if (order.accept(ticket)) useChainStore.setState({ error: describeError(error) });
  }
}

/**
 * Reloads on onChainPublicationsChanged (queued, sent, mined, confirmed, failed, reorged),
 * batched: a backlog published after an outage announces dozens of changes in a few seconds.
 */
export function bindChainFeed(client: SietchClient, windowMs = 300, timers: FeedTimers = browserTimers): Dispose {
  const batch = batchAnnouncements<number>(windowMs, timers, () => void loadChain(client));
  const stop = client.subscribe('onChainPublicationsChanged', ({ seqs }) => batch.add(seqs));
  return () => {
    stop();
    batch.dispose();
  };
}

export function reloadChain(client: SietchClient): void {
  void loadChain(client);
}
