import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { batchAnnouncements, browserTimers, type FeedTimers } from '../../client/announcement-batch';
import { loadFleet } from './store';

/**
 * Refetches the sources and their hosts on onFleetSourcesChanged (a sweep finished, a source was
 * added or removed), batched: an add announces itself and then its first sweep a moment later.
 */
export function bindFleetFeed(client: SietchClient, windowMs = 250, timers: FeedTimers = browserTimers): Dispose {
  const batch = batchAnnouncements<string>(windowMs, timers, () => void loadFleet(client));
  const stop = client.subscribe('onFleetSourcesChanged', ({ at }) => batch.add([at]));
  return () => {
    stop();
    batch.dispose();
  };
}

/** Everything the fleet views show, loaded again (start-up, and after a reconnect). */
export function reloadFleet(client: SietchClient): void {
  void loadFleet(client);
}
