// The shapes native/src/addon.cc hands back (sietch_nvml.node). Values are NVML's own units:
// bytes, milliwatts, MHz, °C, percent; `codes` holds the NVML return code of every field that
// has no value (null in `values`).

export interface NvmlRecord {
  values: Record<string, number | string | null>;
  codes: Record<string, number>;
}

export interface NvmlProcess {
  pid: number;
  usedBytes: number | null;
  gpuInstanceId: number | null;
  computeInstanceId: number | null;
  type: 'C' | 'G' | 'C+G';
}

export interface NvmlMigDevice extends NvmlRecord {
  index: number;
}

export interface NvmlDevice extends NvmlRecord {
  index: number;
  handleCode: number;
  migDevices: NvmlMigDevice[];
  processesCode: number;
  processes: NvmlProcess[];
}

export interface NvmlSystemRead extends NvmlRecord {
  countCode: number;
  devices: NvmlDevice[];
}

export type NvmlOpenStage = 'ok' | 'library-missing' | 'symbols-missing' | 'init-failed';

export interface NvmlOpenOutcome {
  stage: NvmlOpenStage;
  code: number;
  message: string;
  library: string;
}

export interface NvmlAddon {
  open(library?: string): NvmlOpenOutcome;
  read(): Promise<NvmlSystemRead>;
  sample(): Promise<NvmlSystemRead>;
  close(): void;
  napiVersion: number;
}
