import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { batchAnnouncements, browserTimers, type FeedTimers } from '../../client/announcement-batch';
import { loadTab, receiveAlert } from './books-store';

/**
 * Keeps the books tabs current: onFinanceChanged and onFacilitiesChanged (a payment to the lender
 * moves coverage) reload the shown tab, batched; onFinanceAlert lands in the alert list at once.
 */
export function bindBooksFeed(client: SietchClient, windowMs = 250, timers: FeedTimers = browserTimers): Dispose {
  const batch = batchAnnouncements<string>(windowMs, timers, () => void loadTab(client));
  const stops = [
    client.subscribe('onFinanceChanged', ({ scope }) => batch.add([scope])),
    client.subscribe('onFacilitiesChanged', ({ ids }) => batch.add(ids)),
    client.subscribe('onFinanceAlert', (alert) => {
      receiveAlert(alert);
      batch.add([`alert:${alert.id}`]);
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    batch.dispose();
  };
}
