import { identity, integer, numberIn, records, section, text } from './smi-values';
import type { GpuProcess, MigDevice } from './types';

/**
 * MIG devices, children of their GPU. `<mig_devices>None</mig_devices>` when MIG is off, absent
 * before R450. The XML carries no profile and (in every capture we have) no UUID: both come from
 * `nvidia-smi -L` (see mig-identities.ts).
 */
export function normalizeMigDevices(gpu: Record<string, unknown>): MigDevice[] {
  return records(section(gpu.mig_devices).mig_device).map((device) => {
    const memory = section(device.fb_memory_usage);
    const eccVolatile = section(section(device.ecc_error_count).volatile_count);
    const uuidRaw = text(device.uuid);
    return {
      index: integer(device.index),
      uuid: identity(uuidRaw),
      uuidRaw,
      profile: text(device.profile),
      gpuInstanceId: integer(device.gpu_instance_id),
      computeInstanceId: integer(device.compute_instance_id),
      multiprocessorCount: integer(section(section(device.device_attributes).shared).multiprocessor_count),
      memoryTotalMiB: numberIn(memory.total, 'MiB'),
      memoryUsedMiB: numberIn(memory.used, 'MiB'),
      eccSramUncorrectableVolatile: integer(eccVolatile.sram_uncorrectable),
    };
  });
}

/** Running processes (`<processes>`; the accounted, finished ones are not read). */
export function normalizeProcesses(gpu: Record<string, unknown>): GpuProcess[] {
  return records(section(gpu.processes).process_info).map((process) => ({
    pid: integer(process.pid),
    type: text(process.type),
    name: text(process.process_name),
    // "Not available in WDDM driver model" on Windows desktops: no value, not zero.
    usedMemoryMiB: numberIn(process.used_memory, 'MiB'),
    gpuInstanceId: integer(process.gpu_instance_id),
    computeInstanceId: integer(process.compute_instance_id),
  }));
}
