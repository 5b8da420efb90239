// The nvidia-smi reader: what the rest of core uses. See docs/nvidia-smi.md.
export type * from './types';
export { readLocalGpus, sampleLocalGpus } from './read-local-gpus';
export { NvidiaSmiReader, type NvidiaSmiReaderOptions } from './nvidia-smi-reader';
export { toInventoryGpusJson, inventoryGpusExitCode, type InventoryGpusJson, type InventoryGpuJson } from './cli-json';
export { assessHealth, healthOf, unreadableHealth, REASON_SEVERITY } from './health';
export { locateNvidiaSmi, BINARY_ENV } from './locate-binary';
export { DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BUFFER_BYTES } from './run-nvidia-smi';
