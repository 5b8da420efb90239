import type { GpuHealthReason } from '../../inventory/gpu/types';

/**
 * The leaf's `healthFlags` (uint32): one bit per condition seen during the epoch. Bit numbers
 * are part of the signed format: append new conditions at the next free bit, never renumber
 * or reuse one. GPU conditions carry the same names as the inventory's health reasons
 * (electron/core/inventory/gpu/health.ts), so its reasons map one to one.
 */
export const HEALTH_FLAG_BITS = {
  'ecc-uncorrectable': 0,
  'ecc-uncorrectable-aggregate': 1,
  'ecc-sram-threshold-exceeded': 2,
  'unrepairable-memory': 3,
  'repair-pending': 4,
  'remap-pending': 5,
  'remap-failure': 6,
  'retirement-pending': 7,
  'recovery-action': 8,
  'thermal-slowdown': 9,
  'power-brake': 10,
  'nvidia-smi-timeout': 11,
  'nvidia-smi-unavailable': 12,
  /** Not found in at least one expected sample of the epoch. */
  missing: 13,
  /** The serial/UUID read is not the one registered for the asset id. */
  'identity-mismatch': 14,
  'duplicate-uuid': 15,
  'duplicate-serial': 16,
  /** A robot reported an error (VDA 5050 `errors`), once robots exist. */
  'robot-error': 17,
  /** Health stayed `unknown` past the configured grace, so the asset counted as down. */
  'health-unknown': 18,
  /** A fleet source (dcgm-exporter target, Prometheus) did not answer for the asset's host. */
  'source-unavailable': 19,
} as const;

export type HealthFlag = keyof typeof HEALTH_FLAG_BITS;

/** Every bit that has a meaning; a leaf with any other bit set is refused. */
export const KNOWN_HEALTH_FLAGS_MASK: number = Object.values(HEALTH_FLAG_BITS).reduce<number>((mask, bit) => (mask | (1 << bit)) >>> 0, 0);

// Compile-time guard: a new GPU health reason without a bit here fails the type check.
const everyGpuReasonHasABit: Record<GpuHealthReason, number> = HEALTH_FLAG_BITS;
void everyGpuReasonHasABit;

export function encodeHealthFlags(flags: Iterable<HealthFlag>): number {
  let bits = 0;
  for (const flag of flags) {
    const bit = HEALTH_FLAG_BITS[flag];
    if (bit === undefined) throw new RangeError(`unknown health flag "${String(flag)}"`);
    bits = (bits | (1 << bit)) >>> 0;
  }
  return bits;
}

/** The flag names set in a bitmask, in bit order (for the report view). Unknown bits are refused. */
export function decodeHealthFlags(bits: number): HealthFlag[] {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffff_ffff) throw new RangeError(`healthFlags must be a uint32, got ${bits}`);
  if ((bits & ~KNOWN_HEALTH_FLAGS_MASK) >>> 0 !== 0) throw new RangeError(`healthFlags has unassigned bits: 0x${bits.toString(16)}`);
  return (Object.entries(HEALTH_FLAG_BITS) as [HealthFlag, number][]).filter(([, bit]) => ((bits >>> bit) & 1) === 1).map(([flag]) => flag);
}
