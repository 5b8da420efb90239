// Turns the text report of `nvidia-smi -q` into the XML that `nvidia-smi -q -x` prints on the
// same machine. Some captures (nvidia_gpu_exporter's) hold only the text report; the simulator
// must still answer `-q -x` for them, as the real driver would. The label → tag tables below are
// written from the layout of nvidia-smi's two outputs (R535-R595); a label they do not know
// becomes its snake_case, which is what nvidia-smi does for most fields anyway.

import { escapeXml } from './xml-text.mjs';

const TOP = {
  'Timestamp': 'timestamp', 'Driver Version': 'driver_version', 'KMD Version': 'kmd_version', 'CUDA Version': 'cuda_version', 'Attached GPUs': 'attached_gpus',
};

const GPU = {
  'Product Name': 'product_name', 'Product Brand': 'product_brand', 'Product Architecture': 'product_architecture', 'Display Mode': 'display_mode',
  'Display Attached': 'display_attached', 'Display Active': 'display_active', 'Persistence Mode': 'persistence_mode', 'Addressing Mode': 'addressing_mode',
  'MIG Mode': 'mig_mode', 'MIG Devices': 'mig_devices', 'Accounting Mode': 'accounting_mode', 'Accounting Mode Buffer Size': 'accounting_mode_buffer_size',
  'Driver Model': 'driver_model', 'Serial Number': 'serial', 'GPU UUID': 'uuid', 'GPU PDI': 'pdi', 'Minor Number': 'minor_number',
  'VBIOS Version': 'vbios_version', 'MultiGPU Board': 'multigpu_board', 'Board ID': 'board_id', 'Board Part Number': 'board_part_number',
  'GPU Part Number': 'gpu_part_number', 'FRU Part Number': 'gpu_fru_part_number', 'GPU Module ID': 'gpu_module_id', 'Platform Info': 'platformInfo',
  'Inforom Version': 'inforom_version', 'Inforom BBX Object Flush': 'inforom_bbx_flush', 'GPU Operation Mode': 'gpu_operation_mode', 'GPU C2C Mode': 'c2c_mode',
  'GPU Virtualization Mode': 'gpu_virtualization_mode', 'GPU Reset Status': 'gpu_reset_status', 'GPU Recovery Action': 'gpu_recovery_action',
  'GSP Firmware Version': 'gsp_firmware_version', 'IBMNPU': 'ibmnpu', 'PCI': 'pci', 'Fan Speed': 'fan_speed', 'Performance State': 'performance_state',
  'Clocks Event Reasons': 'clocks_event_reasons', 'Clocks Throttle Reasons': 'clocks_throttle_reasons', 'Clocks Event Reasons Counters': 'clocks_event_reasons_counters',
  'Sparse Operation Mode': 'sparse_operation_mode', 'FB Memory Usage': 'fb_memory_usage', 'BAR1 Memory Usage': 'bar1_memory_usage',
  'Conf Compute Protected Memory Usage': 'cc_protected_memory_usage', 'Compute Mode': 'compute_mode', 'Utilization': 'utilization', 'Encoder Stats': 'encoder_stats',
  'FBC Stats': 'fbc_stats', 'DRAM Encryption Mode': 'dram_encryption_mode', 'ECC Mode': 'ecc_mode', 'ECC Errors': 'ecc_errors', 'Retired Pages': 'retired_pages',
  'Remapped Rows': 'remapped_rows', 'Temperature': 'temperature', 'GPU Power Readings': 'gpu_power_readings', 'Power Readings': 'power_readings',
  'GPU Memory Power Readings': 'gpu_memory_power_readings', 'Module Power Readings': 'module_power_readings', 'Power Smoothing': 'power_smoothing',
  'Workload Power Profiles': 'power_profiles', 'EDPp Multiplier': 'edpp_multiplier', 'Clocks': 'clocks', 'Applications Clocks': 'applications_clocks',
  'Default Applications Clocks': 'default_applications_clocks', 'Deferred Clocks': 'deferred_clocks', 'Max Clocks': 'max_clocks',
  'Max Customer Boost Clocks': 'max_customer_boost_clocks', 'Clock Policy': 'clock_policy', 'Voltage': 'voltage', 'Fabric': 'fabric', 'Processes': 'processes',
  'Capabilities': 'capabilities',
};

