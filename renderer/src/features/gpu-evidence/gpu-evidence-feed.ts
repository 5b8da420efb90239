import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { batchAnnouncements, browserTimers, type FeedTimers } from '../../client/announcement-batch';
import { reloadEvidenceDetailIfShown } from './evidence-detail-store';
import { loadGpuEvidence } from './store';

/**
 * Reloads on onGpuEvidenceChanged, batched: at each epoch's close the node asks every local GPU
 * for evidence, one after another, and may announce them one by one. One reload of the latest
 * records and the status, and of the drawer's GPU if it was among them.
 */
export function bindGpuEvidenceFeed(client: SietchClient, windowMs = 300, timers: FeedTimers = browserTimers): Dispose {
  const batch = batchAnnouncements<string>(windowMs, timers, (assetIds) => {
    void loadGpuEvidence(client);
    reloadEvidenceDetailIfShown(client, assetIds);
  });
  const stop = client.subscribe('onGpuEvidenceChanged', ({ assetIds }) => batch.add(assetIds));
  return () => {
    stop();
    batch.dispose();
  };
}

/** Loaded again at start-up and after a reconnect (announcements sent meanwhile are lost). */
export function reloadGpuEvidence(client: SietchClient): void {
  void loadGpuEvidence(client);
  reloadEvidenceDetailIfShown(client);
}
