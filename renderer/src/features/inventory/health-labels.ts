import type { AssetSummary } from '../../../../electron/contract/schemas/assets';

export type HealthStatus = AssetSummary['health']['status'];
export type AssetStatus = AssetSummary['status'];
export type AssetKind = AssetSummary['kind'];

export const ASSET_KINDS: readonly AssetKind[] = ['gpu', 'host', 'robot'];
export const ASSET_STATUSES: readonly AssetStatus[] = ['present', 'missing', 'retired'];
/** Worst first: the order of the filter chips and of an ascending sort. */
export const HEALTH_STATUSES: readonly HealthStatus[] = ['failing', 'degraded', 'unknown', 'ok'];

/**
 * Every reason code the core emits (electron/core/inventory/gpu/health.ts, the fleet sources'
 * two, plus "missing" from the register). Each has inventory.healthReason.<code>.label and .help in both languages.
 */
export const HEALTH_REASONS = [
  'ecc-uncorrectable',
  'ecc-uncorrectable-aggregate',
  'ecc-sram-threshold-exceeded',
  'remap-pending',
  'remap-failure',
  'retirement-pending',
  'repair-pending',
  'unrepairable-memory',
  'recovery-action',
  'thermal-slowdown',
  'power-brake',
  'duplicate-uuid',
  'duplicate-serial',
  'nvidia-smi-timeout',
  'nvidia-smi-unavailable',
  // A fleet source's own (electron/core/inventory/fleet/apply-fleet-read.ts FLEET_REASONS).
  'fleet-target-down',
  'fleet-source-down',
  'missing',
] as const;
export type HealthReason = (typeof HEALTH_REASONS)[number];

const KNOWN_REASONS: ReadonlySet<string> = new Set(HEALTH_REASONS);

/** A newer core may send a code this console does not know: it is then shown verbatim. */
export function isKnownReason(code: string): code is HealthReason {
  return KNOWN_REASONS.has(code);
}

const HEALTH_RANK: Record<HealthStatus, number> = { failing: 0, degraded: 1, unknown: 2, ok: 3 };
const STATUS_RANK: Record<AssetStatus, number> = { missing: 0, present: 1, retired: 2 };

/** Sort rank, worst first: a failing GPU matters more than one we could not read. */
export function healthRank(status: HealthStatus): number {
  return HEALTH_RANK[status];
}

/** Sort rank: missing first (someone must go and look), retired last (no longer collateral). */
export function statusRank(status: AssetStatus): number {
  return STATUS_RANK[status];
}

export interface ReasonText {
  code: string;
  label: string;
  help: string | null;
}

/** The human label and one-line explanation of each reason, through the caller's translator. */
export function describeReasons(reasons: readonly string[], translate: (key: `inventory.healthReason.${HealthReason}.${'label' | 'help'}`) => string): ReasonText[] {
  return reasons.map((code) => (isKnownReason(code) ? { code, label: translate(`inventory.healthReason.${code}.label`), help: translate(`inventory.healthReason.${code}.help`) } : { code, label: code, help: null }));
}
