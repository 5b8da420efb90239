// The GPU reader: what the rest of core uses. NVML (docs/nvml.md) when it loads, else nvidia-smi (docs/nvidia-smi.md).
export type * from './types';
export { readLocalGpus, sampleLocalGpus } from './read-local-gpus';
export { NvidiaSmiReader, type NvidiaSmiReaderOptions } from './nvidia-smi-reader';
export { activeGpuSource, chooseGpuSource, LIBRARY_ENV, SOURCE_ENV, type GpuSourceChoice, type LocalGpuOptions } from './gpu-source';
export { NvmlReader, type NvmlReaderOptions } from './nvml/nvml-reader';
export { toInventoryGpusJson, inventoryGpusExitCode, type InventoryGpusJson, type InventoryGpuJson } from './cli-json';
export { assessHealth, healthOf, unreadableHealth, REASON_SEVERITY } from './health';
export { locateNvidiaSmi, BINARY_ENV } from './locate-binary';
export { DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BUFFER_BYTES } from './run-nvidia-smi';
