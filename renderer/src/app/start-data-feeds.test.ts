import { describe, expect, it } from 'vitest';
import { reloadAfterReconnect } from './start-data-feeds';

describe('reload after a reconnect', () => {
  it('reloads each time the connection comes back, not on the first connect', () => {
    let reloads = 0;
    const listener = reloadAfterReconnect(() => (reloads += 1));
    for (const state of ['connecting', 'connected'] as const) listener(state);
    expect(reloads).toBe(0);
    for (const state of ['reconnecting', 'reconnecting', 'connected'] as const) listener(state);
    expect(reloads).toBe(1);
    for (const state of ['offline', 'reconnecting', 'connected', 'connected'] as const) listener(state);
    expect(reloads).toBe(2);
  });

  it('reloads when the first connect only succeeds after failures', () => {
    let reloads = 0;
    const listener = reloadAfterReconnect(() => (reloads += 1));
    for (const state of ['connecting', 'reconnecting', 'connected'] as const) listener(state);
    expect(reloads).toBe(1);
  });
});
