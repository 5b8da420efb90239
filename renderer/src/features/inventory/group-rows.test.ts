import { describe, expect, it } from 'vitest';
import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import { collapseKey, groupRows, siteOf, sitesOfHosts, type DisplayItem } from './group-rows';
import { hostLabelsOf } from './host-labels';
import { testAsset } from './test-assets';

const host = (name: string, site: string | null = null): AssetSummary => testAsset({ id: `host:fleet:${name}`, kind: 'host', label: name, hostId: null, site, rack: null, serial: null, uuid: null, pciBusId: null });
const gpu = (n: number, hostName: string | null, overrides: Partial<AssetSummary> = {}): AssetSummary => testAsset({ id: `gpu:GPU-${n}`, hostId: hostName === null ? null : `host:fleet:${hostName}`, site: null, ...overrides });

/** Each item as text: "# label (rows)" for a header, the asset id for a row. */
const shape = (items: DisplayItem[]): string[] => items.map((item) => (item.type === 'group' ? `# ${item.group.label ?? '(none)'} (${item.group.rows})` : item.asset.id));

describe('grouping the Inventory rows', () => {
  // Sorted as the table would give them: a GPU of gpu-10 first, the hosts in between.
  const rows = [gpu(1, 'gpu-10', { health: { status: 'failing', reasons: ['ecc-uncorrectable'] } }), gpu(2, 'gpu-2', { status: 'missing' }), host('gpu-10'), gpu(3, 'gpu-2'), host('gpu-2', 'AMS-1'), gpu(4, null, { kind: 'robot' }), gpu(5, 'gpu-10', { site: 'LAB-9' })];
  const context = { hosts: hostLabelsOf(rows), siteOfHost: sitesOfHosts(rows, [['host:fleet:gpu-10', 'par-2'], ['host:fleet:gpu-2', 'par-2']]) };

  it('leaves the rows alone without grouping', () => {
    expect(shape(groupRows(rows, 'none', context, new Set()))).toEqual(rows.map((row) => row.id));
  });

  it('groups by host in natural name order, the host first in its group, the rows without a host last', () => {
    const items = groupRows(rows, 'host', context, new Set());
    expect(shape(items)).toEqual(['# gpu-2 (3)', 'host:fleet:gpu-2', 'gpu:GPU-2', 'gpu:GPU-3', '# gpu-10 (3)', 'host:fleet:gpu-10', 'gpu:GPU-1', 'gpu:GPU-5', '# (none) (1)', 'gpu:GPU-4']);
    const groups = items.flatMap((item) => (item.type === 'group' ? [item.group] : []));
    expect(groups[0]).toMatchObject({ key: 'host:fleet:gpu-2', kinds: { gpu: 2, host: 1, robot: 0 }, health: { ok: 3, failing: 0, degraded: 0, unknown: 0 }, missing: 1, collapsed: false });
    expect(groups[1]).toMatchObject({ key: 'host:fleet:gpu-10', health: { failing: 1, ok: 2 }, missing: 0 });
    expect(groups[2]).toMatchObject({ key: '', label: null, kinds: { robot: 1 } });
  });

  it("groups by site: the asset's own site, else its host's own, else its fleet source's", () => {
    expect(siteOf(rows[6]!, context.siteOfHost)).toBe('LAB-9');
    expect(siteOf(rows[1]!, context.siteOfHost)).toBe('AMS-1');
    expect(siteOf(rows[0]!, context.siteOfHost)).toBe('par-2');
    expect(siteOf(rows[5]!, context.siteOfHost)).toBeNull();
    expect(shape(groupRows(rows, 'site', context, new Set()))).toEqual(['# AMS-1 (3)', 'gpu:GPU-2', 'gpu:GPU-3', 'host:fleet:gpu-2', '# LAB-9 (1)', 'gpu:GPU-5', '# par-2 (2)', 'gpu:GPU-1', 'host:fleet:gpu-10', '# (none) (1)', 'gpu:GPU-4']);
  });

  it('shows only the header of a collapsed group, with its counts', () => {
    const items = groupRows(rows, 'host', context, new Set([collapseKey('host', 'host:fleet:gpu-2'), collapseKey('site', 'host:fleet:gpu-10')]));
    expect(shape(items)).toEqual(['# gpu-2 (3)', '# gpu-10 (3)', 'host:fleet:gpu-10', 'gpu:GPU-1', 'gpu:GPU-5', '# (none) (1)', 'gpu:GPU-4']);
    expect(items[0]).toMatchObject({ type: 'group', group: { collapsed: true, rows: 3 } });
  });

  it('groups 10,000 GPUs on 1,250 hosts in a few milliseconds, every row once', () => {
    const many: AssetSummary[] = [];
    for (let h = 0; h < 1250; h += 1) {
      many.push(host(`node-${h}`, h % 5 === 0 ? `site-${h % 3}` : null));
      for (let g = 0; g < 8; g += 1) many.push(gpu(h * 8 + g, `node-${h}`));
    }
    const big = { hosts: hostLabelsOf(many), siteOfHost: sitesOfHosts(many, []) };
    groupRows(many, 'host', big, new Set());
    const started = performance.now();
    const items = groupRows(many, 'host', big, new Set());
    const bySite = groupRows(many, 'site', big, new Set());
    const elapsed = performance.now() - started;
    expect(items).toHaveLength(many.length + 1250);
    expect(new Set(items.flatMap((item) => (item.type === 'asset' ? [item.asset.id] : []))).size).toBe(many.length);
    expect(bySite.filter((item) => item.type === 'group')).toHaveLength(4);
    expect(elapsed).toBeLessThan(200);
  });
});
