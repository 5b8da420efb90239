import { identity, text } from './smi-values';
import type { NvidiaGpu } from './types';

export interface ListedGpu {
  position: number;
  name: string;
  uuid: string | null;
  mig: { index: number; profile: string; uuidRaw: string }[];
}

const GPU_LINE = /^GPU\s+(\d+):\s*(.*?)\s*\(UUID:\s*([^)]+)\)\s*$/;
// "  MIG 3g.40gb     Device  0: (UUID: MIG-…)"; R450-R465 printed MIG-GPU-<uuid>/<gi>/<ci>.
const MIG_LINE = /^\s+MIG\s+(\S+)\s+Device\s+(\d+):\s*\(UUID:\s*([^)]+)\)\s*$/;

/** `nvidia-smi -L` → GPUs in order, each with its MIG devices (profile and UUID). */
export function parseGpuList(output: string): ListedGpu[] {
  const gpus: ListedGpu[] = [];
  for (const line of output.split(/\r?\n/)) {
    const gpu = GPU_LINE.exec(line);
    if (gpu) {
      gpus.push({ position: gpus.length, name: gpu[2] ?? '', uuid: identity(gpu[3]), mig: [] });
      continue;
    }
    const mig = MIG_LINE.exec(line);
    const parent = gpus[gpus.length - 1];
    if (mig && parent) parent.mig.push({ profile: mig[1] ?? '', index: Number(mig[2]), uuidRaw: (mig[3] ?? '').trim() });
  }
  return gpus;
}

/** True when a MIG-enabled GPU has MIG devices whose UUID or profile the XML did not give. */
export function needsMigIdentities(gpus: NvidiaGpu[]): boolean {
  return gpus.some((gpu) => gpu.migMode.current === 'enabled' && gpu.migDevices.some((device) => device.uuidRaw === null || device.profile === null));
}

/**
 * Gives each MIG device its profile and UUID from the `-L` listing. GPUs are matched by position
 * (both commands list them in nvidia-smi index order) and, where both UUIDs are real, checked by
 * UUID; MIG devices by their index. Returns warnings for what could not be matched.
 */
export function attachMigIdentities(gpus: NvidiaGpu[], listed: ListedGpu[]): string[] {
  const warnings: string[] = [];
  for (const gpu of gpus) {
    if (gpu.migDevices.length === 0) continue;
    const entry = listed[gpu.index];
    if (!entry || (entry.uuid !== null && gpu.uuid !== null && entry.uuid !== gpu.uuid)) {
      warnings.push(`GPU ${gpu.index}: nvidia-smi -L does not list it at the same position; its MIG device UUIDs and profiles are unknown`);
      continue;
    }
    for (const device of gpu.migDevices) {
      const match = entry.mig.find((mig) => mig.index === device.index);
      if (!match) continue;
      device.profile ??= text(match.profile);
      if (device.uuidRaw === null) {
        device.uuidRaw = text(match.uuidRaw);
        device.uuid = identity(match.uuidRaw);
      }
    }
  }
  return warnings;
}
