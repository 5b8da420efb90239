// The normalized model of what `nvidia-smi -q -x` says about the GPUs of one host. Field names
// are ours and stable across driver generations; docs/nvidia-smi.md maps them to the XML tags.

/** Which path answered: NVML through the native addon (docs/nvml.md), or the nvidia-smi binary. */
export type GpuSource = 'nvml' | 'nvidia-smi';

/** How a read ended. Never an exception: every failure is one of these, with a message. */
export type GpuReadState = 'ok' | 'not-installed' | 'driver-not-loaded' | 'no-devices' | 'timeout' | 'unparsable';

export type GpuHealthStatus = 'ok' | 'degraded' | 'failing' | 'unknown';

/** Reason codes; docs/nvidia-smi.md says which make a GPU degraded and which failing. */
export type GpuHealthReason =
  | 'ecc-uncorrectable'
  | 'ecc-uncorrectable-aggregate'
  | 'ecc-sram-threshold-exceeded'
  | 'remap-pending'
  | 'remap-failure'
  | 'retirement-pending'
  | 'repair-pending'
  | 'unrepairable-memory'
  | 'recovery-action'
  | 'thermal-slowdown'
  | 'power-brake'
  | 'duplicate-uuid'
  | 'duplicate-serial'
  | 'nvidia-smi-timeout'
  | 'nvidia-smi-unavailable';

export interface GpuHealth {
  status: GpuHealthStatus;
  /** Sorted, without repeats. */
  reasons: GpuHealthReason[];
}

export type OnOff = 'enabled' | 'disabled';

export interface MigDevice {
  /** The MIG device index on its parent GPU (`Device N` in `nvidia-smi -L`). */
  index: number | null;
  /** `MIG-…` UUID from the XML when the driver prints it, else from `nvidia-smi -L`; null when masked. */
  uuid: string | null;
  uuidRaw: string | null;
  /** GPU instance profile, e.g. `3g.40gb`, from `nvidia-smi -L`. */
  profile: string | null;
  gpuInstanceId: number | null;
  computeInstanceId: number | null;
  multiprocessorCount: number | null;
  memoryTotalMiB: number | null;
  memoryUsedMiB: number | null;
  eccSramUncorrectableVolatile: number | null;
}

export interface GpuProcess {
  pid: number | null;
  /** C compute, G graphics, C+G both, M MPS. */
  type: string | null;
  name: string | null;
  usedMemoryMiB: number | null;
  gpuInstanceId: number | null;
  computeInstanceId: number | null;
}

export interface EccCounts {
  corrected: number | null;
  uncorrected: number | null;
}

export interface GpuEcc {
  modeCurrent: OnOff | null;
  modePending: OnOff | null;
  /** Since the last driver load. */
  volatile: EccCounts;
  /** Over the board's life (inforom). */
  aggregate: EccCounts;
  sramThresholdExceeded: boolean | null;
  channelRepairPending: boolean | null;
  tpcRepairPending: boolean | null;
  unrepairableMemory: boolean | null;
}

export interface GpuRetiredPages {
  singleBitCount: number | null;
  doubleBitCount: number | null;
  pending: boolean | null;
}

export interface GpuRemappedRows {
  correctable: number | null;
  uncorrectable: number | null;
  pending: boolean | null;
  failure: boolean | null;
}

/** Why the clocks are held down right now (`clocks_throttle_reasons`, renamed `clocks_event_reasons`). */
export interface GpuClockEventReasons {
  gpuIdle: boolean | null;
  applicationsClocksSetting: boolean | null;
  swPowerCap: boolean | null;
  hwSlowdown: boolean | null;
  hwThermalSlowdown: boolean | null;
  hwPowerBrakeSlowdown: boolean | null;
  swThermalSlowdown: boolean | null;
  syncBoost: boolean | null;
}

export interface GpuClocks {
  graphicsMHz: number | null;
  smMHz: number | null;
  memoryMHz: number | null;
  videoMHz: number | null;
  maxGraphicsMHz: number | null;
  maxSmMHz: number | null;
  maxMemoryMHz: number | null;
}

