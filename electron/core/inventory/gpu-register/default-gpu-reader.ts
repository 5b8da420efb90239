import type { GpuReader } from './gpu-inventory-service';

/** Placeholder until the nvidia-smi reader lands (replaced in the same change). */
export function defaultGpuReader(_options: { simulate: boolean; timeoutMs: number }): GpuReader {
  return async () => ({ state: 'not-installed', message: 'reader not wired', source: 'nvidia-smi', binary: null, driverVersion: null, cudaVersion: null, timestamp: null, attachedGpus: null, gpus: [], warnings: [], exitCode: null, durationMs: 0 });
}
