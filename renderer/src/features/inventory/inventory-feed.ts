import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { reloadDetailIfShown } from './detail-store';
import { loadAssets, useInventoryStore } from './store';

export interface FeedTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How often the list is asked again while the GPUs have never been read (start-up). */
const NEVER_READ_POLL_MS = 3000;

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
export function bindInventoryFeed(client: SietchClient, windowMs = 300, timers: FeedTimers = browserTimers, neverReadPollMs = NEVER_READ_POLL_MS): Dispose {
  let timer: unknown = null;
  let poll: unknown = null;
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
  // The core announces changed assets, not a change of the GPU source state alone: a first read
  // that finds no GPU (driver missing, timeout) sends nothing. Until a read has happened, ask again.
  const stopPolling = useInventoryStore.subscribe((state) => {
    if (state.loading || state.gpuSource?.state !== 'never-read' || poll !== null) return;
    poll = timers.setTimeout(() => {
      poll = null;
      void loadAssets(client);
    }, neverReadPollMs);
  });
  return () => {
    stop();
    stopPolling();
    if (timer !== null) timers.clearTimeout(timer);
    if (poll !== null) timers.clearTimeout(poll);
  };
}

/** Everything the Inventory page shows, loaded again (start-up, and after a reconnect). */
export function reloadInventory(client: SietchClient): void {
  void loadAssets(client);
  reloadDetailIfShown(client);
}
