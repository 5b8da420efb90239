import { assessHealth } from '../../gpu/health';
import { identity } from '../../gpu/smi-values';
import type { MigDevice, NvidiaGpu, NvidiaGpuWithHealth } from '../../gpu/types';
import { DCGM, dcgmValue, isDcgmMetric, type DcgmSeries } from './dcgm-fields';
import { decodeClockEventReasons } from '../../gpu/clock-event-reasons';

/** Readings DCGM gives that the nvidia-smi record has no field for; kept beside it in the register. */
export interface DcgmExtras {
  /** DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION: millijoules since the driver loaded. */
  energyMj: number | null;
  /** DCGM_FI_DEV_XID_ERRORS: the code of the last XID (0: none since DCGM started); not a count. */
  lastXid: number | null;
}

/** The GPUs one host reported, normalized to the same records as the local nvidia-smi reader. */
export interface DcgmHostRead {
  /** As the series name it (Hostname/hostname label, else the fallback). */
  hostname: string;
  driverVersion: string | null;
  gpus: NvidiaGpuWithHealth[];
  /** Same positions as gpus. */
  extras: DcgmExtras[];
}

export interface NormalizeDcgmOptions {
  /** Label names that carry the host, first match wins (default Hostname, then hostname). */
  hostLabels?: readonly string[];
  /** The host for series without any host label (a scrape: the target; Prometheus: the instance label). */
  fallbackHost?: (labels: Readonly<Record<string, string>>) => string | null;
}

export interface DcgmNormalized {
  hosts: DcgmHostRead[];
  /** Series that name no host or no GPU: counted, never guessed. */
  ignored: number;
  warnings: string[];
}

export const DEFAULT_HOST_LABELS: readonly string[] = ['Hostname', 'hostname'];

interface MigAccumulator {
  profile: string | null;
  values: Map<string, number | null>;
}

interface GpuAccumulator {
  labels: Readonly<Record<string, string>>;
  /** Whether `labels` come from a whole-GPU row, which names the GPU best (MIG rows may come first from Prometheus). */
  wholeLabels: boolean;
  /** Rows without a GPU instance (whole-GPU rows). */
  whole: Map<string, number | null>;
  /** Device-level fields repeated on every MIG row: the largest value, whatever the row order. */
  device: Map<string, number>;
  mig: Map<string, MigAccumulator>;
}

