import { beforeEach, describe, expect, it } from 'vitest';
import { loadDetail, useDetailStore, initialDetailState } from './detail-store';
import { bindInventoryFeed } from './inventory-feed';
import { loadAssets, resetInventoryStore, useInventoryStore } from './store';
import { fakeClient, testAsset, testDetail } from './test-assets';
import { manualTimers } from '../../client/manual-timers';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  resetInventoryStore();
  useDetailStore.setState(initialDetailState, true);
});

describe('the inventory feed', () => {
  it('gathers the changes of one window into one reload of the list and of the shown asset', async () => {
    const calls: string[] = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const client = fakeClient(
      {
        'inventory.assets.list': async () => {
          calls.push('list');
          return { assets: [testAsset()], gpuSource: { state: 'ok', message: null, driverVersion: null, lastReadAt: null, simulated: false, warnings: [] } };
        },
        'inventory.asset.get': async (input) => {
          calls.push(`get ${(input as { id: string }).id}`);
          return testDetail();
        },
      },
      listeners,
    );
    await loadDetail(client, testAsset().id);
    calls.length = 0;
    const timers = manualTimers();
    const stop = bindInventoryFeed(client, 300, timers);
    const announce = listeners.get('onAssetsChanged')!;
    for (let change = 0; change < 50; change += 1) announce({ ids: [change === 7 ? testAsset().id : `gpu:other-${change}`], at: '2026-11-24T15:00:00.000Z' });
    expect(timers.pending()).toBe(1);
    timers.fire();
    await flush();
    expect(calls.sort()).toEqual(['get gpu:GPU-6f2a1b3c-0d4e-5f60-7182-93a4b5c6d7e8', 'list']);

    // A change to other assets reloads the list only.
    calls.length = 0;
    announce({ ids: ['gpu:someone-else'], at: '2026-11-24T15:00:01.000Z' });
    timers.fire();
    await flush();
    expect(calls).toEqual(['list']);

    stop();
    expect(listeners.has('onAssetsChanged')).toBe(false);
  });

  it('follows the GPU source state pushed by the core, without polling', async () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const client = fakeClient({ 'inventory.assets.list': async () => ({ assets: [], gpuSource: { state: 'never-read', message: null, driverVersion: null, lastReadAt: null, simulated: false, warnings: [] } }) }, listeners);
    const timers = manualTimers();
    const stop = bindInventoryFeed(client, 300, timers);
    await loadAssets(client);
    expect(useInventoryStore.getState().gpuSource?.state).toBe('never-read');
    listeners.get('onGpuSourceChanged')!({ state: 'timeout', message: 'nvidia-smi did not answer', driverVersion: null, lastReadAt: '2026-11-24T15:00:00.000Z', simulated: false, warnings: [] });
    expect(useInventoryStore.getState().gpuSource).toMatchObject({ state: 'timeout', message: 'nvidia-smi did not answer' });
    expect(timers.pending()).toBe(0);
    stop();
    expect(listeners.has('onGpuSourceChanged')).toBe(false);
  });
});
