import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The file-system calls the lookup makes; tests hand in a fake tree (e.g. a Windows one). */
export interface BinaryProbe {
  isExecutable(file: string): boolean;
  listDirectories(dir: string): string[];
  modifiedAt(file: string): number;
}

export const nodeProbe: BinaryProbe = {
  isExecutable(file) {
    try {
      if (!statSync(file).isFile()) return false;
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  listDirectories(dir) {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
    } catch {
      return [];
    }
  },
  modifiedAt(file) {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  },
};

export type BinaryLookup = { found: true; binary: string } | { found: false; message: string };

export const BINARY_ENV = 'SIETCH_NVIDIA_SMI';

function searchPath(names: string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform, probe: BinaryProbe): string | null {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  // Windows spells it Path; process.env is case-insensitive there but a copied object is not.
  const pathValue = env.PATH ?? env.Path ?? env.path ?? '';
  for (const dir of pathValue.split(platform === 'win32' ? ';' : ':')) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = paths.join(dir, name);
      if (probe.isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** System32 first (what the driver installs), then the newest DriverStore copy (DCH drivers). */
function searchWindowsDriver(env: NodeJS.ProcessEnv, probe: BinaryProbe): string | null {
  const windows = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? env.WINDIR ?? 'C:\\Windows';
  const system32 = path.win32.join(windows, 'System32', 'nvidia-smi.exe');
  if (probe.isExecutable(system32)) return system32;
  const store = path.win32.join(windows, 'System32', 'DriverStore', 'FileRepository');
  const candidates = probe
    .listDirectories(store)
    .filter((dir) => dir.toLowerCase().startsWith('nv'))
    .map((dir) => path.win32.join(store, dir, 'nvidia-smi.exe'))
    .filter((file) => probe.isExecutable(file))
    .sort((a, b) => probe.modifiedAt(b) - probe.modifiedAt(a));
  return candidates[0] ?? null;
}

/**
 * Which nvidia-smi to run: `SIETCH_NVIDIA_SMI` when set (the simulator, or a non-standard
 * install), else `nvidia-smi` on PATH, else on Windows the driver's own locations.
 */
export function locateNvidiaSmi(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, probe: BinaryProbe = nodeProbe): BinaryLookup {
  const configured = env[BINARY_ENV]?.trim();
  if (configured) {
    return probe.isExecutable(configured) ? { found: true, binary: configured } : { found: false, message: `${BINARY_ENV} is set to ${configured}, which is not an executable file` };
  }
  const names = platform === 'win32' ? ['nvidia-smi.exe'] : ['nvidia-smi'];
  const onPath = searchPath(names, env, platform, probe) ?? (platform === 'win32' ? searchWindowsDriver(env, probe) : null);
  if (onPath) return { found: true, binary: onPath };
  return { found: false, message: 'nvidia-smi was not found on PATH: the NVIDIA driver is not installed, or this host has no NVIDIA GPU' };
}
