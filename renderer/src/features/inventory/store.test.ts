import { beforeEach, describe, expect, it } from 'vitest';
import type { GpuSourceStatus } from '../../../../electron/contract/schemas/assets';
import { ApiError } from '../../../../electron/contract/errors';
import { closeDrawer, exportCostBook, loadAssets, openDrawer, receiveAssetSummary, refreshGpus, resetInventoryStore, useInventoryStore } from './store';
import { fakeClient, testAsset } from './test-assets';

const source = (state: GpuSourceStatus['state']): GpuSourceStatus => ({ state, message: null, driverVersion: null, lastReadAt: null, simulated: false, warnings: [] });

/** A promise the test resolves when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

beforeEach(() => resetInventoryStore());

describe('inventory store', () => {
  it('tells "not loaded" (undefined) from "no assets" ([])', async () => {
    expect(useInventoryStore.getState().assets).toBeUndefined();
    await loadAssets(fakeClient({ 'inventory.assets.list': async () => ({ assets: [], gpuSource: source('no-devices') }) }));
    expect(useInventoryStore.getState()).toMatchObject({ assets: [], gpuSource: { state: 'no-devices' }, loading: false, error: null });
  });

  it('never runs two list requests at once, and asks again when a change came in meanwhile', async () => {
    const answers = [deferred<unknown>(), deferred<unknown>()];
    let calls = 0;
    const client = fakeClient({ 'inventory.assets.list': () => answers[calls++]!.promise });
    const first = loadAssets(client);
    const second = loadAssets(client);
    const third = loadAssets(client);
    expect(calls).toBe(1);
    answers[0]!.resolve({ assets: [testAsset({ label: 'old' })], gpuSource: source('ok') });
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toBe(2);
    answers[1]!.resolve({ assets: [testAsset({ label: 'new' })], gpuSource: source('ok') });
    await Promise.all([first, second, third]);
    expect(useInventoryStore.getState().assets?.[0]?.label).toBe('new');
    expect(useInventoryStore.getState().loading).toBe(false);
  });

  it('keeps the last list when a reload fails, and shows why', async () => {
    await loadAssets(fakeClient({ 'inventory.assets.list': async () => ({ assets: [testAsset()], gpuSource: source('ok') }) }));
    await loadAssets(fakeClient({ 'inventory.assets.list': () => Promise.reject(new ApiError('unavailable', 'database is locked')) }));
    expect(useInventoryStore.getState()).toMatchObject({ assets: [testAsset()], error: { code: 'unavailable', message: 'database is locked' } });
  });

  it('replaces one row from an edit answer, leaving the others as they were', async () => {
    const other = testAsset({ id: 'gpu:other' });
    await loadAssets(fakeClient({ 'inventory.assets.list': async () => ({ assets: [testAsset(), other], gpuSource: source('ok') }) }));
    receiveAssetSummary(testAsset({ site: 'AMS-1' }));
    const { assets } = useInventoryStore.getState();
    expect(assets?.[0]?.site).toBe('AMS-1');
    expect(assets?.[1]).toBe(other);
    receiveAssetSummary(testAsset({ id: 'gpu:unknown' }));
    expect(useInventoryStore.getState().assets).toBe(assets);
  });

  it('refreshes the GPUs with a busy flag, then reloads the list', async () => {
    let busyDuringCall = false;
    const client = fakeClient({
      'inventory.gpus.refresh': async () => {
        busyDuringCall = useInventoryStore.getState().refreshingGpus;
        return source('timeout');
      },
      'inventory.assets.list': async () => ({ assets: [testAsset()], gpuSource: source('timeout') }),
    });
    await refreshGpus(client);
    expect(busyDuringCall).toBe(true);
    expect(useInventoryStore.getState()).toMatchObject({ refreshingGpus: false, gpuSource: { state: 'timeout' }, assets: [testAsset()] });
  });

  it('hands the export to the saver, and reports a failure instead', async () => {
    const saved: string[] = [];
    await exportCostBook(fakeClient({ 'inventory.costBook.export': async () => ({ csv: 'asset_id\r\n', filename: 'book.csv' }) }), (csv, name) => saved.push(name, csv));
    expect(saved).toEqual(['book.csv', 'asset_id\r\n']);
    await exportCostBook(fakeClient({ 'inventory.costBook.export': () => Promise.reject(new ApiError('internal', 'disk full')) }), () => {});
    expect(useInventoryStore.getState()).toMatchObject({ exporting: false, exportError: { code: 'internal' } });
  });

  it('opens the drawer on a row and closes it, keeping the selection', () => {
    openDrawer('gpu:a');
    expect(useInventoryStore.getState()).toMatchObject({ drawerOpen: true, selectedId: 'gpu:a' });
    closeDrawer();
    expect(useInventoryStore.getState()).toMatchObject({ drawerOpen: false, selectedId: 'gpu:a' });
  });
});
