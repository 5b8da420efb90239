import { HEALTH_FLAG_BITS, type HealthFlag } from '../attestation/report/health-flags';
import { REASON_SEVERITY } from '../inventory/gpu/health';
import type { GpuHealthReason } from '../inventory/gpu/types';

/**
 * Whether a pledged asset counts as collateral. Healthy, degraded (it works; something needs
 * watching) and unknown within the node's grace period count at their depreciated value; the
 * rest count as zero: missing, failing, swapped (its identity changed since it was appraised),
 * unknown past the grace period, retired, or never appraised.
 */
export const CONDITIONS = ['healthy', 'degraded', 'unknown-in-grace', 'missing', 'failing', 'swapped', 'unknown', 'retired', 'not-appraised'] as const;
export type CollateralCondition = (typeof CONDITIONS)[number];

export function conditionCounts(condition: CollateralCondition): boolean {
  return condition === 'healthy' || condition === 'degraded' || condition === 'unknown-in-grace';
}

/** What the node attested about the asset in its latest closed epoch up to the as-of instant. */
export interface LeafFacts {
  uptimeBps: number;
  healthFlags: number;
  identityOk: boolean;
}

/** The register row and journal history of an asset that bear on its condition. */
export interface AssetFacts {
  status: 'present' | 'missing' | 'retired';
  healthStatus: 'ok' | 'degraded' | 'failing' | 'unknown';
  lastSeenMs: number;
  /** The asset's presence and identity events, oldest first: kind, instant, journal seq. */
  events: readonly { kind: string; atMs: number; seq: number }[];
}

const has = (flags: number, flag: HealthFlag): boolean => ((flags >>> HEALTH_FLAG_BITS[flag]) & 1) === 1;

function flagsSeverity(flags: number): 'failing' | 'degraded' | 'unknown' | 'unknown-in-grace' | 'ok' {
  let worst: 'failing' | 'degraded' | 'ok' = 'ok';
  for (const [reason, severity] of Object.entries(REASON_SEVERITY) as [GpuHealthReason, string][]) {
    if (!has(flags, reason)) continue;
    if (severity === 'failing') return 'failing';
    if (severity === 'degraded') worst = 'degraded';
  }
  if (has(flags, 'health-unknown')) return 'unknown';
  if (has(flags, 'robot-error') || has(flags, 'duplicate-uuid') || has(flags, 'duplicate-serial')) worst = 'degraded';
  if (worst === 'ok' && (has(flags, 'nvidia-smi-timeout') || has(flags, 'nvidia-smi-unavailable'))) return 'unknown-in-grace';
  return worst;
}

/**
 * The condition of a pledged asset at instant `atMs`, from (in this order): its journal (retired;
 * an identity change or mismatch after its appraisal was recorded = swapped; went missing and
 * not back), then the node's latest closed epoch up to that instant (identity, a missing asset
 * with no uptime, failing health flags, unknown past the grace period — the node applies its own
 * grace, flagging health-unknown only past it), and without any epoch the register's current
 * health from the asset's last presence change on (unknown counts while the last sighting is
 * within `graceMs`).
 */
export function collateralCondition(asset: AssetFacts, leaf: LeafFacts | null, appraisalSeq: number | null, atMs: number, graceMs: number): CollateralCondition {
  if (appraisalSeq === null) return 'not-appraised';
  let presence: 'present' | 'missing' | 'retired' = 'present';
  let swapped = false;
  for (const event of asset.events) {
    if (event.atMs > atMs) break;
    if (event.kind === 'asset.retired') presence = 'retired';
    else if (event.kind === 'asset.missing' && presence !== 'retired') presence = 'missing';
    else if ((event.kind === 'asset.returned' || event.kind === 'asset.discovered') && presence !== 'retired') presence = 'present';
    else if ((event.kind === 'asset.identity-changed' || event.kind === 'asset.identity-mismatch') && event.seq > appraisalSeq) swapped = true;
  }
  if (presence === 'retired') return 'retired';
  if (swapped) return 'swapped';
  if (presence === 'missing') return 'missing';
  if (leaf) {
    if (!leaf.identityOk) return 'swapped';
    if (leaf.uptimeBps === 0 && has(leaf.healthFlags, 'missing')) return 'missing';
    const severity = flagsSeverity(leaf.healthFlags);
    return severity === 'ok' ? 'healthy' : severity;
  }
  // The register holds only the current health: it speaks for the time since the asset's last
  // presence change (a miss sets it to unknown); before that, a present asset counts as healthy.
  const lastChange = asset.events.at(-1)?.atMs ?? -Infinity;
  if (atMs < lastChange) return 'healthy';
  if (asset.healthStatus === 'failing') return 'failing';
  if (asset.healthStatus === 'unknown') return atMs - asset.lastSeenMs <= graceMs ? 'unknown-in-grace' : 'unknown';
  return asset.healthStatus === 'degraded' ? 'degraded' : 'healthy';
}