const CURRENT_PENDING = (suffix) => ({ Current: `current_${suffix}`, Pending: `pending_${suffix}` });
const CLOCK_NAMES = { Graphics: 'graphics_clock', SM: 'sm_clock', Memory: 'mem_clock', Video: 'video_clock' };
const POWER = {
  'Power Draw': 'power_draw', 'Average Power Draw': 'average_power_draw', 'Instantaneous Power Draw': 'instant_power_draw', 'Current Power Limit': 'current_power_limit',
  'Power Limit': 'power_limit',
};
const EVENT_REASONS = {
  'Idle': 'gpu_idle', 'Applications Clocks Setting': 'applications_clocks_setting', 'SW Power Cap': 'sw_power_cap', 'HW Slowdown': 'hw_slowdown',
  'HW Thermal Slowdown': 'hw_thermal_slowdown', 'HW Power Brake Slowdown': 'hw_power_brake_slowdown', 'Sync Boost': 'sync_boost',
  'SW Thermal Slowdown': 'sw_thermal_slowdown', 'Display Clock Setting': 'display_clocks_setting',
};
const prefixed = (prefix, names) => Object.fromEntries(Object.entries(names).map(([label, tag]) => [label, `${prefix}${tag}`]));

/** Tags by parent tag, then label. */
const IN = {
  mig_mode: CURRENT_PENDING('mig'),
  driver_model: CURRENT_PENDING('dm'),
  gpu_operation_mode: CURRENT_PENDING('gom'),
  ecc_mode: CURRENT_PENDING('ecc'),
  dram_encryption_mode: CURRENT_PENDING('dram_encryption'),
  inforom_version: { 'Image Version': 'img_version', 'OEM Object': 'oem_object', 'ECC Object': 'ecc_object', 'Power Management Object': 'pwr_object' },
  pci: {
    Bus: 'pci_bus', Device: 'pci_device', Domain: 'pci_domain', 'Base Classcode': 'pci_base_class', 'Sub Classcode': 'pci_sub_class', 'Device Id': 'pci_device_id',
    'Bus Id': 'pci_bus_id', 'Sub System Id': 'pci_sub_system_id', 'GPU Link Info': 'pci_gpu_link_info', 'Bridge Chip': 'pci_bridge_chip',
    'Replays Since Reset': 'replay_counter', 'Replay Number Rollovers': 'replay_rollover_counter', 'Tx Throughput': 'tx_util', 'Rx Throughput': 'rx_util',
  },
  pci_gpu_link_info: { 'PCIe Generation': 'pcie_gen', 'Link Width': 'link_widths' },
  pcie_gen: { Max: 'max_link_gen', Current: 'current_link_gen', 'Device Current': 'device_current_link_gen', 'Device Max': 'max_device_link_gen', 'Host Max': 'max_host_link_gen' },
  link_widths: { Max: 'max_link_width', Current: 'current_link_width' },
  pci_bridge_chip: { Type: 'bridge_chip_type', Firmware: 'bridge_chip_fw' },
  clocks_event_reasons: prefixed('clocks_event_reason_', EVENT_REASONS),
  clocks_throttle_reasons: prefixed('clocks_throttle_reason_', EVENT_REASONS),
  clocks_event_reasons_counters: prefixed('clocks_event_reasons_counters_', {
    'SW Power Capping': 'sw_power_cap', 'Sync Boost': 'sync_boost', 'SW Thermal Slowdown': 'sw_therm_slowdown', 'HW Thermal Slowdown': 'hw_therm_slowdown', 'HW Power Braking': 'hw_power_brake',
  }),
  utilization: { GPU: 'gpu_util', Memory: 'memory_util', Encoder: 'encoder_util', Decoder: 'decoder_util', JPEG: 'jpeg_util', OFA: 'ofa_util' },
  encoder_stats: { 'Active Sessions': 'session_count', 'Average FPS': 'average_fps', 'Average Latency': 'average_latency' },
  fbc_stats: { 'Active Sessions': 'session_count', 'Average FPS': 'average_fps', 'Average Latency': 'average_latency' },
  volatile: { 'SRAM Uncorrectable SEC-DED': 'sram_uncorrectable_secded', 'Texture Shared': 'texture_shm' },
  aggregate: { 'SRAM Uncorrectable SEC-DED': 'sram_uncorrectable_secded', 'Texture Shared': 'texture_shm' },
  remapped_rows: {
    'Correctable Error': 'remapped_row_corr', 'Uncorrectable Error': 'remapped_row_unc', 'Inactive Correctable Error': 'remapped_row_corr_inactive',
    'Inactive Uncorrectable Error': 'remapped_row_unc_inactive', Pending: 'remapped_row_pending', 'Remapping Failure Occurred': 'remapped_row_failure',
    'Bank Remap Availability Histogram': 'row_remapper_histogram',
  },
  row_remapper_histogram: prefixed('row_remapper_histogram_', { Max: 'max', High: 'high', Partial: 'partial', Low: 'low', None: 'none' }),
  temperature: {
    'GPU Current Temp': 'gpu_temp', 'GPU T.Limit Temp': 'gpu_temp_tlimit', 'GPU Shutdown T.Limit Temp': 'gpu_temp_max_tlimit_threshold',
    'GPU Slowdown T.Limit Temp': 'gpu_temp_slow_tlimit_threshold', 'GPU Max Operating T.Limit Temp': 'gpu_temp_max_gpu_tlimit_threshold',
    'GPU Shutdown Temp': 'gpu_temp_max_threshold', 'GPU Slowdown Temp': 'gpu_temp_slow_threshold', 'GPU Max Operating Temp': 'gpu_temp_max_gpu_threshold',
    'GPU Target Temperature': 'gpu_target_temperature', 'Memory Current Temp': 'memory_temp', 'Memory Max Operating Temp': 'gpu_temp_max_mem_threshold',
    'Memory Max Operating T.Limit Temp': 'gpu_temp_max_mem_tlimit_threshold',
  },
  gpu_power_readings: POWER,
  power_readings: POWER,
  gpu_memory_power_readings: POWER,
  module_power_readings: POWER,
  power_profiles: { 'Requested Profiles': 'power_profile_requested_profiles', 'Enforced Profiles': 'power_profile_enforced_profiles' },
  clocks: CLOCK_NAMES,
  applications_clocks: CLOCK_NAMES,
  default_applications_clocks: CLOCK_NAMES,
  deferred_clocks: CLOCK_NAMES,
  max_clocks: CLOCK_NAMES,
  max_customer_boost_clocks: CLOCK_NAMES,
  fabric: { CliqueId: 'cliqueId', ClusterUUID: 'clusterUuid' },
  mig_device: { 'ECC Errors': 'ecc_error_count', 'Shared FB Memory Usage': 'fb_memory_usage', 'Shared BAR1 Memory': 'bar1_memory_usage', 'FB Memory Usage': 'fb_memory_usage', 'BAR1 Memory Usage': 'bar1_memory_usage' },
  ecc_error_count: { Volatile: 'volatile_count' },
};

