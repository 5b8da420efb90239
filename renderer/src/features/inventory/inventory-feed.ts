import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { batchAnnouncements, browserTimers, type FeedTimers } from '../../client/announcement-batch';
import { reloadDetailIfShown } from './detail-store';
import { loadAssets, useInventoryStore } from './store';

/** Refetches on onAssetsChanged, batched: an import or a sweep announces many, and the list holds up to 10,000 rows. */
export function bindInventoryFeed(client: SietchClient, windowMs = 300, timers: FeedTimers = browserTimers): Dispose {
  const batch = batchAnnouncements<string>(windowMs, timers, (ids) => {
    void loadAssets(client);
    reloadDetailIfShown(client, ids);
  });
  const stop = client.subscribe('onAssetsChanged', ({ ids }) => batch.add(ids));
  // A read that finds no GPU (driver missing, a hung nvidia-smi) changes no asset, so the source
  // state has its own event: the banner follows it without polling.
  const stopSource = client.subscribe('onGpuSourceChanged', (gpuSource) => useInventoryStore.setState({ gpuSource }));
  return () => {
    stop();
    stopSource();
    batch.dispose();
  };
}

/** Everything the Inventory page shows, loaded again (start-up, and after a reconnect). */
export function reloadInventory(client: SietchClient): void {
  void loadAssets(client);
  reloadDetailIfShown(client);
}
