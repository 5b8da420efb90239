import type { GpuHealth, GpuHealthReason, GpuHealthStatus, GpuReadState, NvidiaGpu, NvidiaGpuWithHealth } from './types';

/**
 * What each reason does to a GPU's status. Failing: the GPU is producing or about to produce
 * wrong results, or NVIDIA asks for a reset, reboot or RMA — it does not count as healthy
 * collateral until someone acts. Degraded: it works, but something needs watching or a
 * maintenance window (a pending remap is applied at the next reset). Unknown: we could not look.
 */
export const REASON_SEVERITY: Readonly<Record<GpuHealthReason, Exclude<GpuHealthStatus, 'ok'>>> = {
  'ecc-uncorrectable': 'failing',
  'ecc-sram-threshold-exceeded': 'failing',
  'remap-failure': 'failing',
  'unrepairable-memory': 'failing',
  'recovery-action': 'failing',
  'ecc-uncorrectable-aggregate': 'degraded',
  'remap-pending': 'degraded',
  'retirement-pending': 'degraded',
  'repair-pending': 'degraded',
  'thermal-slowdown': 'degraded',
  'power-brake': 'degraded',
  'duplicate-uuid': 'degraded',
  'duplicate-serial': 'degraded',
  'nvidia-smi-timeout': 'unknown',
  'nvidia-smi-unavailable': 'unknown',
};

const RANK: Record<GpuHealthStatus, number> = { ok: 0, degraded: 1, failing: 2, unknown: 3 };

export function healthOf(reasons: Iterable<GpuHealthReason>): GpuHealth {
  const unique = [...new Set(reasons)].sort();
  let status: GpuHealthStatus = 'ok';
  for (const reason of unique) {
    const severity = REASON_SEVERITY[reason];
    if (RANK[severity] > RANK[status]) status = severity;
  }
  return { status, reasons: unique };
}

const positive = (count: number | null): boolean => count !== null && count > 0;

/** The reasons that one GPU's own counters and flags give. */
export function ownReasons(gpu: NvidiaGpu): GpuHealthReason[] {
  const reasons: GpuHealthReason[] = [];
  const volatileUncorrectable = positive(gpu.ecc.volatile.uncorrected) || gpu.migDevices.some((device) => positive(device.eccSramUncorrectableVolatile));
  if (volatileUncorrectable) reasons.push('ecc-uncorrectable');
  // Lifetime count without a current one: the error is history (and the page or row was dealt
  // with), but a lender still wants to know the board has had one.
  else if (positive(gpu.ecc.aggregate.uncorrected)) reasons.push('ecc-uncorrectable-aggregate');
  if (gpu.ecc.sramThresholdExceeded === true) reasons.push('ecc-sram-threshold-exceeded');
  if (gpu.ecc.unrepairableMemory === true) reasons.push('unrepairable-memory');
  if (gpu.ecc.channelRepairPending === true || gpu.ecc.tpcRepairPending === true) reasons.push('repair-pending');
  if (gpu.remappedRows.failure === true) reasons.push('remap-failure');
  if (gpu.remappedRows.pending === true) reasons.push('remap-pending');
  if (gpu.retiredPages.pending === true) reasons.push('retirement-pending');
  const action = gpu.recoveryAction?.trim().toLowerCase();
  if ((action !== undefined && action !== 'none') || gpu.resetRequired === true || gpu.drainAndResetRecommended === true) reasons.push('recovery-action');
  if (gpu.clockEventReasons.hwThermalSlowdown === true || gpu.clockEventReasons.swThermalSlowdown === true) reasons.push('thermal-slowdown');
  if (gpu.clockEventReasons.hwPowerBrakeSlowdown === true) reasons.push('power-brake');
  return reasons;
}

function repeated(values: (string | null)[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) {
    if (value === null) continue;
    if (seen.has(value)) twice.add(value);
    seen.add(value);
  }
  return twice;
}

/**
 * Health of every GPU of one read. Identity is checked across GPUs: two GPUs with one UUID or
 * one serial are both kept as reported and both flagged (a masked capture, a cloned VM, a
 * flashing mistake) — never merged. GPUs of one multi-GPU board share the board's serial by
 * design, so a serial shared only among them is not a duplicate.
 */
export function assessHealth(gpus: NvidiaGpu[]): NvidiaGpuWithHealth[] {
  const duplicateUuids = repeated(gpus.map((gpu) => gpu.uuid));
  const duplicateSerials = repeated(gpus.map((gpu) => gpu.serial));
  for (const serial of [...duplicateSerials]) {
    const sharing = gpus.filter((gpu) => gpu.serial === serial);
    if (sharing.every((gpu) => gpu.multiGpuBoard === true)) duplicateSerials.delete(serial);
  }
  return gpus.map((gpu) => {
    const reasons = ownReasons(gpu);
    if (gpu.uuid !== null && duplicateUuids.has(gpu.uuid)) reasons.push('duplicate-uuid');
    if (gpu.serial !== null && duplicateSerials.has(gpu.serial)) reasons.push('duplicate-serial');
    return { ...gpu, health: healthOf(reasons) };
  });
}

/**
 * The health to give GPUs we know of (from the asset register) when a read returned none.
 * A timeout is itself a symptom — nvidia-smi hangs when a GPU has fallen off the bus.
 */
export function unreadableHealth(state: Exclude<GpuReadState, 'ok' | 'no-devices'>): GpuHealth {
  return healthOf([state === 'timeout' ? 'nvidia-smi-timeout' : 'nvidia-smi-unavailable']);
}
