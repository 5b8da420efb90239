import type { FeedTimers } from './announcement-batch';

/** Timers a test fires by hand: the batching window closes when the test says so. */
export function manualTimers(): FeedTimers & { fire(): void; pending(): number } {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (callback) => {
      queue.set(next, callback);
      return next++;
    },
    clearTimeout: (handle) => queue.delete(handle as number),
    fire: () => {
      const callbacks = [...queue.values()];
      queue.clear();
      callbacks.forEach((callback) => callback());
    },
    pending: () => queue.size,
  };
}
