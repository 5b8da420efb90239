import { describe, expect, it } from 'vitest';
import { nextSort } from './columns';
import { hostLabelsOf } from './host-labels';
import { sortAssets } from './sort-assets';
import { testAsset } from './test-assets';

const ids = (list: { id: string }[]) => list.map((asset) => asset.id);
const noHosts = new Map<string, string>();

describe('sorting assets', () => {
  it('sorts text naturally: gpu-node-2 before gpu-node-10, case ignored', () => {
    const assets = [testAsset({ id: 'gpu:c', serial: 'node-10' }), testAsset({ id: 'gpu:a', serial: 'Node-2' }), testAsset({ id: 'gpu:b', serial: 'node-1' })];
    expect(ids(sortAssets(assets, { column: 'serial', direction: 'asc' }, noHosts))).toEqual(['gpu:b', 'gpu:a', 'gpu:c']);
    expect(ids(sortAssets(assets, { column: 'serial', direction: 'desc' }, noHosts))).toEqual(['gpu:c', 'gpu:a', 'gpu:b']);
  });

  it('keeps missing values last in both directions', () => {
    const assets = [testAsset({ id: 'gpu:none', powerDrawW: null }), testAsset({ id: 'gpu:low', powerDrawW: 80 }), testAsset({ id: 'gpu:high', powerDrawW: 700 })];
    expect(ids(sortAssets(assets, { column: 'power', direction: 'asc' }, noHosts))).toEqual(['gpu:low', 'gpu:high', 'gpu:none']);
    expect(ids(sortAssets(assets, { column: 'power', direction: 'desc' }, noHosts))).toEqual(['gpu:high', 'gpu:low', 'gpu:none']);
  });

  it('puts the worst health first when ascending, more reasons first within a status', () => {
    const assets = [
      testAsset({ id: 'gpu:ok' }),
      testAsset({ id: 'gpu:unknown', health: { status: 'unknown', reasons: ['missing'] } }),
      testAsset({ id: 'gpu:degraded-1', health: { status: 'degraded', reasons: ['thermal-slowdown'] } }),
      testAsset({ id: 'gpu:failing', health: { status: 'failing', reasons: ['remap-failure'] } }),
      testAsset({ id: 'gpu:degraded-2', health: { status: 'degraded', reasons: ['thermal-slowdown', 'power-brake'] } }),
    ];
    expect(ids(sortAssets(assets, { column: 'health', direction: 'asc' }, noHosts))).toEqual(['gpu:failing', 'gpu:degraded-2', 'gpu:degraded-1', 'gpu:unknown', 'gpu:ok']);
  });

  it('puts missing assets first and retired ones last by status', () => {
    const assets = [testAsset({ id: 'gpu:r', status: 'retired' }), testAsset({ id: 'gpu:p', status: 'present' }), testAsset({ id: 'gpu:m', status: 'missing' })];
    expect(ids(sortAssets(assets, { column: 'status', direction: 'asc' }, noHosts))).toEqual(['gpu:m', 'gpu:p', 'gpu:r']);
  });

  it('compares money exactly, beyond what a float can hold', () => {
    const assets = [testAsset({ id: 'gpu:b', acquisitionCost: 9_007_199_254_740_993n }), testAsset({ id: 'gpu:a', acquisitionCost: 9_007_199_254_740_992n }), testAsset({ id: 'gpu:none', acquisitionCost: null })];
    expect(ids(sortAssets(assets, { column: 'cost', direction: 'asc' }, noHosts))).toEqual(['gpu:a', 'gpu:b', 'gpu:none']);
  });

  it('sorts the host column by hostname where the host is registered', () => {
    const hostA = testAsset({ id: 'host:zzz', kind: 'host', label: 'alpha', hostId: null });
    const assets = [testAsset({ id: 'gpu:1', hostId: 'host:aaa' }), testAsset({ id: 'gpu:2', hostId: 'host:zzz' }), hostA];
    // "alpha" (gpu:2's host, registered) before "host:aaa" (unregistered); the host itself has no host.
    expect(ids(sortAssets(assets, { column: 'host', direction: 'asc' }, hostLabelsOf(assets)))).toEqual(['gpu:2', 'gpu:1', 'host:zzz']);
  });

  it('breaks ties by id and never mutates its input', () => {
    const assets = [testAsset({ id: 'gpu:b' }), testAsset({ id: 'gpu:a' })];
    const before = ids(assets);
    expect(ids(sortAssets(assets, { column: 'kind', direction: 'desc' }, noHosts))).toEqual(['gpu:a', 'gpu:b']);
    expect(ids(assets)).toEqual(before);
  });

  it('flips direction on the same column, starts ascending on another', () => {
    expect(nextSort({ column: 'id', direction: 'asc' }, 'id')).toEqual({ column: 'id', direction: 'desc' });
    expect(nextSort({ column: 'id', direction: 'desc' }, 'id')).toEqual({ column: 'id', direction: 'asc' });
    expect(nextSort({ column: 'id', direction: 'desc' }, 'serial')).toEqual({ column: 'serial', direction: 'asc' });
  });

  it('sorts 10,000 assets in well under a frame budget of a few frames', () => {
    const assets = Array.from({ length: 10_000 }, (_, index) => testAsset({ id: `gpu:GPU-${(index * 7919) % 10_007}`, serial: String((index * 104_729) % 1_000_003), powerDrawW: (index * 31) % 700 }));
    for (const column of ['serial', 'power', 'health', 'id'] as const) {
      const started = performance.now();
      const sorted = sortAssets(assets, { column, direction: 'asc' }, noHosts);
      const elapsed = performance.now() - started;
      expect(sorted).toHaveLength(10_000);
      // Generous: CI machines are slow; locally this is ~10-30 ms.
      expect(elapsed, column).toBeLessThan(500);
    }
  });
});
