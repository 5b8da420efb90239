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

/** nvmlSystemGetConfComputeState as read (the values are 0 unless `code` is NVML_SUCCESS). */
export interface NvmlConfComputeState {
  code: number;
  /** 0 unavailable, 1 simulation, 2 production. */
  environment: number;
  /** 0 CC off, 1 CC on. */
  feature: number;
  devToolsMode: number;
}

/** One GPU's confidential-computing evidence, as the driver gave it (native/src/attestation-reader.h). */
export interface NvmlAttestationRead {
  /** 0 with the report and the chain, or the NVML code of `call`, the call that stopped it. */
  code: number;
  call: string;
  /** The UUID of the GPU at that index (null when NVML did not say). */
  uuid: string | null;
  confCompute: NvmlConfComputeState;
  /** The size the driver reported; `report` is cut to the 8192-byte buffer. */
  reportSize: number;
  report: Buffer | null;
  certChainSize: number;
  /** PEM text, leaf first. */
  certChain: string | null;
}

export interface NvmlAddon {
  open(library?: string): NvmlOpenOutcome;
  read(): Promise<NvmlSystemRead>;
  sample(): Promise<NvmlSystemRead>;
  /** Absent from a build older than evidence collection. Throws a TypeError on bad arguments. */
  attestationEvidence?(index: number, nonce: Buffer): Promise<NvmlAttestationRead>;
  close(): void;
  napiVersion: number;
}
