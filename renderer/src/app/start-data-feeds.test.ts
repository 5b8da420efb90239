import { describe, expect, it } from 'vitest';
import { reloadAfterReconnect } from './start-data-feeds';

describe('reload after a reconnect', () => {
  it('reloads when the event stream first connects (start-up loads may have raced pushed events) and each time it comes back', () => {
    let reloads = 0;
    const listener = reloadAfterReconnect(() => (reloads += 1));
    for (const state of ['connecting', 'connected'] as const) listener(state);
    expect(reloads).toBe(1);
    for (const state of ['reconnecting', 'reconnecting', 'connected'] as const) listener(state);
    expect(reloads).toBe(2);
    for (const state of ['offline', 'reconnecting', 'connected', 'connected'] as const) listener(state);
    expect(reloads).toBe(3);
  });

  it('does not reload a transport that is connected from the start (IPC)', () => {
    let reloads = 0;
    const listener = reloadAfterReconnect(() => (reloads += 1));
    for (const state of ['connected', 'connected'] as const) listener(state);
    expect(reloads).toBe(0);
  });

  it('reloads when the first connect only succeeds after failures', () => {
    let reloads = 0;
    const listener = reloadAfterReconnect(() => (reloads += 1));
    for (const state of ['connecting', 'reconnecting', 'connected'] as const) listener(state);
    expect(reloads).toBe(1);
  });
});
