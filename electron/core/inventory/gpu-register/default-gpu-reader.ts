import { readLocalGpus } from '../gpu/read-local-gpus';
import type { GpuReader } from './gpu-inventory-service';

/**
 * The production reader: nvidia-smi (SIETCH_NVIDIA_SMI, PATH, driver folders), or the given
 * binary — the simulator's fake nvidia-smi under `--simulate`, which goes through the same
 * spawn, parse and health path as real hardware.
 */
export function defaultGpuReader(options: { binary?: string | undefined; timeoutMs: number }): GpuReader {
  return () => readLocalGpus({ ...(options.binary ? { binary: options.binary } : {}), timeoutMs: options.timeoutMs });
}
