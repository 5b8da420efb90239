import { describe, expect, it } from 'vitest';
import { assignGpuAssetIds } from './gpu-asset-ids';

describe('GPU asset ids', () => {
  it('use the UUID when present and unique', () => {
    expect(assignGpuAssetIds('host:h1', [{ uuid: 'GPU-a', pciBusId: '00000000:18:00.0' }, { uuid: 'GPU-b', pciBusId: '00000000:2A:00.0' }])).toEqual(['gpu:GPU-a', 'gpu:GPU-b']);
  });

  it('fall back to host + PCI bus id for a missing or duplicated UUID, never merging two GPUs', () => {
    const ids = assignGpuAssetIds('host:h1', [
      { uuid: 'GPU-dup', pciBusId: '00000000:18:00.0' },
      { uuid: 'GPU-dup', pciBusId: '00000000:2A:00.0' },
      { uuid: null, pciBusId: '00000000:3A:00.0' },
      { uuid: 'GPU-c', pciBusId: '00000000:5D:00.0' },
    ]);
    expect(ids).toEqual(['gpu:host:h1:00000000:18:00.0', 'gpu:host:h1:00000000:2A:00.0', 'gpu:host:h1:00000000:3A:00.0', 'gpu:GPU-c']);
    expect(new Set(ids).size).toBe(4);
  });

  it('keep colliding readings apart even when the bus id repeats', () => {
    const ids = assignGpuAssetIds('host:h1', [{ uuid: null, pciBusId: '00000000:18:00.0' }, { uuid: null, pciBusId: '00000000:18:00.0' }]);
    expect(ids).toEqual(['gpu:host:h1:00000000:18:00.0', 'gpu:host:h1:00000000:18:00.0#1']);
  });
});
