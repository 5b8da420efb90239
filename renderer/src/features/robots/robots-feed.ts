import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import { batchAnnouncements, browserTimers, type FeedTimers } from '../../client/announcement-batch';
import { loadRobotDetail, loadRobots, useRobotsStore } from './store';

/**
 * Refetches on onRobotsChanged, batched: a fleet of robots each sending a state every few
 * seconds announces changes all the time, and a refetch a second is what a person can read.
 */
export function bindRobotsFeed(client: SietchClient, windowMs = 1000, timers: FeedTimers = browserTimers): Dispose {
  const batch = batchAnnouncements<string>(windowMs, timers, (ids) => {
    void loadRobots(client);
    const { openId } = useRobotsStore.getState();
    if (openId !== null && ids.includes(openId)) void loadRobotDetail(client, openId);
  });
  const stop = client.subscribe('onRobotsChanged', ({ ids }) => batch.add(ids));
  return () => {
    stop();
    batch.dispose();
  };
}

/** Everything the Robots page shows, loaded again (start-up, and after a reconnect). */
export function reloadRobots(client: SietchClient): void {
  void loadRobots(client);
  const { openId } = useRobotsStore.getState();
  if (openId !== null) void loadRobotDetail(client, openId);
}
