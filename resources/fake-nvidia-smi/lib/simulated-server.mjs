// A simulated HGX H100 server: eight NVIDIA H100 80GB HBM3 SXM5 GPUs on one baseboard, written
// as `nvidia-smi -q -x` of an R580 driver (DTD v13). Identities are stable across runs and
// distinct; utilization, power, temperature, memory and clocks follow a training job's slow
// waves. Error counters are zero: a healthy server.

import { createHash } from 'node:crypto';
import { clamp, wave } from './vary.mjs';
import { escapeXml } from './xml-text.mjs';

export const DRIVER_VERSION = '580.95.05';
export const CUDA_VERSION = '13.0';
const MEMORY_TOTAL_MIB = 81559;
const MEMORY_RESERVED_MIB = 479;
const POWER_LIMIT_W = 700;
// The PCI buses of the eight SXM5 sockets of an HGX H100 baseboard behind its PCIe switches.
const HGX_BUSES = ['18', '2A', '3A', '5D', '9A', 'AB', 'BA', 'DB'];

function stableUuid(index) {
  const hex = createHash('sha256').update(`sietch-simulated-h100-${index}`).digest('hex');
  return `GPU-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** What the simulator knows about GPU `index` at `timeMs`. */
export function simulatedGpu(index, timeMs) {
  const board = Math.floor(index / HGX_BUSES.length);
  const bus = HGX_BUSES[index % HGX_BUSES.length];
  const load = wave(timeMs, index, 300);
  const utilization = Math.round(clamp(72 + 26 * load, 0, 100));
  const memoryUsed = Math.round(clamp(2_048 + (utilization / 100) * 72_000, 0, MEMORY_TOTAL_MIB - MEMORY_RESERVED_MIB));
  const power = clamp(78 + (utilization / 100) * 590 + 9 * wave(timeMs, index + 17, 47), 60, POWER_LIMIT_W);
  const temperature = Math.round(31 + utilization * 0.37 + 2 * wave(timeMs, index + 5, 900));
  return {
    index,
    pciBusId: `${board.toString(16).toUpperCase().padStart(8, '0')}:${bus}:00.0`,
    bus,
    domain: board.toString(16).toUpperCase().padStart(4, '0'),
    uuid: stableUuid(index),
    serial: `165292310${String(4127 + index * 37).padStart(4, '0')}`,
    moduleId: (index % HGX_BUSES.length) + 1,
    utilization,
    memoryUtilization: Math.round(clamp(utilization * 0.46 + 4 * wave(timeMs, index + 3, 61), 0, 100)),
    memoryUsed,
    power,
    powerAverage: clamp(power - 6 * wave(timeMs, index + 11, 29), 60, POWER_LIMIT_W),
    temperature,
    memoryTemperature: temperature + 7,
    smClock: utilization > 3 ? 1980 : 345,
    process: { pid: 48213 + index * 7, name: 'python3', usedMemory: Math.max(0, memoryUsed - 512) },
  };
}

function nvidiaSmiDate(date) {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n) => String(n).padStart(2, '0');
  return `${days[date.getDay()]} ${months[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())} ${date.getFullYear()}`;
}

/** Nested [tag, value | children] lists → indented XML (tabs, as nvidia-smi writes). */
function render(nodes, depth) {
  const pad = '\t'.repeat(depth);
  return nodes
    .map(([tag, value]) => (Array.isArray(value) ? `${pad}<${tag}>\n${render(value, depth + 1)}\n${pad}</${tag}>` : `${pad}<${tag}>${escapeXml(value)}</${tag}>`))
    .join('\n');
}

const na = (...tags) => tags.map((tag) => [tag, 'N/A']);
const notActive = (...names) => names.map((name) => [`clocks_event_reason_${name}`, 'Not Active']);

function supportedClocks() {
  const graphics = [];
  for (let mhz = 1980; mhz >= 345; mhz -= 15) graphics.push(['supported_graphics_clock', `${mhz} MHz`]);
  return [['supported_mem_clock', [['value', '2619 MHz'], ...graphics]]];
}

function gpuElement(gpu) {
  const mib = (n) => `${n} MiB`;
  const watts = (n) => `${n.toFixed(2)} W`;
  const children = [
    ['product_name', 'NVIDIA H100 80GB HBM3'], ['product_brand', 'NVIDIA'], ['product_architecture', 'Hopper'],
    ['display_mode', 'Requested functionality has been deprecated'], ['display_attached', 'No'], ['display_active', 'Disabled'],
    ['persistence_mode', 'Enabled'], ['addressing_mode', 'None'],
    ['mig_mode', [['current_mig', 'Disabled'], ['pending_mig', 'Disabled']]],
    ['mig_devices', 'None'],
    ['accounting_mode', 'Disabled'], ['accounting_mode_buffer_size', '4000'],
    ['driver_model', na('current_dm', 'pending_dm')],
    ['serial', gpu.serial], ['uuid', gpu.uuid], ['pdi', `0x${gpu.uuid.slice(4, 12)}${gpu.uuid.slice(28, 36)}`], ['minor_number', String(gpu.index)],
    ['vbios_version', '96.00.99.00.01'], ['multigpu_board', 'No'], ['board_id', `0x${gpu.bus.toLowerCase()}00`],
    ['board_part_number', '692-2G520-0200-000'], ['gpu_part_number', '2330-885-A1'], ['gpu_fru_part_number', 'N/A'],
    ['platformInfo', [...na('chassis_serial_number', 'slot_number', 'tray_index', 'host_id', 'peer_type'), ['module_id', String(gpu.moduleId)], ['gpu_fabric_guid', 'N/A']]],
    ['inforom_version', [['img_version', 'G520.0200.00.05'], ['oem_object', '2.1'], ['ecc_object', '7.16'], ['pwr_object', 'N/A']]],
    ['inforom_bbx_flush', na('latest_timestamp', 'latest_duration')],
    ['gpu_operation_mode', na('current_gom', 'pending_gom')],
    ['c2c_mode', 'Disabled'],
    ['gpu_virtualization_mode', [['virtualization_mode', 'None'], ['host_vgpu_mode', 'N/A'], ['vgpu_heterogeneous_mode', 'N/A']]],
    ['gpu_recovery_action', 'None'], ['gsp_firmware_version', DRIVER_VERSION],
    ['ibmnpu', na('relaxed_ordering_mode')],
    ['pci', [
      ['pci_bus', gpu.bus], ['pci_device', '00'], ['pci_domain', gpu.domain], ['pci_base_class', '3'], ['pci_sub_class', '2'],
      ['pci_device_id', '233010DE'], ['pci_bus_id', gpu.pciBusId], ['pci_sub_system_id', '16C110DE'],
      ['pci_gpu_link_info', [
        ['pcie_gen', [['max_link_gen', '5'], ['current_link_gen', '5'], ['device_current_link_gen', '5'], ['max_device_link_gen', '5'], ['max_host_link_gen', '5']]],
        ['link_widths', [['max_link_width', '16x'], ['current_link_width', '16x']]],
      ]],
      ['pci_bridge_chip', na('bridge_chip_type', 'bridge_chip_fw')],
      ['replay_counter', '0'], ['replay_rollover_counter', '0'],
      ['tx_util', `${Math.round(gpu.utilization * 310)} KB/s`], ['rx_util', `${Math.round(gpu.utilization * 870)} KB/s`],
      ['atomic_caps_outbound', 'N/A'], ['atomic_caps_inbound', 'N/A'],
    ]],
    ['fan_speed', 'N/A'], ['performance_state', 'P0'],
    ['clocks_event_reasons', [
      ['clocks_event_reason_gpu_idle', gpu.utilization > 3 ? 'Not Active' : 'Active'],
      ...notActive('applications_clocks_setting', 'sw_power_cap', 'hw_slowdown', 'hw_thermal_slowdown', 'hw_power_brake_slowdown', 'sync_boost', 'sw_thermal_slowdown', 'display_clocks_setting'),
    ]],
    ['clocks_event_reasons_counters', [
      ['clocks_event_reasons_counters_sw_power_cap', '0 us'], ['clocks_event_reasons_counters_sync_boost', '0 us'], ['clocks_event_reasons_counters_sw_therm_slowdown', '0 us'],
      ['clocks_event_reasons_counters_hw_therm_slowdown', '0 us'], ['clocks_event_reasons_counters_hw_power_brake', '0 us'],
    ]],
    ['sparse_operation_mode', 'Disabled'],
    ['fb_memory_usage', [['total', mib(MEMORY_TOTAL_MIB)], ['reserved', mib(MEMORY_RESERVED_MIB)], ['used', mib(gpu.memoryUsed)], ['free', mib(MEMORY_TOTAL_MIB - MEMORY_RESERVED_MIB - gpu.memoryUsed)]]],
    ['bar1_memory_usage', [['total', mib(131072)], ['used', mib(gpu.memoryUsed + 1)], ['free', mib(131072 - gpu.memoryUsed - 1)]]],
    ['cc_protected_memory_usage', [['total', mib(0)], ['used', mib(0)], ['free', mib(0)]]],
    ['compute_mode', 'Default'],
    ['utilization', [['gpu_util', `${gpu.utilization} %`], ['memory_util', `${gpu.memoryUtilization} %`], ['encoder_util', '0 %'], ['decoder_util', '0 %'], ['jpeg_util', '0 %'], ['ofa_util', '0 %']]],
    ['encoder_stats', [['session_count', '0'], ['average_fps', '0'], ['average_latency', '0']]],
    ['fbc_stats', [['session_count', '0'], ['average_fps', '0'], ['average_latency', '0']]],
    ['dram_encryption_mode', na('current_dram_encryption', 'pending_dram_encryption')],
    ['ecc_mode', [['current_ecc', 'Enabled'], ['pending_ecc', 'Enabled']]],
    ['ecc_errors', [
      ['volatile', [['sram_correctable', '0'], ['sram_uncorrectable_parity', '0'], ['sram_uncorrectable_secded', '0'], ['dram_correctable', '0'], ['dram_uncorrectable', '0']]],
      ['aggregate', [['sram_correctable', '0'], ['sram_uncorrectable_parity', '0'], ['sram_uncorrectable_secded', '0'], ['dram_correctable', '0'], ['dram_uncorrectable', '0'], ['sram_threshold_exceeded', 'No']]],
      ['aggregate_uncorrectable_sram_sources', [['sram_l2', '0'], ['sram_sm', '0'], ['sram_microcontroller', '0'], ['sram_pcie', '0'], ['sram_other', '0']]],
      ['channel_repair_pending', 'No'], ['tpc_repair_pending', 'No'], ['unrepairable_memory', 'No'],
    ]],
    ['retired_pages', [
      ['multiple_single_bit_retirement', na('retired_count', 'retired_pagelist')],
      ['double_bit_retirement', na('retired_count', 'retired_pagelist')],
      ...na('pending_blacklist', 'pending_retirement'),
    ]],
    ['remapped_rows', [
      ['remapped_row_corr', '0'], ['remapped_row_unc', '0'], ['remapped_row_pending', 'No'], ['remapped_row_failure', 'No'],
      ['row_remapper_histogram', [['row_remapper_histogram_max', '2560 bank(s)'], ['row_remapper_histogram_high', '0 bank(s)'], ['row_remapper_histogram_partial', '0 bank(s)'], ['row_remapper_histogram_low', '0 bank(s)'], ['row_remapper_histogram_none', '0 bank(s)']]],
    ]],
    ['temperature', [
      ['gpu_temp', `${gpu.temperature} C`], ['gpu_temp_tlimit', `${87 - gpu.temperature} C`], ['gpu_temp_max_tlimit_threshold', '-5 C'], ['gpu_temp_slow_tlimit_threshold', '-2 C'],
      ['gpu_temp_max_gpu_tlimit_threshold', '0 C'], ['gpu_target_temperature', 'N/A'], ['memory_temp', `${gpu.memoryTemperature} C`], ['gpu_temp_max_mem_tlimit_threshold', '0 C'],
    ]],
    ['supported_gpu_target_temp', na('gpu_target_temp_min', 'gpu_target_temp_max')],
    ['gpu_power_readings', [
      ['average_power_draw', watts(gpu.powerAverage)], ['instant_power_draw', watts(gpu.power)], ['current_power_limit', watts(POWER_LIMIT_W)],
      ['requested_power_limit', watts(POWER_LIMIT_W)], ['default_power_limit', watts(POWER_LIMIT_W)], ['min_power_limit', watts(200)], ['max_power_limit', watts(POWER_LIMIT_W)],
    ]],
    ['gpu_memory_power_readings', [['average_power_draw', watts(gpu.power * 0.17)], ['instant_power_draw', 'N/A']]],
    ['module_power_readings', na('average_power_draw', 'instant_power_draw', 'current_power_limit', 'requested_power_limit', 'default_power_limit', 'min_power_limit', 'max_power_limit')],
    ['power_smoothing', 'N/A'],
    ['power_profiles', na('power_profile_requested_profiles', 'power_profile_enforced_profiles')],
    ['edpp_multiplier', 'N/A'],
    ['clocks', [['graphics_clock', `${gpu.smClock} MHz`], ['sm_clock', `${gpu.smClock} MHz`], ['mem_clock', '2619 MHz'], ['video_clock', '1545 MHz']]],
    ['applications_clocks', [['graphics_clock', 'Requested functionality has been deprecated'], ['mem_clock', 'Requested functionality has been deprecated']]],
    ['default_applications_clocks', [['graphics_clock', 'Requested functionality has been deprecated'], ['mem_clock', 'Requested functionality has been deprecated']]],
    ['deferred_clocks', na('mem_clock')],
    ['max_clocks', [['graphics_clock', '1980 MHz'], ['sm_clock', '1980 MHz'], ['mem_clock', '2619 MHz'], ['video_clock', '1545 MHz']]],
    ['max_customer_boost_clocks', [['graphics_clock', '1980 MHz']]],
    ['clock_policy', na('auto_boost', 'auto_boost_default')],
    ['fabric', [['state', 'Completed'], ['status', 'Success'], ['cliqueId', '0'], ['clusterUuid', '00000000-0000-0000-0000-000000000000'],
      ['health', [['summary', 'Healthy'], ['bandwidth', 'Full'], ['route_recovery_in_progress', 'False'], ['route_unhealthy', 'False'], ['access_timeout_recovery', 'False'], ['incorrect_configuration', 'None']]]]],
    ['supported_clocks', supportedClocks()],
    ['processes', [['process_info', [
      ['gpu_instance_id', 'N/A'], ['compute_instance_id', 'N/A'], ['pid', String(gpu.process.pid)], ['type', 'C'], ['process_name', gpu.process.name], ['used_memory', mib(gpu.process.usedMemory)],
    ]]]],
    ['accounted_processes', []],
    ['capabilities', [['egm', 'disabled']]],
  ];
  return `\t<gpu id="${gpu.pciBusId}">\n${render(children, 2)}\n\t</gpu>\n`;
}

/** The whole `-q -x` report of a simulated server with `count` GPUs at `timeMs`. */
export function simulatedServerXml(count, timeMs) {
  const gpus = Array.from({ length: count }, (_, index) => gpuElement(simulatedGpu(index, timeMs)));
  return [
    '<?xml version="1.0" ?>',
    '<!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v13.dtd">',
    '<nvidia_smi_log>',
    `\t<timestamp>${nvidiaSmiDate(new Date(timeMs))}</timestamp>`,
    `\t<driver_version>${DRIVER_VERSION}</driver_version>`,
    `\t<cuda_version>${CUDA_VERSION}</cuda_version>`,
    `\t<attached_gpus>${count}</attached_gpus>`,
    gpus.join('\n'),
    '</nvidia_smi_log>',
    '',
  ].join('\n');
}
