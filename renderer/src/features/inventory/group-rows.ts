import type { AssetSummary } from '../../../../electron/contract/schemas/assets';
import type { AssetKind, HealthStatus } from './health-labels';
import { hostDisplay, type HostLabels } from './host-labels';

/** How the Inventory table groups its rows: not at all, by host, or by site. */
export const GROUP_MODES = ['none', 'host', 'site'] as const;
export type GroupMode = (typeof GROUP_MODES)[number];

export function isGroupMode(value: string): value is GroupMode {
  return (GROUP_MODES as readonly string[]).includes(value);
}

/** A group's header: what it holds (after the search and chips) and how healthy that is. */
export interface GroupSummary {
  /** Unique within a mode: the host asset id or the site; '' for the assets with none. */
  key: string;
  /** The hostname or the site; null: the group of assets with no host (or site). */
  label: string | null;
  rows: number;
  kinds: Record<AssetKind, number>;
  health: Record<HealthStatus, number>;
  missing: number;
  collapsed: boolean;
}

export type DisplayItem = { type: 'group'; group: GroupSummary } | { type: 'asset'; asset: AssetSummary };

export interface GroupContext {
  hosts: HostLabels;
  /** Host asset id → its site: the operator's own (cost book) else its fleet source's. */
  siteOfHost: ReadonlyMap<string, string>;
}

/** The key a collapsed group is remembered by: the mode and the group's key. */
export function collapseKey(mode: GroupMode, key: string): string {
  return `${mode}\u0000${key}`;
}

/** The host a row belongs with: a host is its own group, a GPU goes with the host it sits in. */
function hostKeyOf(asset: AssetSummary): string | null {
  return asset.kind === 'host' ? asset.id : asset.hostId;
}

/**
 * An asset's site: its own (set in the cost book), else its host's (the host's own, else the
 * site of the fleet source that reports the host). Null when nothing says.
 */
export function siteOf(asset: AssetSummary, siteOfHost: ReadonlyMap<string, string>): string | null {
  if (asset.site) return asset.site;
  const host = hostKeyOf(asset);
  return host === null ? null : (siteOfHost.get(host) ?? null);
}

/** Host asset id → site, from the host assets' own sites, then the fleet hosts' (for hosts with none of their own). */
export function sitesOfHosts(assets: readonly AssetSummary[], fleetSites: Iterable<[string, string | null]>): Map<string, string> {
  const sites = new Map<string, string>();
  for (const [hostId, site] of fleetSites) if (site) sites.set(hostId, site);
  for (const asset of assets) if (asset.kind === 'host' && asset.site) sites.set(asset.id, asset.site);
  return sites;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The table's rows with group headers: groups ordered by name (numbers in names in numeric
 * order, gpu-2 before gpu-10), the group of assets with no host or site last; inside a group
 * the rows keep the table's sort, a host's own row first in its group. A collapsed group shows
 * its header only. One pass over the rows and a sort of the groups: 10,000 rows on 1,250 hosts
 * take a few milliseconds.
 */
export function groupRows(rows: readonly AssetSummary[], mode: GroupMode, context: GroupContext, collapsed: ReadonlySet<string>): DisplayItem[] {
  if (mode === 'none') return rows.map((asset) => ({ type: 'asset', asset }));
  const groups = new Map<string, { summary: GroupSummary; assets: AssetSummary[] }>();
  for (const asset of rows) {
    const key = (mode === 'host' ? hostKeyOf(asset) : siteOf(asset, context.siteOfHost)) ?? '';
    let group = groups.get(key);
    if (!group) {
      const label = key === '' ? null : mode === 'host' ? hostDisplay(key, context.hosts) : key;
      group = {
        summary: { key, label, rows: 0, kinds: { gpu: 0, host: 0, robot: 0 }, health: { failing: 0, degraded: 0, unknown: 0, ok: 0 }, missing: 0, collapsed: collapsed.has(collapseKey(mode, key)) },
        assets: [],
      };
      groups.set(key, group);
    }
    const { summary } = group;
    summary.rows += 1;
    summary.kinds[asset.kind] += 1;
    summary.health[asset.health.status] += 1;
    if (asset.status === 'missing') summary.missing += 1;
    // In a host's group the host itself leads; the rest keep the sorted order.
    if (mode === 'host' && asset.kind === 'host') group.assets.unshift(asset);
    else group.assets.push(asset);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    if (a.summary.label === null || b.summary.label === null) return a.summary.label === null ? (b.summary.label === null ? 0 : 1) : -1;
    return collator.compare(a.summary.label, b.summary.label) || (a.summary.key < b.summary.key ? -1 : a.summary.key > b.summary.key ? 1 : 0);
  });
  const items: DisplayItem[] = [];
  for (const { summary, assets } of ordered) {
    items.push({ type: 'group', group: summary });
    if (!summary.collapsed) for (const asset of assets) items.push({ type: 'asset', asset });
  }
  return items;
}