/** A label that may be spelled two ways (`UUID`/`uuid`); an empty value counts as absent, as in Prometheus. */
function label(labels: Readonly<Record<string, string>>, ...names: string[]): string | null {
  for (const name of names) {
    const value = labels[name];
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

function integerOrNull(text: string | null): number | null {
  if (text === null || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** MIG compute slices of a GPU instance profile (`3g.20gb` → 3). */
function slicesOf(profile: string | null): number | null {
  const match = /^(\d+)g\./.exec(profile ?? '');
  return match ? Number(match[1]) : null;
}

/** Compute slices of a whole GPU when MIG is on: 4 on an A30, 7 on A100/H100/H200/B200. */
function totalSlices(model: string): number {
  return /\bA30\b/.test(model) ? 4 : 7;
}

const flagOf = (value: number | null): boolean | null => (value === null ? null : value > 0);

function blankGpu(index: number): NvidiaGpu {
  return {
    index,
    uuid: null,
    uuidRaw: null,
    serial: null,
    serialRaw: null,
    name: 'Unknown NVIDIA GPU',
    brand: null,
    architecture: null,
    pciBusId: '',
    pciDeviceId: null,
    pciSubSystemId: null,
    boardPartNumber: null,
    gpuPartNumber: null,
    boardId: null,
    multiGpuBoard: null,
    moduleId: null,
    vbios: null,
    minorNumber: null,
    virtualizationMode: null,
    persistenceMode: null,
    computeMode: null,
    performanceState: null,
    memoryTotalMiB: null,
    memoryUsedMiB: null,
    memoryFreeMiB: null,
    utilizationGpuPct: null,
    utilizationMemoryPct: null,
    utilizationEncoderPct: null,
    utilizationDecoderPct: null,
    powerDrawW: null,
    powerDrawAverageW: null,
    powerLimitW: null,
    powerMaxLimitW: null,
    temperatureC: null,
    memoryTemperatureC: null,
    temperatureSlowdownC: null,
    temperatureShutdownC: null,
    fanPct: null,
    clocks: { graphicsMHz: null, smMHz: null, memoryMHz: null, videoMHz: null, maxGraphicsMHz: null, maxSmMHz: null, maxMemoryMHz: null },
    clockEventReasons: { gpuIdle: null, applicationsClocksSetting: null, swPowerCap: null, hwSlowdown: null, hwThermalSlowdown: null, hwPowerBrakeSlowdown: null, swThermalSlowdown: null, syncBoost: null },
    migMode: { current: null, pending: null },
    migDevices: [],
    processes: [],
    ecc: { modeCurrent: null, modePending: null, volatile: { corrected: null, uncorrected: null }, aggregate: { corrected: null, uncorrected: null }, sramThresholdExceeded: null, channelRepairPending: null, tpcRepairPending: null, unrepairableMemory: null },
    retiredPages: { singleBitCount: null, doubleBitCount: null, pending: null },
    remappedRows: { correctable: null, uncorrectable: null, pending: null, failure: null },
    recoveryAction: null,
    resetRequired: null,
    drainAndResetRecommended: null,
  };
}

/** Utilization in %: GPU_UTIL; under MIG (where DCGM does not report it) the instances' graphics activity weighted by their slices. */
function utilization(acc: GpuAccumulator, model: string): number | null {
  const direct = acc.whole.get(DCGM.gpuUtil);
  if (direct !== undefined && direct !== null) return direct;
  if (acc.mig.size > 0) {
    let busy = 0;
    let known = false;
    for (const instance of acc.mig.values()) {
      const active = instance.values.get(DCGM.grEngineActive);
      const slices = slicesOf(instance.profile);
      if (active === undefined || active === null || slices === null) continue;
      busy += active * slices;
      known = true;
    }
    return known ? Math.min(100, (busy / totalSlices(model)) * 100) : null;
  }
  const active = acc.whole.get(DCGM.grEngineActive);
  return active === undefined || active === null ? null : Math.min(100, active * 100);
}

function toGpu(acc: GpuAccumulator, fallbackIndex: number): { gpu: NvidiaGpu; extras: DcgmExtras } {
  const { labels } = acc;
  const get = (name: string): number | null => {
    const whole = acc.whole.get(name);
    if (whole !== undefined) return whole;
    return acc.device.get(name) ?? null;
  };
  const sumMig = (name: string): number | null => {
    let total: number | null = null;
    for (const instance of acc.mig.values()) {
      const value = instance.values.get(name);
      if (value !== undefined && value !== null) total = (total ?? 0) + value;
    }
    return total;
  };
  const gpu = blankGpu(integerOrNull(label(labels, 'gpu')) ?? fallbackIndex);
  const uuidRaw = label(labels, 'UUID', 'uuid');
  gpu.uuidRaw = uuidRaw;
  gpu.uuid = identity(uuidRaw);
  gpu.name = label(labels, 'modelName', 'model_name') ?? gpu.name;
  gpu.pciBusId = label(labels, 'pci_bus_id', 'pciBusID') ?? '';
  const migOn = acc.mig.size > 0;
  gpu.migMode = { current: migOn ? 'enabled' : null, pending: null };
  gpu.migDevices = [...acc.mig.entries()]
    .map(([instanceId, instance]): MigDevice => {
      const used = instance.values.get(DCGM.fbUsed) ?? null;
      const free = instance.values.get(DCGM.fbFree) ?? null;
      return {
        index: null,
        uuid: null,
        uuidRaw: null,
        profile: instance.profile,
        gpuInstanceId: integerOrNull(instanceId),
        computeInstanceId: null,
        multiprocessorCount: null,
        memoryTotalMiB: used !== null && free !== null ? used + free : null,
        memoryUsedMiB: used,
        eccSramUncorrectableVolatile: null,
      };
    })
    .sort((a, b) => (a.gpuInstanceId ?? 0) - (b.gpuInstanceId ?? 0));
  const used = migOn ? sumMig(DCGM.fbUsed) : get(DCGM.fbUsed);
  const free = migOn ? sumMig(DCGM.fbFree) : get(DCGM.fbFree);
  const reserved = get(DCGM.fbReserved);
  gpu.memoryUsedMiB = used;
  gpu.memoryFreeMiB = free;
  // Under MIG the instances cover only the partitioned memory: no total unless DCGM gives one.
  gpu.memoryTotalMiB = get(DCGM.fbTotal) ?? (!migOn && used !== null && free !== null ? used + free + (reserved ?? 0) : null);
  gpu.utilizationGpuPct = utilization(acc, gpu.name);
  gpu.utilizationMemoryPct = get(DCGM.memCopyUtil);
  gpu.utilizationEncoderPct = get(DCGM.encUtil);
  gpu.utilizationDecoderPct = get(DCGM.decUtil);
  gpu.powerDrawW = get(DCGM.power);
  gpu.powerLimitW = get(DCGM.powerLimit);
  gpu.temperatureC = get(DCGM.gpuTemp);
  gpu.memoryTemperatureC = get(DCGM.memoryTemp);
  gpu.clocks.smMHz = get(DCGM.smClock);
  gpu.clocks.memoryMHz = get(DCGM.memClock);
  gpu.ecc.volatile = { corrected: get(DCGM.eccSbeVolatile), uncorrected: get(DCGM.eccDbeVolatile) };
  gpu.ecc.aggregate = { corrected: get(DCGM.eccSbeAggregate), uncorrected: get(DCGM.eccDbeAggregate) };
  gpu.retiredPages = { singleBitCount: get(DCGM.retiredSbe), doubleBitCount: get(DCGM.retiredDbe), pending: flagOf(get(DCGM.retiredPending)) };
  gpu.remappedRows = { correctable: get(DCGM.rowsCorrectable), uncorrectable: get(DCGM.rowsUncorrectable), pending: flagOf(get(DCGM.rowRemapPending)), failure: flagOf(get(DCGM.rowRemapFailure)) };
  const reasons = get(DCGM.clocksEventReasons) ?? get(DCGM.throttleReasons);
  if (reasons !== null && Number.isSafeInteger(reasons)) {
    gpu.clockEventReasons = decodeClockEventReasons(reasons);
  }
  return { gpu, extras: { energyMj: get(DCGM.energy), lastXid: get(DCGM.xid) } };
}

interface RowKey {
  host: string;
  gpuKey: string;
  instanceId: string | null;
}

/** Which host, GPU and MIG instance a label set is about; null when it names no host or no GPU. */
function rowKey(labels: Readonly<Record<string, string>>, hostLabels: readonly string[], fallbackHost: NormalizeDcgmOptions['fallbackHost']): RowKey | null {
  const host = label(labels, ...hostLabels) ?? fallbackHost?.(labels) ?? null;
  // UUID, index and bus id together: MIG rows share all three with their parent and fold into
  // it, while two GPUs that report one UUID (a masked or cloned id) stay two GPUs.
  const uuid = label(labels, 'UUID', 'uuid');
  const index = label(labels, 'gpu');
  const bus = label(labels, 'pci_bus_id', 'pciBusID');
  if (host === null || (uuid === null && index === null && bus === null)) return null;
  return { host, gpuKey: `${uuid ?? ''}|${index ?? ''}|${bus ?? ''}`, instanceId: label(labels, 'GPU_I_ID') };
}

/**
 * DCGM series (from scrapes or from Prometheus) → per-host GPU records with health, the same
 * records the nvidia-smi reader gives. Rows are grouped by host and GPU UUID; MIG rows (labels
 * GPU_I_PROFILE / GPU_I_ID) repeat their parent's UUID and become its MIG devices. Series of
 * fields Sietch does not read are skipped; series without a host or GPU identity are counted in `ignored`.
 * The result does not depend on the order of the series.
 */
export function normalizeDcgm(series: Iterable<DcgmSeries>, options: NormalizeDcgmOptions = {}): DcgmNormalized {
  const hostLabels = options.hostLabels ?? DEFAULT_HOST_LABELS;
  const hosts = new Map<string, { driverVersion: string | null; gpus: Map<string, GpuAccumulator> }>();
  let ignored = 0;
  // Every field of one GPU carries the same label object (the parser shares it): its host and GPU key are worked out once.
  const keys = new WeakMap<object, RowKey | null>();
  for (const row of series) {
    if (!isDcgmMetric(row.name)) continue;
    const { labels } = row;
    let key = keys.get(labels);
    if (key === undefined) keys.set(labels, (key = rowKey(labels, hostLabels, options.fallbackHost)));
    if (key === null) {
      ignored++;
      continue;
    }
    const { host, gpuKey, instanceId } = key;
    let hostAcc = hosts.get(host);
    if (!hostAcc) hosts.set(host, (hostAcc = { driverVersion: null, gpus: new Map() }));
    hostAcc.driverVersion ??= label(labels, 'DCGM_FI_DRIVER_VERSION', 'driver_version');
    let acc = hostAcc.gpus.get(gpuKey);
    if (!acc) hostAcc.gpus.set(gpuKey, (acc = { labels, wholeLabels: false, whole: new Map(), device: new Map(), mig: new Map() }));
    const value = dcgmValue(row.name, row.value);
    if (instanceId === null) {
      acc.whole.set(row.name, value);
      if (!acc.wholeLabels) {
        acc.labels = labels;
        acc.wholeLabels = true;
      }
      continue;
    }
    let instance = acc.mig.get(instanceId);
    if (!instance) acc.mig.set(instanceId, (instance = { profile: label(labels, 'GPU_I_PROFILE'), values: new Map() }));
    instance.values.set(row.name, value);
    if (value !== null) acc.device.set(row.name, Math.max(acc.device.get(row.name) ?? -Infinity, value));
  }

  const result: DcgmHostRead[] = [];
  for (const [hostname, hostAcc] of hosts) {
    const built = [...hostAcc.gpus.values()].map((acc, position) => toGpu(acc, position));
    built.sort((a, b) => a.gpu.index - b.gpu.index || (a.gpu.uuidRaw ?? '').localeCompare(b.gpu.uuidRaw ?? ''));
    result.push({ hostname, driverVersion: hostAcc.driverVersion, gpus: assessHealth(built.map((entry) => entry.gpu)), extras: built.map((entry) => entry.extras) });
  }
  result.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
  const warnings = ignored > 0 ? [`${ignored} DCGM series named no host or no GPU and were skipped`] : [];
  return { hosts: result, ignored, warnings };
}
