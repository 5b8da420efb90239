import { normalizeGpu } from './normalize-gpu';
import { firstOf, integer, records, text } from './smi-values';
import type { NvidiaGpu } from './types';

export interface NormalizedLog {
  driverVersion: string | null;
  cudaVersion: string | null;
  timestamp: string | null;
  attachedGpus: number | null;
  gpus: NvidiaGpu[];
  warnings: string[];
}

/** The parsed `<nvidia_smi_log>` → top-level facts and one NvidiaGpu per `<gpu>` element. */
export function normalizeLog(log: Record<string, unknown>): NormalizedLog {
  const gpus = records(log.gpu).map((gpu, index) => normalizeGpu(gpu, index));
  const attachedGpus = integer(log.attached_gpus);
  const warnings: string[] = [];
  // We count <gpu> elements: attached_gpus can disagree (a trimmed capture, a GPU that fell off
  // the bus between NVML's count and its enumeration), and a missing GPU must show.
  if (attachedGpus !== null && attachedGpus !== gpus.length) {
    warnings.push(`nvidia-smi reports ${attachedGpus} attached GPU(s) but lists ${gpus.length}`);
  }
  return {
    // Newer drivers print kmd_version (kernel-mode driver) beside driver_version (the R595
    // capture does); whichever carries a value is the driver version.
    driverVersion: firstOf(text(log.driver_version), text(log.kmd_version)),
    cudaVersion: text(log.cuda_version),
    timestamp: text(log.timestamp),
    attachedGpus,
    gpus,
    warnings,
  };
}
