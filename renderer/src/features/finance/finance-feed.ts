import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { batchAnnouncements, browserTimers, type FeedTimers } from '../../client/announcement-batch';
import { loadDetail, loadFacilities, shownFacilityId, useFinanceStore } from './store';

/** Refetches on onFacilitiesChanged, batched (recording a month of revenue for many facilities announces many). */
export function bindFinanceFeed(client: SietchClient, windowMs = 250, timers: FeedTimers = browserTimers): Dispose {
  const batch = batchAnnouncements<string>(windowMs, timers, (ids) => {
    void loadFacilities(client);
    const shown = shownFacilityId(useFinanceStore.getState().view);
    if (shown !== null && ids.includes(shown)) void loadDetail(client, shown);
  });
  const stop = client.subscribe('onFacilitiesChanged', ({ ids }) => batch.add(ids));
  return () => {
    stop();
    batch.dispose();
  };
}

/** Everything the Finance page shows, loaded again (start-up, after a reconnect). */
export function reloadFinance(client: SietchClient): void {
  void loadFacilities(client);
  const shown = shownFacilityId(useFinanceStore.getState().view);
  if (shown !== null) void loadDetail(client, shown);
}