const snake = (label) => label.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

function tagFor(parentTag, label) {
  return IN[parentTag]?.[label] ?? (parentTag === 'nvidia_smi_log' ? TOP[label] : undefined) ?? (parentTag === 'gpu' ? GPU[label] : undefined) ?? snake(label);
}

/** Lines of the report → a tree by indentation: { label, value, children }. */
function toTree(lines) {
  const root = { label: '', value: null, indent: -1, children: [] };
  const stack = [root];
  for (const raw of lines) {
    if (raw.trim() === '') continue;
    const indent = raw.length - raw.trimStart().length;
    const match = /^(.*?)\s+:\s?(.*)$/.exec(raw.trim());
    const node = { label: (match ? match[1] : raw).trim(), value: match ? match[2].trim() : null, indent, children: [] };
    while (stack[stack.length - 1].indent >= indent) stack.pop();
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  }
  return root;
}

const PCI_HEX = new Set(['pci_bus', 'pci_device', 'pci_domain', 'pci_base_class', 'pci_sub_class', 'pci_device_id', 'pci_sub_system_id']);

function leaf(tag, value, depth) {
  return `${'\t'.repeat(depth)}<${tag}>${escapeXml(value)}</${tag}>`;
}

function element(tag, body, depth) {
  const pad = '\t'.repeat(depth);
  return body.length === 0 ? `${pad}<${tag}>\n${pad}</${tag}>` : `${pad}<${tag}>\n${body.join('\n')}\n${pad}</${tag}>`;
}

