import { loadNvmlAddon } from './nvml/load-addon';
import { NvmlReader } from './nvml/nvml-reader';
import type { NvidiaSmiReaderOptions } from './nvidia-smi-reader';
import type { GpuSource } from './types';

// Which path reads the local GPUs: NVML through the native addon when it loads, nvidia-smi
// otherwise. docs/nvml.md explains the rules; `sietch doctor` prints the choice and why.

/** `auto` (default): NVML when it loads, else nvidia-smi. `nvml`: NVML or a failed read. `nvidia-smi`: never NVML. */
export const SOURCE_ENV = 'SIETCH_GPU_SOURCE';
/** The NVML library to open instead of libnvidia-ml.so.1 (nvml.dll on Windows): a path or soname. */
export const LIBRARY_ENV = 'SIETCH_NVML_LIBRARY';

export type GpuSourcePreference = 'auto' | 'nvml' | 'nvidia-smi';

export type GpuSourceChoice =
  | { source: 'nvml'; reader: NvmlReader; reason: string }
  /** `nvml` was required and is not there: the reader's failed open says why. */
  | { source: 'nvml'; reader: null; reason: string; failure: { state: 'not-installed'; message: string } }
  | { source: 'nvidia-smi'; reason: string };

export interface LocalGpuOptions extends NvidiaSmiReaderOptions {
  /** An NVML library to open (else SIETCH_NVML_LIBRARY, else the driver's). */
  nvmlLibrary?: string;
}

export function sourcePreference(env: NodeJS.ProcessEnv): GpuSourcePreference {
  const value = env[SOURCE_ENV]?.trim().toLowerCase();
  return value === 'nvml' || value === 'nvidia-smi' ? value : 'auto';
}

function defaultLibrary(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'nvml.dll' : 'libnvidia-ml.so.1';
}

// One NVML reader per library for the whole process: NVML's state is per process anyway.
const readers = new Map<string, NvmlReader>();

/** Decides the path for one read. Cheap after the first call (the addon and the library stay open). */
export function chooseGpuSource(options: LocalGpuOptions = {}): GpuSourceChoice {
  const env = options.env ?? process.env;
  const preference = sourcePreference(env);
  if (options.binary) return { source: 'nvidia-smi', reason: `the nvidia-smi at ${options.binary} was asked for` };
  if (preference === 'nvidia-smi') return { source: 'nvidia-smi', reason: `${SOURCE_ENV}=nvidia-smi` };
  const library = options.nvmlLibrary ?? env[LIBRARY_ENV] ?? defaultLibrary(options.platform ?? process.platform);
  // Naming an nvidia-smi binary (and no NVML library) is a choice of that binary.
  if (preference === 'auto' && env.SIETCH_NVIDIA_SMI && !options.nvmlLibrary && !env[LIBRARY_ENV]) return { source: 'nvidia-smi', reason: 'SIETCH_NVIDIA_SMI names the nvidia-smi to run' };
  const unavailable = (why: string): GpuSourceChoice =>
    preference === 'nvml' ? { source: 'nvml', reader: null, reason: why, failure: { state: 'not-installed', message: `NVML is required (${SOURCE_ENV}=nvml) but unavailable: ${why}` } } : { source: 'nvidia-smi', reason: `NVML is unavailable: ${why}` };
  const addon = loadNvmlAddon(env);
  if (!addon.ok) return unavailable(addon.message);
  let reader = readers.get(library);
  if (!reader) readers.set(library, (reader = new NvmlReader(addon.addon, { library, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) })));
  const opened = reader.open();
  if (!opened.ok) {
    // nvmlInit failing while the library is there (driver not loaded, version mismatch) is a
    // state of the GPUs: with `nvml` required the reader answers it (and retries the init); in
    // auto, nvidia-smi says its own.
    if (preference === 'nvml' && opened.stage === 'init-failed') return { source: 'nvml', reader, reason: opened.message };
    return unavailable(opened.message);
  }
  return { source: 'nvml', reader, reason: `${opened.library} loaded through the NVML addon` };
}

/** What `sietch doctor` prints: the path that reads this machine's GPUs, and why. */
export function activeGpuSource(options: LocalGpuOptions = {}): { source: GpuSource; reason: string; usable: boolean } {
  const choice = chooseGpuSource(options);
  const usable = choice.source === 'nvidia-smi' || (choice.reader !== null && choice.reader.open().ok);
  return { source: choice.source, reason: choice.reason, usable };
}
