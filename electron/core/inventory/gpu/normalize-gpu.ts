import { normalizeMigDevices, normalizeProcesses } from './normalize-children';
import { normalizeEcc, normalizeRecovery, normalizeRemappedRows, normalizeRetiredPages } from './normalize-memory-errors';
import { firstOf, flag, identity, integer, numberIn, onOff, section, text } from './smi-values';
import type { GpuClockEventReasons, GpuClocks, NvidiaGpu } from './types';

/** `clocks_throttle_reasons` (R418-R515 captures) was renamed `clocks_event_reasons` (R535+), and so were its children. */
function clockEventReasons(gpu: Record<string, unknown>): GpuClockEventReasons {
  const events = section(gpu.clocks_event_reasons);
  const throttle = section(gpu.clocks_throttle_reasons);
  const reason = (name: string): boolean | null => firstOf(flag(events[`clocks_event_reason_${name}`]), flag(throttle[`clocks_throttle_reason_${name}`]));
  return {
    gpuIdle: reason('gpu_idle'),
    applicationsClocksSetting: reason('applications_clocks_setting'),
    swPowerCap: reason('sw_power_cap'),
    hwSlowdown: reason('hw_slowdown'),
    hwThermalSlowdown: reason('hw_thermal_slowdown'),
    hwPowerBrakeSlowdown: reason('hw_power_brake_slowdown'),
    swThermalSlowdown: reason('sw_thermal_slowdown'),
    syncBoost: reason('sync_boost'),
  };
}

function clocks(gpu: Record<string, unknown>): GpuClocks {
  const now = section(gpu.clocks);
  const max = section(gpu.max_clocks);
  return {
    graphicsMHz: numberIn(now.graphics_clock, 'MHz'),
    smMHz: numberIn(now.sm_clock, 'MHz'),
    memoryMHz: numberIn(now.mem_clock, 'MHz'),
    videoMHz: numberIn(now.video_clock, 'MHz'),
    maxGraphicsMHz: numberIn(max.graphics_clock, 'MHz'),
    maxSmMHz: numberIn(max.sm_clock, 'MHz'),
    maxMemoryMHz: numberIn(max.mem_clock, 'MHz'),
  };
}

/**
 * Power: `<power_readings>` (R418-R515 captures) became `<gpu_power_readings>` (R535), and
 * `<power_draw>` became `<instant_power_draw>` + `<average_power_draw>` (v13). We report the
 * instant reading where there are several, the average beside it, and the limit in force.
 */
function power(gpu: Record<string, unknown>): Pick<NvidiaGpu, 'powerDrawW' | 'powerDrawAverageW' | 'powerLimitW' | 'powerMaxLimitW'> {
  const readings = { ...section(gpu.power_readings), ...section(gpu.gpu_power_readings) };
  const watts = (key: string): number | null => numberIn(readings[key], 'W');
  const average = watts('average_power_draw');
  return {
    powerDrawW: firstOf(watts('instant_power_draw'), watts('power_draw'), average),
    powerDrawAverageW: average,
    powerLimitW: firstOf(watts('enforced_power_limit'), watts('current_power_limit'), watts('power_limit')),
    powerMaxLimitW: watts('max_power_limit'),
  };
}

/** One `<gpu>` element → our model. Every field tolerates absence, `N/A` and junk. */
export function normalizeGpu(gpu: Record<string, unknown>, index: number): NvidiaGpu {
  const pci = section(gpu.pci);
  const memory = section(gpu.fb_memory_usage);
  const utilization = section(gpu.utilization);
  const temperature = section(gpu.temperature);
  const mig = section(gpu.mig_mode);
  const uuidRaw = text(gpu.uuid);
  const serialRaw = text(gpu.serial);
  return {
    index,
    uuid: identity(uuidRaw),
    uuidRaw,
    serial: identity(serialRaw),
    serialRaw,
    name: text(gpu.product_name) ?? 'Unknown NVIDIA GPU',
    brand: text(gpu.product_brand),
    architecture: text(gpu.product_architecture),
    // The id attribute of <gpu> is the same bus id; it stands in when <pci> is unreadable.
    pciBusId: text(pci.pci_bus_id) ?? text(gpu['@_id']) ?? '',
    pciDeviceId: text(pci.pci_device_id),
    pciSubSystemId: text(pci.pci_sub_system_id),
    boardPartNumber: text(gpu.board_part_number),
    gpuPartNumber: text(gpu.gpu_part_number),
    boardId: text(gpu.board_id),
    multiGpuBoard: flag(gpu.multigpu_board),
    moduleId: firstOf(integer(section(gpu.platformInfo).module_id), integer(gpu.gpu_module_id)),
    vbios: text(gpu.vbios_version),
    minorNumber: integer(gpu.minor_number),
    virtualizationMode: text(section(gpu.gpu_virtualization_mode).virtualization_mode),
    persistenceMode: onOff(gpu.persistence_mode),
    computeMode: text(gpu.compute_mode),
    performanceState: text(gpu.performance_state),
    memoryTotalMiB: numberIn(memory.total, 'MiB'),
    memoryUsedMiB: numberIn(memory.used, 'MiB'),
    memoryFreeMiB: numberIn(memory.free, 'MiB'),
    utilizationGpuPct: numberIn(utilization.gpu_util, '%'),
    utilizationMemoryPct: numberIn(utilization.memory_util, '%'),
    utilizationEncoderPct: numberIn(utilization.encoder_util, '%'),
    utilizationDecoderPct: numberIn(utilization.decoder_util, '%'),
    ...power(gpu),
    temperatureC: numberIn(temperature.gpu_temp, 'C'),
    memoryTemperatureC: numberIn(temperature.memory_temp, 'C'),
    temperatureSlowdownC: numberIn(temperature.gpu_temp_slow_threshold, 'C'),
    temperatureShutdownC: numberIn(temperature.gpu_temp_max_threshold, 'C'),
    fanPct: numberIn(gpu.fan_speed, '%'),
    clocks: clocks(gpu),
    clockEventReasons: clockEventReasons(gpu),
    migMode: { current: onOff(mig.current_mig), pending: onOff(mig.pending_mig) },
    migDevices: normalizeMigDevices(gpu),
    processes: normalizeProcesses(gpu),
    ecc: normalizeEcc(gpu),
    retiredPages: normalizeRetiredPages(gpu),
    remappedRows: normalizeRemappedRows(gpu),
    ...normalizeRecovery(gpu),
  };
}
