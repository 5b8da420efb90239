import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import type { FeedTimers } from '../inventory/inventory-feed';
import { loadDetail, loadFacilities, shownFacilityId, useFinanceStore } from './store';

const browserTimers: FeedTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Refetches on onFacilitiesChanged, gathering the announcements of `windowMs` into one reload
 * (recording a month of revenue for many facilities sends many). The window opens at the first
 * announcement and is not pushed back by later ones, so a steady stream still reloads.
 */
export function bindFinanceFeed(client: SietchClient, windowMs = 250, timers: FeedTimers = browserTimers): Dispose {
  let timer: unknown = null;
  const changed = new Set<string>();
  const flush = (): void => {
    timer = null;
    const ids = new Set(changed);
    changed.clear();
    void loadFacilities(client);
    const shown = shownFacilityId(useFinanceStore.getState().view);
    if (shown !== null && ids.has(shown)) void loadDetail(client, shown);
  };
  const stop = client.subscribe('onFacilitiesChanged', ({ ids }) => {
    for (const id of ids) changed.add(id);
    timer ??= timers.setTimeout(flush, windowMs);
  });
  return () => {
    stop();
    if (timer !== null) timers.clearTimeout(timer);
  };
}

/** Everything the Finance page shows, loaded again (start-up, after a reconnect). */
export function reloadFinance(client: SietchClient): void {
  void loadFacilities(client);
  const shown = shownFacilityId(useFinanceStore.getState().view);
  if (shown !== null) void loadDetail(client, shown);
}
