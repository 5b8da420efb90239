/** Timers, injectable so the batching can be tested by firing them by hand. */
export interface FeedTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: FeedTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AnnouncementBatch<K> {
  add(keys: Iterable<K>): void;
  dispose(): void;
}

/**
 * Gathers what the core announces (changed ids, closed epochs …) for `windowMs` and hands it
 * over once: a sweep, an import or a node catching up announces many changes, and each reload
 * is a whole list. The window opens at the first announcement and is not pushed back by later
 * ones, so a steady stream still reloads every `windowMs` instead of never.
 */
export function batchAnnouncements<K>(windowMs: number, timers: FeedTimers, flush: (keys: K[]) => void): AnnouncementBatch<K> {
  let timer: unknown = null;
  const pending = new Set<K>();
  return {
    add(keys) {
      for (const key of keys) pending.add(key);
      timer ??= timers.setTimeout(() => {
        timer = null;
        const keys = [...pending];
        pending.clear();
        flush(keys);
      }, windowMs);
    },
    dispose() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
