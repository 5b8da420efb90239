import { identity, text } from '../smi-values';
import type { GpuProcess, MigDevice, NvidiaGpu, OnOff } from '../types';
import type { NvmlDevice, NvmlMigDevice, NvmlRecord } from './addon-types';
import { describeNvmlCode, fieldOutcome } from './nvml-codes';
import { decodeClockEventReasons } from '../clock-event-reasons';

// One NVML device → the record the nvidia-smi path produces (types.ts), in nvidia-smi's units:
// NVML gives bytes, milliwatts and bit masks where nvidia-smi prints MiB, W and Active/Not Active.

const MIB = 1024 * 1024;

/** nvidia-smi prints whole MiB, rounded down. */
function mib(bytes: number | null): number | null {
  return bytes === null ? null : Math.floor(bytes / MIB);
}

/** nvidia-smi prints watts with two decimals. */
function watts(milliwatts: number | null): number | null {
  return milliwatts === null ? null : Math.round(milliwatts / 10) / 100;
}

function onOff(value: number | null): OnOff | null {
  return value === null ? null : value === 1 ? 'enabled' : 'disabled';
}

function yes(value: number | null): boolean | null {
  return value === null ? null : value !== 0;
}

/** `1DF610DE`, as nvidia-smi prints PCI ids (device id and vendor, 8 upper-case hex digits). */
function pciId(value: number | null): string | null {
  return value === null ? null : (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** `0xd`, as nvidia-smi prints the board id. */
function boardId(value: number | null): string | null {
  return value === null ? null : `0x${(value >>> 0).toString(16)}`;
}

/** An NVML enum value → nvidia-smi's word for it; unknown values stay null rather than guessed. */
function named(names: Record<number, string>, value: number | null): string | null {
  return value === null ? null : (names[value] ?? null);
}

// nvmlBrandType_t, nvmlDeviceArchitecture_t, nvmlComputeMode_t, nvmlGpuVirtualizationMode_t,
// spelled as nvidia-smi prints product_brand, product_architecture, compute_mode, virtualization_mode.
const BRANDS: Record<number, string> = { 1: 'Quadro', 2: 'Tesla', 3: 'NVS', 5: 'GeForce', 6: 'Titan', 12: 'Quadro RTX', 13: 'NVIDIA RTX', 14: 'NVIDIA', 15: 'GeForce RTX', 16: 'Titan RTX' };
const ARCHITECTURES: Record<number, string> = { 2: 'Kepler', 3: 'Maxwell', 4: 'Pascal', 5: 'Volta', 6: 'Turing', 7: 'Ampere', 8: 'Ada Lovelace', 9: 'Hopper', 10: 'Blackwell' };
const COMPUTE_MODES: Record<number, string> = { 0: 'Default', 1: 'Exclusive_Thread', 2: 'Prohibited', 3: 'Exclusive_Process' };
const VIRTUALIZATION_MODES: Record<number, string> = { 0: 'None', 1: 'Pass-Through', 2: 'VGPU', 3: 'Host VGPU', 4: 'Host VSGA' };

/** nvmlPstates_t: 0-15 are P0-P15, 32 is unknown. */
function performanceState(value: number | null): string | null {
  return value !== null && value >= 0 && value <= 15 ? `P${value}` : null;
}

/** nvmlDeviceGpuRecoveryAction_t, spelled as nvidia-smi prints `gpu_recovery_action`. */
const RECOVERY_ACTIONS = ['None', 'GPU Reset', 'Node Reboot', 'Drain P2P', 'Drain and Reset'];

/** Reads values out of one record, collecting the codes that deserve a warning. */
class Fields {
  readonly problems: { key: string; code: number }[] = [];

  constructor(private readonly record: NvmlRecord) {}

  number(key: string): number | null {
    const value = this.record.values[key];
    if (typeof value === 'number') return value;
    this.note(key);
    return null;
  }

  string(key: string): string | null {
    const value = this.record.values[key];
    if (typeof value === 'string') return value;
    this.note(key);
    return null;
  }

  private note(key: string): void {
    const code = this.record.codes[key];
    if (code !== undefined && fieldOutcome(code) !== 'none') this.problems.push({ key, code });
  }
}

function migDevice(device: NvmlMigDevice, warnings: string[], where: string): MigDevice {
  const fields = new Fields(device);
  const uuidRaw = text(fields.string('uuid'));
  // A MIG device's name is its parent's followed by " MIG <profile>", the profile `nvidia-smi -L` shows.
  const name = fields.string('name');
  const marker = name?.lastIndexOf(' MIG ') ?? -1;
  const profile = name !== null && marker >= 0 ? text(name.slice(marker + 5)) : null;
  const result: MigDevice = {
    index: device.index,
    uuid: identity(uuidRaw),
    uuidRaw,
    profile,
    gpuInstanceId: fields.number('gpuInstanceId'),
    computeInstanceId: fields.number('computeInstanceId'),
    multiprocessorCount: fields.number('multiprocessorCount'),
    memoryTotalMiB: mib(fields.number('memoryTotalBytes')),
    memoryUsedMiB: mib(fields.number('memoryUsedBytes')),
    eccSramUncorrectableVolatile: fields.number('eccUncorrectedVolatile'),
  };
  for (const problem of fields.problems) warnings.push(`${where} MIG device ${device.index}: ${problem.key}: ${describeNvmlCode(problem.code)}`);
  return result;
}

/** By pid, as nvidia-smi lists them (NVML answers compute processes, then graphics ones). */
function processes(device: NvmlDevice): GpuProcess[] {
  return [...device.processes].sort((a, b) => a.pid - b.pid).map((process) => ({
    pid: process.pid,
    type: process.type,
    // NVML does not give the process name; nvidia-smi reads it from /proc.
    name: null,
    usedMemoryMiB: mib(process.usedBytes),
    gpuInstanceId: process.gpuInstanceId,
    computeInstanceId: process.computeInstanceId,
  }));
}

export interface NormalizedNvmlDevice {
  gpu: NvidiaGpu;
  /** The NVML code that says the GPU is lost or needs a reset, when a query answered one. */
  trouble: number | null;
  warnings: string[];
}

/** `index` is the GPU's position in the read, nvidia-smi's index too. */
export function normalizeNvmlDevice(device: NvmlDevice, index: number): NormalizedNvmlDevice {
  const fields = new Fields(device);
  const warnings: string[] = [];
  const uuidRaw = text(fields.string('uuid'));
  const serialRaw = text(fields.string('serial'));
  const name = text(fields.string('name'));
  const pciBusId = text(fields.string('pciBusId')) ?? '';
  const where = `GPU ${index}${pciBusId ? ` (${pciBusId})` : ''}`;
  const powerInstant = fields.number('powerInstantMilliwatts');
  const powerAverage = fields.number('powerAverageMilliwatts');
  const powerUsage = fields.number('powerUsageMilliwatts');
  const recovery = fields.number('recoveryAction');
  const gpu: NvidiaGpu = {
    index,
    uuid: identity(uuidRaw),
    uuidRaw,
    serial: identity(serialRaw),
    serialRaw,
    name: name ?? 'Unknown NVIDIA GPU',
    brand: named(BRANDS, fields.number('brand')),
    architecture: named(ARCHITECTURES, fields.number('architecture')),
    pciBusId,
    pciDeviceId: pciId(fields.number('pciDeviceId')),
    pciSubSystemId: pciId(fields.number('pciSubSystemId')),
    boardPartNumber: text(fields.string('boardPartNumber')),
    gpuPartNumber: text(fields.string('gpuPartNumber')),
    boardId: boardId(fields.number('boardId')),
    multiGpuBoard: yes(fields.number('multiGpuBoard')),
    moduleId: fields.number('moduleId'),
    vbios: text(fields.string('vbios')),
    minorNumber: fields.number('minorNumber'),
    virtualizationMode: named(VIRTUALIZATION_MODES, fields.number('virtualizationMode')),
    persistenceMode: onOff(fields.number('persistenceMode')),
    computeMode: named(COMPUTE_MODES, fields.number('computeMode')),
    performanceState: performanceState(fields.number('performanceState')),
    memoryTotalMiB: mib(fields.number('memoryTotalBytes')),
    memoryUsedMiB: mib(fields.number('memoryUsedBytes')),
    memoryFreeMiB: mib(fields.number('memoryFreeBytes')),
    utilizationGpuPct: fields.number('utilizationGpu'),
    utilizationMemoryPct: fields.number('utilizationMemory'),
    utilizationEncoderPct: fields.number('utilizationEncoder'),
    utilizationDecoderPct: fields.number('utilizationDecoder'),
    // The instant reading where the driver has one (nvidia-smi v13 prints it as instant_power_draw);
    // older drivers only have nvmlDeviceGetPowerUsage, which is what they printed as power_draw.
    powerDrawW: watts(powerInstant ?? powerUsage),
    powerDrawAverageW: watts(powerAverage),
    powerLimitW: watts(fields.number('powerLimitMilliwatts')),
    powerMaxLimitW: watts(fields.number('powerMaxLimitMilliwatts')),
    temperatureC: fields.number('temperatureGpu'),
    memoryTemperatureC: fields.number('temperatureMemory'),
    temperatureSlowdownC: fields.number('temperatureSlowdown'),
    temperatureShutdownC: fields.number('temperatureShutdown'),
    fanPct: fields.number('fanSpeed'),
    clocks: {
      graphicsMHz: fields.number('clockGraphics'),
      smMHz: fields.number('clockSm'),
      memoryMHz: fields.number('clockMemory'),
      videoMHz: fields.number('clockVideo'),
      maxGraphicsMHz: fields.number('clockMaxGraphics'),
      maxSmMHz: fields.number('clockMaxSm'),
      maxMemoryMHz: fields.number('clockMaxMemory'),
    },
    clockEventReasons: decodeClockEventReasons(fields.number('clockEventReasons')),
    migMode: { current: onOff(fields.number('migModeCurrent')), pending: onOff(fields.number('migModePending')) },
    migDevices: device.migDevices.map((mig) => migDevice(mig, warnings, where)),
    processes: processes(device),
    ecc: {
      modeCurrent: onOff(fields.number('eccModeCurrent')),
      modePending: onOff(fields.number('eccModePending')),
      volatile: { corrected: fields.number('eccCorrectedVolatile'), uncorrected: fields.number('eccUncorrectedVolatile') },
      aggregate: { corrected: fields.number('eccCorrectedAggregate'), uncorrected: fields.number('eccUncorrectedAggregate') },
      sramThresholdExceeded: yes(fields.number('sramThresholdExceeded')),
      channelRepairPending: yes(fields.number('channelRepairPending')),
      tpcRepairPending: yes(fields.number('tpcRepairPending')),
      // nvidia-smi's unrepairable_memory flag has no NVML query we read: null, as on drivers that do not print it.
      unrepairableMemory: null,
    },
    retiredPages: {
      singleBitCount: fields.number('retiredPagesSingleBit'),
      doubleBitCount: fields.number('retiredPagesDoubleBit'),
      pending: yes(fields.number('retiredPagesPending')),
    },
    remappedRows: {
      correctable: fields.number('remappedRowsCorrectable'),
      uncorrectable: fields.number('remappedRowsUncorrectable'),
      pending: yes(fields.number('remappedRowsPending')),
      failure: yes(fields.number('remappedRowsFailure')),
    },
    recoveryAction: recovery === null ? null : (RECOVERY_ACTIONS[recovery] ?? `unknown (${recovery})`),
    resetRequired: yes(fields.number('resetRequired')),
    drainAndResetRecommended: yes(fields.number('drainAndResetRecommended')),
  };
  if (device.processesCode !== 0 && fieldOutcome(device.processesCode) !== 'none') fields.problems.push({ key: 'processes', code: device.processesCode });
  let trouble: number | null = null;
  for (const problem of fields.problems) {
    const outcome = fieldOutcome(problem.code);
    if (outcome === 'lost' || outcome === 'reset') trouble ??= problem.code;
    else warnings.push(`${where}: ${problem.key}: ${describeNvmlCode(problem.code)}`);
  }
  return { gpu, trouble, warnings };
}
