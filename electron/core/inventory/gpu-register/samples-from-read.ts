import type { GpuReadResult, GpuSampleResult } from '../gpu/types';

/** A full read seen as a sample (for a core given a custom reader, as in tests and the simulator). */
export function samplesFromRead(read: GpuReadResult): GpuSampleResult {
  return {
    state: read.state,
    message: read.message,
    source: 'nvidia-smi',
    method: 'xml',
    binary: read.binary,
    warnings: read.warnings,
    durationMs: read.durationMs,
    samples: read.gpus.map((gpu) => ({
      index: gpu.index,
      uuid: gpu.uuid,
      pciBusId: gpu.pciBusId,
      utilizationGpuPct: gpu.utilizationGpuPct,
      utilizationMemoryPct: gpu.utilizationMemoryPct,
      powerDrawW: gpu.powerDrawW,
      temperatureC: gpu.temperatureC,
      memoryUsedMiB: gpu.memoryUsedMiB,
      smClockMHz: gpu.clocks.smMHz,
      memoryClockMHz: gpu.clocks.memoryMHz,
    })),
  };
}