export interface NvidiaGpu {
  /** Position in nvidia-smi's output (0-based), which is nvidia-smi's own GPU index. */
  index: number;
  /** `GPU-…`, or null when missing or a masked placeholder (all zeros, N/A); see uuidRaw. */
  uuid: string | null;
  uuidRaw: string | null;
  /** Board serial, or null when missing or a placeholder (all zeros, N/A); see serialRaw. */
  serial: string | null;
  serialRaw: string | null;
  name: string;
  brand: string | null;
  architecture: string | null;
  /** As nvidia-smi prints it, e.g. `00000000:81:00.0`. */
  pciBusId: string;
  pciDeviceId: string | null;
  pciSubSystemId: string | null;
  boardPartNumber: string | null;
  gpuPartNumber: string | null;
  boardId: string | null;
  multiGpuBoard: boolean | null;
  moduleId: number | null;
  vbios: string | null;
  minorNumber: number | null;
  virtualizationMode: string | null;
  persistenceMode: OnOff | null;
  computeMode: string | null;
  performanceState: string | null;
  memoryTotalMiB: number | null;
  memoryUsedMiB: number | null;
  memoryFreeMiB: number | null;
  utilizationGpuPct: number | null;
  utilizationMemoryPct: number | null;
  utilizationEncoderPct: number | null;
  utilizationDecoderPct: number | null;
  /** The instant reading where the driver gives several (v13: instant and average). */
  powerDrawW: number | null;
  powerDrawAverageW: number | null;
  /** The limit in force (enforced, else current, else configured). */
  powerLimitW: number | null;
  powerMaxLimitW: number | null;
  temperatureC: number | null;
  memoryTemperatureC: number | null;
  temperatureSlowdownC: number | null;
  temperatureShutdownC: number | null;
  fanPct: number | null;
  clocks: GpuClocks;
  clockEventReasons: GpuClockEventReasons;
  migMode: { current: OnOff | null; pending: OnOff | null };
  migDevices: MigDevice[];
  processes: GpuProcess[];
  ecc: GpuEcc;
  retiredPages: GpuRetiredPages;
  remappedRows: GpuRemappedRows;
  /** `gpu_recovery_action` (v13): None, GPU Reset, Node Reboot, Drain P2P, Drain and Reset. */
  recoveryAction: string | null;
  /** `gpu_reset_status` (R535): the older spelling of a pending recovery action. */
  resetRequired: boolean | null;
  drainAndResetRecommended: boolean | null;
}

export interface NvidiaGpuWithHealth extends NvidiaGpu {
  health: GpuHealth;
}

export interface GpuReadResult {
  state: GpuReadState;
  /** What went wrong, in words, for every state but `ok`; null when ok. */
  message: string | null;
  source: GpuSource;
  /** The binary that was run (absolute when found on PATH), null when none was found or NVML answered. */
  binary: string | null;
  /** The NVML library that answered (source nvml): its path or soname. */
  library?: string;
  driverVersion: string | null;
  cudaVersion: string | null;
  /** nvidia-smi's own timestamp line, verbatim (local time of the host, no zone). */
  timestamp: string | null;
  /** `attached_gpus` as printed; gpus.length is what counts (they can disagree). */
  attachedGpus: number | null;
  gpus: NvidiaGpuWithHealth[];
  warnings: string[];
  exitCode: number | null;
  durationMs: number;
}

/** One GPU's live readings, from the `--query-gpu` CSV fast path or projected from the XML. */
export interface GpuSample {
  index: number;
  uuid: string | null;
  pciBusId: string | null;
  utilizationGpuPct: number | null;
  utilizationMemoryPct: number | null;
  powerDrawW: number | null;
  temperatureC: number | null;
  memoryUsedMiB: number | null;
  smClockMHz: number | null;
  memoryClockMHz: number | null;
}

export interface GpuSampleResult {
  state: GpuReadState;
  message: string | null;
  source: GpuSource;
  /** `csv` when the fast path answered, `xml` when it fell back to `-q -x`, `nvml` through the addon. */
  method: 'csv' | 'xml' | 'nvml';
  binary: string | null;
  /** The NVML library that answered (source nvml). */
  library?: string;
  samples: GpuSample[];
  warnings: string[];
  durationMs: number;
}