/** Processes are printed flat in text; each one starts at "GPU instance ID" (or at a second "Process ID"). */
function processes(node, depth) {
  const names = { 'GPU instance ID': 'gpu_instance_id', 'Compute instance ID': 'compute_instance_id', 'Process ID': 'pid', Type: 'type', Name: 'process_name', 'Used GPU Memory': 'used_memory' };
  const list = [];
  let current = null;
  const visit = (child) => {
    const tag = names[child.label] ?? snake(child.label);
    const startsNew = !current || child.label === 'GPU instance ID' || (tag === 'pid' && current.some(([t]) => t === 'pid'));
    if (startsNew) list.push((current = []));
    if (child.value !== null) current.push([tag, child.value]);
    child.children.forEach(visit);
  };
  node.children.forEach(visit);
  return element('processes', list.map((fields) => element('process_info', fields.map(([tag, value]) => leaf(tag, value, depth + 2)), depth + 1)), depth);
}

function retiredPages(node, depth) {
  const body = [];
  for (const child of node.children) {
    if (child.label === 'Single Bit ECC' || child.label === 'Double Bit ECC') {
      const tag = child.label === 'Single Bit ECC' ? 'multiple_single_bit_retirement' : 'double_bit_retirement';
      body.push(element(tag, [leaf('retired_count', child.value ?? 'N/A', depth + 2), leaf('retired_pagelist', child.value === 'N/A' ? 'N/A' : '', depth + 2)], depth + 1));
    } else if (child.label === 'Pending Page Blacklist' || child.label === 'Pending Page Retirement' || child.label === 'Pending') {
      body.push(leaf('pending_blacklist', child.value ?? 'N/A', depth + 1), leaf('pending_retirement', child.value ?? 'N/A', depth + 1));
    }
  }
  return element('retired_pages', body, depth);
}

function children(nodes, parentTag, depth) {
  const out = [];
  const migDevices = [];
  let migSlot = -1;
  for (const node of nodes) {
    if (node.label === 'MIG Device') {
      migDevices.push(element('mig_device', children(node.children, 'mig_device', depth + 2), depth + 1));
      continue;
    }
    const tag = tagFor(parentTag, node.label);
    if (tag === 'processes' && node.children.length > 0) out.push(processes(node, depth));
    else if (tag === 'processes') out.push(element('processes', [], depth));
    else if (tag === 'retired_pages' && node.children.length > 0) out.push(retiredPages(node, depth));
    else if (node.value !== null) {
      const value = PCI_HEX.has(tag) ? node.value.replace(/^0x/i, '') : node.value;
      out.push(leaf(tag, value, depth));
      // A value with children (HW Slowdown → HW Thermal/Power Brake Slowdown): siblings in XML.
      out.push(...children(node.children, parentTag, depth));
    } else {
      out.push(element(tag, children(node.children, tag, depth + 1), depth));
    }
    if (tag === 'mig_mode') migSlot = out.length;
  }
  // MIG devices sit right after <mig_mode>; with MIG off the XML says None.
  if (migSlot >= 0 && !nodes.some((node) => node.label === 'MIG Devices')) {
    const pad = '\t'.repeat(depth);
    const block = migDevices.length > 0 ? element('mig_devices', migDevices, depth) : `${pad}<mig_devices>\n${pad}\tNone\n${pad}</mig_devices>`;
    out.splice(migSlot, 0, block);
  }
  return out;
}

/** The `-q` report (from its "NVSMI LOG" banner on) → the `-q -x` document. */
export function textReportToXml(report) {
  const lines = report.split(/\r?\n/);
  const start = lines.findIndex((line) => line.includes('NVSMI LOG'));
  const tree = toTree(lines.slice(start + 1));
  const body = [];
  for (const node of tree.children) {
    const gpu = /^GPU\s+([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f])$/.exec(node.label);
    if (gpu && node.value === null) {
      body.push(`\t<gpu id="${gpu[1]}">\n${children(node.children, 'gpu', 2).join('\n')}\n\t</gpu>\n`);
    } else if (node.value !== null) {
      body.push(leaf(tagFor('nvidia_smi_log', node.label), node.value, 1));
    }
  }
  return `<?xml version="1.0" ?>\n<!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v13.dtd">\n<nvidia_smi_log>\n${body.join('\n')}\n</nvidia_smi_log>\n`;
}
