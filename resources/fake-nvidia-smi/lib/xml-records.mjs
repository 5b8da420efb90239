// Answers `--query-gpu` and `-L` from an XML report, so that every source (a replayed XML
// capture, a converted text capture, the generated server) gives the same values to all three
// commands, as a real driver does.

import { gpuBlocks, pick, withoutChildren } from './xml-text.mjs';

const powerSection = (gpu) => (gpu.includes('<gpu_power_readings>') ? 'gpu_power_readings' : 'power_readings');
const path = (...tags) => (gpu) => pick(gpu, tags);
const power = (...names) => (gpu) => {
  for (const name of names) {
    const value = pick(gpu, [powerSection(gpu), name]);
    if (value !== null) return value;
  }
  return null;
};
const hex = (...tags) => (gpu) => {
  const value = pick(gpu, tags);
  return value === null || value === 'N/A' ? value : `0x${value}`;
};
const withoutUnit = (read) => (gpu) => read(gpu)?.replace(/\s*C$/, '') ?? null;
const exists = (...tags) => (gpu) => pick(gpu, tags) !== null;

/** Query field → how to read it from one GPU block; `since` marks fields older drivers refuse. */
const FIELDS = {
  'name': { read: path('product_name') },
  'serial': { read: path('serial') },
  'uuid': { read: path('uuid') },
  'pci.bus_id': { read: path('pci', 'pci_bus_id') },
  'pci.device_id': { read: hex('pci', 'pci_device_id') },
  'pci.sub_device_id': { read: hex('pci', 'pci_sub_system_id') },
  'vbios_version': { read: path('vbios_version') },
  'persistence_mode': { read: path('persistence_mode') },
  'compute_mode': { read: path('compute_mode') },
  'pstate': { read: path('performance_state') },
  'fan.speed': { read: path('fan_speed'), unit: '%' },
  'memory.total': { read: path('fb_memory_usage', 'total'), unit: 'MiB' },
  'memory.reserved': { read: path('fb_memory_usage', 'reserved'), unit: 'MiB' },
  'memory.used': { read: path('fb_memory_usage', 'used'), unit: 'MiB' },
  'memory.free': { read: path('fb_memory_usage', 'free'), unit: 'MiB' },
  'utilization.gpu': { read: path('utilization', 'gpu_util'), unit: '%' },
  'utilization.memory': { read: path('utilization', 'memory_util'), unit: '%' },
  'utilization.encoder': { read: path('utilization', 'encoder_util'), unit: '%' },
  'utilization.decoder': { read: path('utilization', 'decoder_util'), unit: '%' },
  'temperature.gpu': { read: withoutUnit(path('temperature', 'gpu_temp')) },
  'temperature.memory': { read: withoutUnit(path('temperature', 'memory_temp')) },
  'power.draw': { read: power('power_draw', 'average_power_draw'), unit: 'W' },
  'power.draw.average': { read: power('average_power_draw'), unit: 'W', since: (gpu) => gpu.includes('<average_power_draw>') },
  'power.draw.instant': { read: power('instant_power_draw'), unit: 'W', since: (gpu) => gpu.includes('<instant_power_draw>') },
  'power.limit': { read: power('current_power_limit', 'power_limit'), unit: 'W' },
  'enforced.power.limit': { read: power('enforced_power_limit', 'current_power_limit'), unit: 'W' },
  'power.default_limit': { read: power('default_power_limit'), unit: 'W' },
  'power.min_limit': { read: power('min_power_limit'), unit: 'W' },
  'power.max_limit': { read: power('max_power_limit'), unit: 'W' },
  'clocks.current.graphics': { read: path('clocks', 'graphics_clock'), unit: 'MHz' },
  'clocks.current.sm': { read: path('clocks', 'sm_clock'), unit: 'MHz' },
  'clocks.current.memory': { read: path('clocks', 'mem_clock'), unit: 'MHz' },
  'clocks.current.video': { read: path('clocks', 'video_clock'), unit: 'MHz' },
  'clocks.max.graphics': { read: path('max_clocks', 'graphics_clock'), unit: 'MHz' },
  'clocks.max.sm': { read: path('max_clocks', 'sm_clock'), unit: 'MHz' },
  'clocks.max.memory': { read: path('max_clocks', 'mem_clock'), unit: 'MHz' },
  'mig.mode.current': { read: path('mig_mode', 'current_mig') },
  'mig.mode.pending': { read: path('mig_mode', 'pending_mig') },
  'gpu_recovery_action': { read: path('gpu_recovery_action'), since: exists('gpu_recovery_action') },
};

/** nvidia-smi's own short names for some fields. */
export const FIELD_ALIASES = {
  'gpu_name': 'name', 'gpu_serial': 'serial', 'gpu_uuid': 'uuid', 'gpu_bus_id': 'pci.bus_id', 'clocks.gr': 'clocks.current.graphics',
  'clocks.sm': 'clocks.current.sm', 'clocks.mem': 'clocks.current.memory', 'clocks.video': 'clocks.current.video', 'clocks.max.gr': 'clocks.max.graphics',
  'clocks.max.mem': 'clocks.max.memory',
};

export const canonicalField = (field) => FIELD_ALIASES[field] ?? field;

function nowStamp(date) {
  const two = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}/${two(date.getMonth() + 1)}/${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * Reads the requested fields of every GPU. Returns { rows: [[{ value, unit }]] } or
 * { invalidField } for a field this driver generation would refuse.
 */
export function queryRows(xml, fields, now) {
  const blocks = gpuBlocks(xml);
  const driver = pick(xml.slice(0, blocks[0]?.start ?? xml.length), ['driver_version']);
  const rows = [];
  for (const [index, block] of blocks.entries()) {
    const gpu = withoutChildren(block.body);
    const row = [];
    for (const requested of fields) {
      const field = canonicalField(requested);
      if (field === 'index') row.push({ value: String(index) });
      else if (field === 'count') row.push({ value: String(blocks.length) });
      else if (field === 'timestamp') row.push({ value: nowStamp(now) });
      else if (field === 'driver_version') row.push({ value: driver ?? 'N/A' });
      else {
        const spec = FIELDS[field];
        if (!spec || (spec.since && !spec.since(gpu))) return { invalidField: requested };
        row.push({ value: spec.read(gpu) ?? 'N/A', unit: spec.unit });
      }
    }
    rows.push(row);
  }
  return { rows };
}

/** `-L` lines for an XML source: MIG devices only when the source knows their profile and UUID. */
export function listGpus(xml) {
  return gpuBlocks(xml).map((block, index) => {
    const gpu = withoutChildren(block.body);
    const lines = [`GPU ${index}: ${pick(gpu, ['product_name']) ?? 'N/A'} (UUID: ${pick(gpu, ['uuid']) ?? 'N/A'})`];
    const devices = /<mig_devices>([\s\S]*?)<\/mig_devices>/.exec(block.body)?.[1] ?? '';
    for (const device of devices.split('</mig_device>')) {
      const profile = pick(device, ['profile']);
      const uuid = pick(device, ['uuid']);
      const migIndex = pick(device, ['index']);
      if (profile && uuid && migIndex !== null) lines.push(`  MIG ${profile.padEnd(11)} Device ${migIndex.padStart(2)}: (UUID: ${uuid})`);
    }
    return lines.join('\n');
  });
}
