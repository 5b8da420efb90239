import { describe, expect, it } from 'vitest';
import { countFlags, filterLeaves, NO_LEAF_FILTER, type ReportLeaf } from './leaf-filter';
import { testDetail } from './test-reports';

function leaves(): ReportLeaf[] {
  const all = testDetail(1, 6).leaves;
  all[1] = { ...all[1]!, healthFlags: ['thermal-slowdown', 'missing'] };
  all[4] = { ...all[4]!, assetId: 'gpu:host-7:0000:3B:00.0', healthFlags: ['identity-mismatch'] };
  return all;
}

const ids = (list: readonly ReportLeaf[]): string[] => list.map((leaf) => leaf.assetId);

describe('filtering the leaves of a report', () => {
  it('returns the same array when nothing narrows it (no copy of 10,000 leaves)', () => {
    const all = leaves();
    expect(filterLeaves(all, NO_LEAF_FILTER)).toBe(all);
    expect(filterLeaves(all, { query: '   ', flags: { kind: 'all' } })).toBe(all);
  });

  it('matches part of the asset id in any case', () => {
    expect(ids(filterLeaves(leaves(), { query: '3b:00', flags: { kind: 'all' } }))).toEqual(['gpu:host-7:0000:3B:00.0']);
    expect(filterLeaves(leaves(), { query: 'GPU-000', flags: { kind: 'all' } })).toHaveLength(5);
  });

  it('keeps the leaves with any flag, or with one flag, combined with the search', () => {
    expect(ids(filterLeaves(leaves(), { query: '', flags: { kind: 'flagged' } }))).toEqual(['gpu:GPU-0001', 'gpu:GPU-0003', 'gpu:host-7:0000:3B:00.0']);
    expect(ids(filterLeaves(leaves(), { query: '', flags: { kind: 'flag', name: 'missing' } }))).toEqual(['gpu:GPU-0001', 'gpu:GPU-0003']);
    expect(ids(filterLeaves(leaves(), { query: '0003', flags: { kind: 'flag', name: 'missing' } }))).toEqual(['gpu:GPU-0003']);
  });
});

describe('counting flags', () => {
  it('counts the leaves per flag, in flag order, and the leaves with any', () => {
    expect(countFlags(leaves())).toEqual({
      flagged: 3,
      byFlag: [
        { name: 'thermal-slowdown', count: 1 },
        { name: 'missing', count: 2 },
        { name: 'identity-mismatch', count: 1 },
      ],
    });
    expect(countFlags([])).toEqual({ flagged: 0, byFlag: [] });
  });
});
