import { beforeEach, describe, expect, it } from 'vitest';
import type { SietchClient } from '../../../../electron/contract/client';
import { ApiError } from '../../../../electron/contract/errors';
import { initialHostState, loadHostInventory, receiveHostInventory, refreshHostInventory, useHostStore } from './store';
import { testInventory } from './test-inventory';

/** A client whose invoke answers from a table of functions; nothing else is used by the store. */
function fakeClient(answers: Record<string, () => Promise<unknown>>): SietchClient {
  return {
    transport: 'http',
    invoke: ((method: string) => answers[method]!()) as SietchClient['invoke'],
    subscribe: () => () => {},
    onConnectionChange: () => () => {},
  };
}

beforeEach(() => useHostStore.setState(initialHostState, true));

describe('host store', () => {
  it('tells "not loaded" (undefined) from "no inventory yet" (null)', async () => {
    expect(useHostStore.getState().inventory).toBeUndefined();
    await loadHostInventory(fakeClient({ 'inventory.host.get': async () => null }));
    expect(useHostStore.getState()).toMatchObject({ inventory: null, loading: false, error: null });
  });

  it('refresh stores the new inventory and clears the busy flag', async () => {
    const host = testInventory();
    let busyDuringCall = false;
    await refreshHostInventory(
      fakeClient({
        'inventory.host.refresh': async () => {
          busyDuringCall = useHostStore.getState().refreshing;
          return host;
        },
      }),
    );
    expect(busyDuringCall).toBe(true);
    expect(useHostStore.getState()).toMatchObject({ inventory: host, refreshing: false, error: null });
  });

  it('keeps the last inventory and shows the error when a refresh fails', async () => {
    const host = testInventory();
    receiveHostInventory(host);
    await refreshHostInventory(fakeClient({ 'inventory.host.refresh': async () => Promise.reject(new ApiError('unavailable', 'systeminformation timed out')) }));
    expect(useHostStore.getState()).toMatchObject({ inventory: host, refreshing: false, error: { code: 'unavailable', message: 'systeminformation timed out' } });
  });

  it('never replaces a newer inventory with an older answer', () => {
    const newer = testInventory({ collectedAt: '2026-11-24T15:05:00.000Z' });
    receiveHostInventory(newer);
    receiveHostInventory(testInventory({ collectedAt: '2026-11-24T15:00:00Z' }));
    receiveHostInventory(null);
    expect(useHostStore.getState().inventory).toBe(newer);
    const newest = testInventory({ collectedAt: '2026-11-24T15:10:00.000Z', hostname: 'renamed' });
    receiveHostInventory(newest);
    expect(useHostStore.getState().inventory).toBe(newest);
  });
});
