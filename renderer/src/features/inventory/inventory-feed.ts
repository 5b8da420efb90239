import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { reloadDetailIfShown } from './detail-store';
import { loadAssets, useInventoryStore } from './store';

export interface FeedTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: FeedTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Refetches on onAssetsChanged, gathering the announcements of `windowMs` into one reload: an
 * import or a sweep of a big server sends many, and the list holds up to 10,000 rows. The window
 * opens at the first announcement and is not pushed back by later ones, so a steady stream of
 * changes still reloads every `windowMs` instead of never.
 */
export function bindInventoryFeed(client: SietchClient, windowMs = 300, timers: FeedTimers = browserTimers): Dispose {
  let timer: unknown = null;
  const changed = new Set<string>();
  const flush = (): void => {
    timer = null;
    const ids = [...changed];
    changed.clear();
    void loadAssets(client);
    reloadDetailIfShown(client, ids);
  };
  const stop = client.subscribe('onAssetsChanged', ({ ids }) => {
    for (const id of ids) changed.add(id);
    timer ??= timers.setTimeout(flush, windowMs);
  });
  // A read that finds no GPU (driver missing, a hung nvidia-smi) changes no asset, so the source
  // state has its own event: the banner follows it without polling.
  const stopSource = client.subscribe('onGpuSourceChanged', (gpuSource) => useInventoryStore.setState({ gpuSource }));
  return () => {
    stop();
    stopSource();
    if (timer !== null) timers.clearTimeout(timer);
  };
}

/** Everything the Inventory page shows, loaded again (start-up, and after a reconnect). */
export function reloadInventory(client: SietchClient): void {
  void loadAssets(client);
  reloadDetailIfShown(client);
}
