import type { GpuHealthStatus, GpuReadResult, GpuReadState, GpuSource, NvidiaGpuWithHealth } from './types';

/** `sietch inventory gpus --json`: exactly this object, keys in this order. */
export interface InventoryGpusJson {
  /** The path that answered: `nvml` (the native addon) or `nvidia-smi`; the rest has one shape for both. */
  source: GpuSource;
  state: GpuReadState;
  driverVersion: string | null;
  gpus: InventoryGpuJson[];
  warnings: string[];
}

export interface InventoryGpuJson {
  index: number;
  uuid: string | null;
  serial: string | null;
  name: string;
  pciBusId: string;
  memoryTotalMiB: number | null;
  utilizationGpuPct: number | null;
  powerDrawW: number | null;
  temperatureC: number | null;
  migMode: 'enabled' | 'disabled' | null;
  migDevices: { uuid: string | null; profile: string | null; memoryTotalMiB: number | null }[];
  processes: number;
  health: { status: GpuHealthStatus; reasons: string[] };
}

/** Exit status of the command: 0 when the GPUs (or their absence) could be read, 3 otherwise. */
export function inventoryGpusExitCode(state: GpuReadState): 0 | 3 {
  return state === 'ok' || state === 'no-devices' ? 0 : 3;
}

/**
 * A read → the CLI's JSON. For states other than ok and no-devices the GPU list is empty and the
 * warnings always name the cause. uuid and serial are null when nvidia-smi printed a placeholder
 * (all zeros, N/A); duplicates are printed as reported and flagged in health.
 */
export function toInventoryGpusJson(result: GpuReadResult): InventoryGpusJson {
  const readable = result.state === 'ok' || result.state === 'no-devices';
  const warnings = [...result.warnings];
  if (!readable && result.message && !warnings.includes(result.message)) warnings.unshift(result.message);
  if (!readable && warnings.length === 0) warnings.push(`${result.source} read failed: ${result.state}`);
  return {
    source: result.source,
    state: result.state,
    driverVersion: result.driverVersion,
    gpus: readable ? result.gpus.map(toInventoryGpuJson) : [],
    warnings,
  };
}

/** One GPU in the CLI's JSON shape; the fleet command prints the same object with its host added. */
export function toInventoryGpuJson(gpu: NvidiaGpuWithHealth): InventoryGpuJson {
  return {
    index: gpu.index,
    uuid: gpu.uuid,
    serial: gpu.serial,
    name: gpu.name,
    pciBusId: gpu.pciBusId,
    memoryTotalMiB: gpu.memoryTotalMiB,
    utilizationGpuPct: gpu.utilizationGpuPct,
    powerDrawW: gpu.powerDrawW,
    temperatureC: gpu.temperatureC,
    migMode: gpu.migMode.current,
    migDevices: gpu.migDevices.map((device) => ({ uuid: device.uuid, profile: device.profile, memoryTotalMiB: device.memoryTotalMiB })),
    processes: gpu.processes.length,
    health: { status: gpu.health.status, reasons: [...gpu.health.reasons] },
  };
}
