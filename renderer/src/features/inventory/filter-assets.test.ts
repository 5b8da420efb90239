import { describe, expect, it } from 'vitest';
import { buildSearchIndex, filterAssets, NO_FILTERS, searchTerms, toggleFilter } from './filter-assets';
import { hostLabelsOf } from './host-labels';
import { testAsset } from './test-assets';

const fleet = [
  testAsset({ id: 'gpu:GPU-aaa', serial: '1652000000001', uuid: 'GPU-aaa', site: 'PAR-1', rack: 'R07', hostId: 'host:h1' }),
  testAsset({ id: 'gpu:GPU-bbb', serial: '1652000000002', uuid: 'GPU-bbb', site: 'AMS-1', rack: 'R12', hostId: 'host:h1', status: 'missing', health: { status: 'unknown', reasons: ['missing'] } }),
  testAsset({ id: 'gpu:GPU-ccc', serial: '1652000000003', uuid: 'GPU-ccc', label: 'NVIDIA A100-SXM4-80GB', site: null, rack: null, hostId: 'host:h2', health: { status: 'failing', reasons: ['remap-failure'] } }),
  testAsset({ id: 'host:h1', kind: 'host', label: 'gpu-node-07', model: 'PowerEdge XE9680', serial: 'B5RNKK3', uuid: null, hostId: null, pciBusId: null, site: null, rack: null }),
];
const index = buildSearchIndex(fleet, hostLabelsOf(fleet));
const ids = (list: { id: string }[]) => list.map((asset) => asset.id);

describe('searching and filtering assets', () => {
  it('finds by id, serial, uuid, label, host id or hostname, site and rack, ignoring case', () => {
    expect(ids(filterAssets(fleet, index, NO_FILTERS, 'gpu-bbb').rows)).toEqual(['gpu:GPU-bbb']);
    expect(ids(filterAssets(fleet, index, NO_FILTERS, '1652000000003').rows)).toEqual(['gpu:GPU-ccc']);
    expect(ids(filterAssets(fleet, index, NO_FILTERS, 'a100').rows)).toEqual(['gpu:GPU-ccc']);
    expect(ids(filterAssets(fleet, index, NO_FILTERS, 'GPU-NODE-07').rows)).toEqual(['gpu:GPU-aaa', 'gpu:GPU-bbb', 'host:h1']);
    expect(ids(filterAssets(fleet, index, NO_FILTERS, 'host:h2').rows)).toEqual(['gpu:GPU-ccc']);
    expect(ids(filterAssets(fleet, index, NO_FILTERS, 'ams-1').rows)).toEqual(['gpu:GPU-bbb']);
    expect(ids(filterAssets(fleet, index, NO_FILTERS, 'r07').rows)).toEqual(['gpu:GPU-aaa']);
  });

  it('needs every term to match, each possibly in a different field', () => {
    expect(ids(filterAssets(fleet, index, NO_FILTERS, '  par-1   r07 ').rows)).toEqual(['gpu:GPU-aaa']);
    expect(filterAssets(fleet, index, NO_FILTERS, 'par-1 r12').rows).toEqual([]);
    expect(searchTerms('  A  b ')).toEqual(['a', 'b']);
  });

  it('never matches across two fields', () => {
    // "R07" ends the rack and "NVIDIA" starts the label: "07nvidia" must not match.
    expect(filterAssets(fleet, index, NO_FILTERS, '07nvidia').rows).toEqual([]);
  });

  it('ORs chips within a facet and ANDs facets, keeping the given order', () => {
    const missingOrFailing = { ...NO_FILTERS, health: ['unknown', 'failing'] as const };
    expect(ids(filterAssets(fleet, index, missingOrFailing, '').rows)).toEqual(['gpu:GPU-bbb', 'gpu:GPU-ccc']);
    expect(ids(filterAssets(fleet, index, { ...missingOrFailing, status: ['present'] }, '').rows)).toEqual(['gpu:GPU-ccc']);
    expect(ids(filterAssets(fleet, index, { ...NO_FILTERS, kind: ['host'] }, '').rows)).toEqual(['host:h1']);
  });

  it('counts each chip given the search and the other facets', () => {
    const { counts } = filterAssets(fleet, index, { ...NO_FILTERS, kind: ['gpu'] }, '');
    // The kind facet ignores its own selection: it tells what clicking "Host" would add.
    expect(counts.kind).toEqual({ gpu: 3, host: 1, robot: 0 });
    expect(counts.status).toEqual({ present: 2, missing: 1, retired: 0 });
    expect(counts.health).toEqual({ failing: 1, degraded: 0, unknown: 1, ok: 1 });
    expect(filterAssets(fleet, index, NO_FILTERS, 'host:h1').counts.kind).toEqual({ gpu: 2, host: 1, robot: 0 });
  });

  it('toggles a chip on and off without touching the other facets', () => {
    const on = toggleFilter(NO_FILTERS, 'status', 'missing');
    expect(on).toEqual({ kind: [], status: ['missing'], health: [] });
    expect(toggleFilter(on, 'status', 'missing')).toEqual(NO_FILTERS);
  });

  it('filters 10,000 assets per keystroke in a few milliseconds', () => {
    const big = Array.from({ length: 10_000 }, (_, position) => testAsset({ id: `gpu:GPU-${position}`, serial: String(1_652_000_000_000 + position) }));
    const bigIndex = buildSearchIndex(big, new Map());
    const started = performance.now();
    const { rows } = filterAssets(big, bigIndex, NO_FILTERS, '1652000009999');
    expect(performance.now() - started).toBeLessThan(200);
    expect(ids(rows)).toEqual(['gpu:GPU-9999']);
  });
});
