import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../electron/contract/errors';
import { clearDetail, initialDetailState, loadDetail, useDetailStore } from './detail-store';
import { fakeClient, testAsset, testDetail } from './test-assets';

beforeEach(() => useDetailStore.setState(initialDetailState, true));

describe('asset detail store', () => {
  it('keeps only the answer for the asset still shown, whatever order answers arrive in', async () => {
    let releaseFirst!: () => void;
    const client = fakeClient({
      'inventory.asset.get': (input) => {
        const { id } = input as { id: string };
        const detail = testDetail({ asset: testAsset({ id }) });
        return id === 'gpu:first' ? new Promise((resolve) => (releaseFirst = () => resolve(detail))) : Promise.resolve(detail);
      },
    });
    const first = loadDetail(client, 'gpu:first');
    await loadDetail(client, 'gpu:second');
    releaseFirst();
    await first;
    expect(useDetailStore.getState()).toMatchObject({ id: 'gpu:second', detail: { asset: { id: 'gpu:second' } }, loading: false });
  });

  it('shows the error of the asset shown, and clears on close', async () => {
    await loadDetail(fakeClient({ 'inventory.asset.get': () => Promise.reject(new ApiError('not-found', 'no asset "gpu:x"')) }), 'gpu:x');
    expect(useDetailStore.getState()).toMatchObject({ id: 'gpu:x', detail: null, error: { code: 'not-found' } });
    clearDetail();
    expect(useDetailStore.getState()).toEqual(initialDetailState);
  });
});
