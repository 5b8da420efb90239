import type { ReportDetail } from '../../../../electron/contract/schemas/node';
import { compareFlags } from './flag-labels';

export type ReportLeaf = ReportDetail['leaves'][number];

/** All leaves, only those with a flag, or only those with one given flag. */
export type LeafFlagFilter = { kind: 'all' } | { kind: 'flagged' } | { kind: 'flag'; name: string };

export interface LeafFilter {
  /** Part of an asset id, any case. */
  query: string;
  flags: LeafFlagFilter;
}

export const NO_LEAF_FILTER: LeafFilter = { query: '', flags: { kind: 'all' } };

/** The leaves that match, in report order (by asset id, as the tree lists them). */
export function filterLeaves(leaves: readonly ReportLeaf[], filter: LeafFilter): readonly ReportLeaf[] {
  const needle = filter.query.trim().toLowerCase();
  const { flags } = filter;
  if (needle === '' && flags.kind === 'all') return leaves;
  return leaves.filter((leaf) => {
    if (flags.kind === 'flagged' && leaf.healthFlags.length === 0) return false;
    if (flags.kind === 'flag' && !leaf.healthFlags.includes(flags.name)) return false;
    return needle === '' || leaf.assetId.toLowerCase().includes(needle);
  });
}

export interface FlagCount {
  name: string;
  /** Leaves that carry it. */
  count: number;
}

/** How many leaves carry each flag, in flag order, and how many carry any. */
export function countFlags(leaves: readonly ReportLeaf[]): { flagged: number; byFlag: FlagCount[] } {
  const counts = new Map<string, number>();
  let flagged = 0;
  for (const leaf of leaves) {
    if (leaf.healthFlags.length > 0) flagged += 1;
    for (const name of leaf.healthFlags) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const byFlag = [...counts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => compareFlags(a.name, b.name));
  return { flagged, byFlag };
}
