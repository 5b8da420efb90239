import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { FAKE_NVIDIA_SMI, fakeSmiEnv } from './fake-nvidia-smi';

// The mock NVML library (test/nvml-mock/mock-nvml.c) and its data: the values of a real capture,
// converted to what NVML returns (bytes, milliwatts, bit masks, enums). The capture is read
// through the simulated nvidia-smi (`-q -x` and `-L`), so the text captures work as well as the
// XML ones, and its raw tags are parsed here on their own — not through Sietch's normalizer,
// whose output the NVML path is compared with.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NVML_ADDON = join(ROOT, 'native', 'build', 'Release', 'sietch_nvml.node');
const MOCK_SOURCE = join(ROOT, 'test', 'nvml-mock', 'mock-nvml.c');
const NVML_HEADER_DIR = join(ROOT, 'native', 'src');

/** Builds the addon when `npm ci` did not (it never fails the install); throws when it cannot be built. */
export function ensureNvmlAddon(): string {
  if (existsSync(NVML_ADDON)) return NVML_ADDON;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-native.mjs'), '--strict', '--quiet'], { encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0 || !existsSync(NVML_ADDON)) throw new Error(`the NVML addon could not be built: ${result.stderr}`);
  return NVML_ADDON;
}

let mockLibrary: string | null = null;

/** Compiles the mock into a temp dir once per test process: `<dir>/libnvidia-ml.so.1`. */
export function buildMockNvml(): string {
  if (mockLibrary) return mockLibrary;
  const dir = mkdtempSync(join(tmpdir(), 'sietch-nvml-mock-'));
  const library = join(dir, 'libnvidia-ml.so.1');
  execFileSync(process.env.CC ?? 'gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-Werror', '-I', NVML_HEADER_DIR, '-o', library, MOCK_SOURCE], { stdio: 'pipe' });
  mockLibrary = library;
  return library;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: false, isArray: (name) => ['gpu', 'mig_device', 'process_info'].includes(name) });

type Node = Record<string, unknown>;
const node = (value: unknown): Node => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : {});
const list = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);
const leaf = (value: unknown): string | null => {
  const raw = typeof value === 'string' ? value.trim() : null;
  return raw === null || raw === '' || /^\[?(n\/a|not supported|unknown error)\]?$/i.test(raw) ? null : raw;
};
/** `32510 MiB` → 32510 (the unit is checked). */
function amount(value: unknown, unit: string): number | null {
  const raw = leaf(value);
  if (raw === null) return null;
  const match = /^(-?\d+(?:\.\d+)?)\s*(\S*)$/.exec(raw);
  if (!match || (match[2] !== '' && match[2] !== unit)) return null;
  return Number(match[1]);
}
const yesNo = (value: unknown): number | null => {
  const raw = leaf(value)?.toLowerCase();
  if (raw === undefined) return null;
  return ['yes', 'active', 'enabled'].includes(raw) ? 1 : ['no', 'not active', 'disabled'].includes(raw) ? 0 : null;
};
const sum = (...values: (number | null)[]): number | null => (values.every((v) => v === null) ? null : values.reduce<number>((total, v) => total + (v ?? 0), 0));

/** Clock event reason tags (both spellings) → NVML's bits. */
const REASON_BITS: Record<string, number> = { gpu_idle: 0x1, applications_clocks_setting: 0x2, sw_power_cap: 0x4, hw_slowdown: 0x8, sync_boost: 0x10, sw_thermal_slowdown: 0x20, hw_thermal_slowdown: 0x40, hw_power_brake_slowdown: 0x80 };
const RECOVERY = ['None', 'GPU Reset', 'Node Reboot', 'Drain P2P', 'Drain and Reset'];
// NVML's enums, by the words nvidia-smi prints for them.
const BRANDS: Record<string, number> = { Quadro: 1, Tesla: 2, NVS: 3, GeForce: 5, Titan: 6, 'Quadro RTX': 12, 'NVIDIA RTX': 13, NVIDIA: 14, 'GeForce RTX': 15, 'Titan RTX': 16 };
const ARCHITECTURES: Record<string, number> = { Kepler: 2, Maxwell: 3, Pascal: 4, Volta: 5, Turing: 6, Ampere: 7, 'Ada Lovelace': 8, Hopper: 9, Blackwell: 10 };
const COMPUTE_MODES: Record<string, number> = { Default: 0, Exclusive_Thread: 1, Prohibited: 2, Exclusive_Process: 3 };
const VIRTUALIZATION_MODES: Record<string, number> = { None: 0, 'Pass-Through': 1, VGPU: 2, 'Host VGPU': 3, 'Host VSGA': 4 };
const enumOf = (names: Record<string, number>, value: unknown): number | null => {
  const word = leaf(value);
  return word !== null && word in names ? names[word]! : null;
};

function eccTotals(scope: Node): { corrected: number | null; uncorrected: number | null } {
  if ('single_bit' in scope || 'double_bit' in scope) {
    return { corrected: amount(node(scope.single_bit).total, ''), uncorrected: amount(node(scope.double_bit).total, '') };
  }
  const sramUncorrected = amount(scope.sram_uncorrectable, '') ?? sum(amount(scope.sram_uncorrectable_parity, ''), amount(scope.sram_uncorrectable_secded, ''));
  return { corrected: sum(amount(scope.sram_correctable, ''), amount(scope.dram_correctable, '')), uncorrected: sum(sramUncorrected, amount(scope.dram_uncorrectable, '')) };
}

/** `nvidia-smi -L`'s MIG lines per GPU: profile and UUID by MIG device index. */
function migIdentities(listing: string): Map<number, Map<number, { profile: string; uuid: string | null }>> {
  const out = new Map<number, Map<number, { profile: string; uuid: string | null }>>();
  let gpu = -1;
  for (const line of listing.split('\n')) {
    const gpuLine = /^GPU (\d+):/.exec(line);
    if (gpuLine) {
      gpu = Number(gpuLine[1]);
      out.set(gpu, new Map());
      continue;
    }
    const mig = /^\s+MIG (\S+)\s+Device\s+(\d+):(?: \(UUID: ([^)]+)\))?/.exec(line);
    if (mig && gpu >= 0) out.get(gpu)!.set(Number(mig[2]), { profile: mig[1]!, uuid: mig[3] ?? null });
  }
  return out;
}

/** One capture as the mock's statements (format at the top of mock-nvml.c): system lines, then per GPU its own lines and its MIG blocks. */
export interface MockCapture {
  system: string[];
  devices: { gpu: string[]; migs: string[] }[];
}

export function mockCapture(capture: string): MockCapture {
  const env = fakeSmiEnv({ capture });
  const xml = execFileSync(FAKE_NVIDIA_SMI, ['-q', '-x'], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const listing = execFileSync(FAKE_NVIDIA_SMI, ['-L'], { env, encoding: 'utf8' });
  const log = node(node(parser.parse(xml)).nvidia_smi_log);
  const migs = migIdentities(listing);
  const result: MockCapture = { system: [], devices: [] };
  const put = (target: string[], key: string, value: number | string | null): void => {
    // A value the capture does not have is a query the GPU does not support.
    if (value !== null) target.push(`${key} 0 ${value}`);
  };
  const system: string[] = [];
  put(system, 'driverVersion', leaf(log.driver_version));
  const cuda = leaf(log.cuda_version);
  if (cuda) {
    const [major, minor] = cuda.split('.').map(Number);
    put(system, 'cudaDriverVersion', major! * 1000 + (minor ?? 0) * 10);
  }
  result.system.push(...system.map((line) => `system ${line}`));
  const bytes = (value: unknown): number | null => {
    const mib = amount(value, 'MiB');
    return mib === null ? null : mib * 1024 * 1024;
  };
  const milliwatts = (value: unknown): number | null => {
    const w = amount(value, 'W');
    return w === null ? null : Math.round(w * 1000);
  };
  list(log.gpu).forEach((gpu, index) => {
    const out: string[] = [];
    const pci = node(gpu.pci);
    const memory = node(gpu.fb_memory_usage);
    const utilization = node(gpu.utilization);
    const temperature = node(gpu.temperature);
    const power = { ...node(gpu.power_readings), ...node(gpu.gpu_power_readings) };
    const clocks = node(gpu.clocks);
    const maxClocks = node(gpu.max_clocks);
    put(out, 'uuid', leaf(gpu.uuid));
    put(out, 'serial', leaf(gpu.serial));
    put(out, 'name', leaf(gpu.product_name));
    put(out, 'boardPartNumber', leaf(gpu.board_part_number));
    put(out, 'vbios', leaf(gpu.vbios_version));
    put(out, 'pciBusId', leaf(pci.pci_bus_id));
    const hex = (value: unknown): number | null => (leaf(value) ? Number.parseInt(leaf(value)!, 16) : null);
    put(out, 'pciDeviceId', hex(pci.pci_device_id));
    put(out, 'pciSubSystemId', hex(pci.pci_sub_system_id));
    put(out, 'minorNumber', amount(gpu.minor_number, ''));
    put(out, 'gpuPartNumber', leaf(gpu.gpu_part_number));
    put(out, 'brand', enumOf(BRANDS, gpu.product_brand));
    put(out, 'architecture', enumOf(ARCHITECTURES, gpu.product_architecture));
    put(out, 'boardId', hex(gpu.board_id));
    put(out, 'multiGpuBoard', yesNo(gpu.multigpu_board));
    put(out, 'persistenceMode', yesNo(gpu.persistence_mode));
    put(out, 'computeMode', enumOf(COMPUTE_MODES, gpu.compute_mode));
    const pstate = /^P(\d+)$/.exec(leaf(gpu.performance_state) ?? '');
    put(out, 'performanceState', pstate ? Number(pstate[1]) : null);
    put(out, 'virtualizationMode', enumOf(VIRTUALIZATION_MODES, node(gpu.gpu_virtualization_mode).virtualization_mode));
    put(out, 'temperatureMemory', amount(temperature.memory_temp, 'C'));
    put(out, 'moduleId', amount(node(gpu.platformInfo).module_id, '') ?? amount(gpu.gpu_module_id, ''));
    put(out, 'memoryTotal', bytes(memory.total));
    put(out, 'memoryUsed', bytes(memory.used));
    put(out, 'memoryFree', bytes(memory.free));
    put(out, 'memoryReserved', bytes(memory.reserved));
    put(out, 'utilizationGpu', amount(utilization.gpu_util, '%'));
    put(out, 'utilizationMemory', amount(utilization.memory_util, '%'));
    put(out, 'utilizationEncoder', amount(utilization.encoder_util, '%'));
    put(out, 'utilizationDecoder', amount(utilization.decoder_util, '%'));
    // v13 prints both: the instant reading and the 1 s average (nvmlDeviceGetPowerUsage on Ampere+).
    const instant = milliwatts(power.instant_power_draw);
    const average = milliwatts(power.average_power_draw);
    put(out, 'powerUsage', average ?? milliwatts(power.power_draw));
    put(out, 'powerInstant', instant);
    put(out, 'powerAverage', average);
    put(out, 'powerLimit', milliwatts(power.enforced_power_limit) ?? milliwatts(power.current_power_limit) ?? milliwatts(power.power_limit));
    put(out, 'powerMaxLimit', milliwatts(power.max_power_limit));
    put(out, 'temperatureGpu', amount(temperature.gpu_temp, 'C'));
    put(out, 'temperatureSlowdown', amount(temperature.gpu_temp_slow_threshold, 'C'));
    put(out, 'temperatureShutdown', amount(temperature.gpu_temp_max_threshold, 'C'));
    put(out, 'fanSpeed', amount(gpu.fan_speed, '%'));
    for (const [key, tag] of [['Graphics', 'graphics_clock'], ['Sm', 'sm_clock'], ['Memory', 'mem_clock'], ['Video', 'video_clock']] as const) {
      put(out, `clock${key}`, amount(clocks[tag], 'MHz'));
      put(out, `clockMax${key}`, amount(maxClocks[tag], 'MHz'));
    }
    const events = node(gpu.clocks_event_reasons);
    const throttle = node(gpu.clocks_throttle_reasons);
    let mask: number | null = null;
    for (const [name, bit] of Object.entries(REASON_BITS)) {
      const active = yesNo(events[`clocks_event_reason_${name}`]) ?? yesNo(throttle[`clocks_throttle_reason_${name}`]);
      if (active !== null) mask = (mask ?? 0) + active * bit;
    }
    put(out, 'clockEventReasons', mask);
    const eccMode = node(gpu.ecc_mode);
    put(out, 'eccModeCurrent', yesNo(eccMode.current_ecc));
    put(out, 'eccModePending', yesNo(eccMode.pending_ecc));
    const errors = node(gpu.ecc_errors);
    const volatile = eccTotals(node(errors.volatile));
    const aggregate = eccTotals(node(errors.aggregate));
    put(out, 'eccCorrectedVolatile', volatile.corrected);
    put(out, 'eccUncorrectedVolatile', volatile.uncorrected);
    put(out, 'eccCorrectedAggregate', aggregate.corrected);
    put(out, 'eccUncorrectedAggregate', aggregate.uncorrected);
    // R570+ drivers print the repair flags; both come from one NVML query.
    const channelRepair = yesNo(errors.channel_repair_pending);
    if (channelRepair !== null) {
      put(out, 'channelRepairPending', channelRepair);
      put(out, 'tpcRepairPending', yesNo(errors.tpc_repair_pending) ?? 0);
    }
    put(out, 'sramThresholdExceeded', yesNo(node(errors.aggregate).sram_threshold_exceeded));
    const pages = node(gpu.retired_pages);
    put(out, 'retiredPagesSingleBit', amount(node(pages.multiple_single_bit_retirement).retired_count, ''));
    put(out, 'retiredPagesDoubleBit', amount(node(pages.double_bit_retirement).retired_count, ''));
    put(out, 'retiredPagesPending', yesNo(pages.pending_retirement) ?? yesNo(pages.pending_blacklist));
    const rows = node(gpu.remapped_rows);
    if (leaf(rows.remapped_row_corr) !== null) {
      put(out, 'remappedRowsCorrectable', amount(rows.remapped_row_corr, ''));
      put(out, 'remappedRowsUncorrectable', amount(rows.remapped_row_unc, ''));
      put(out, 'remappedRowsPending', yesNo(rows.remapped_row_pending));
      put(out, 'remappedRowsFailure', yesNo(rows.remapped_row_failure));
    }
    const migMode = node(gpu.mig_mode);
    put(out, 'migModeCurrent', yesNo(migMode.current_mig));
    put(out, 'migModePending', yesNo(migMode.pending_mig));
    const recovery = leaf(gpu.gpu_recovery_action);
    put(out, 'recoveryAction', recovery === null ? null : RECOVERY.indexOf(recovery));
    const reset = node(gpu.gpu_reset_status);
    put(out, 'resetRequired', yesNo(reset.reset_required));
    put(out, 'drainAndResetRecommended', yesNo(reset.drain_and_reset_recommended));
    for (const process of list(node(gpu.processes).process_info)) {
      const type = leaf(process.type) ?? 'C';
      const used = bytes(process.used_memory);
      const instance = (value: unknown): number => amount(value, '') ?? 0xffffffff;
      for (const kind of type === 'C+G' ? ['C', 'G'] : [type === 'G' ? 'G' : 'C']) {
        out.push(`process ${kind} ${leaf(process.pid)} ${used ?? '18446744073709551615'} ${instance(process.gpu_instance_id)} ${instance(process.compute_instance_id)}`);
      }
    }
    const identities = migs.get(index) ?? new Map();
    const migLines: string[] = [];
    for (const mig of list(node(gpu.mig_devices).mig_device)) {
      const slot = amount(mig.index, '');
      if (slot === null) continue;
      const identity = identities.get(slot);
      migLines.push(`mig ${slot}`);
      if (identity?.uuid) migLines.push(`uuid 0 ${identity.uuid}`);
      if (identity) migLines.push(`name 0 ${leaf(gpu.product_name)} MIG ${identity.profile}`);
      const target: string[] = [];
      put(target, 'gpuInstanceId', amount(mig.gpu_instance_id, ''));
      put(target, 'computeInstanceId', amount(mig.compute_instance_id, ''));
      put(target, 'multiprocessorCount', amount(node(node(mig.device_attributes).shared).multiprocessor_count, ''));
      const migMemory = node(mig.fb_memory_usage);
      put(target, 'memoryTotal', bytes(migMemory.total));
      put(target, 'memoryUsed', bytes(migMemory.used));
      put(target, 'memoryFree', bytes(migMemory.free));
      put(target, 'eccUncorrectedVolatile', amount(node(node(mig.ecc_error_count).volatile_count).sram_uncorrectable, ''));
      migLines.push(...target);
    }
    result.devices.push({ gpu: out, migs: migLines });
  });
  return result;
}

export interface MockDataOptions {
  /** Statements added to a GPU's own (the last one for a key wins): a derived fault, e.g. `* 15`. */
  device?: Record<number, string[]>;
  /** What nvmlDeviceGetHandleByIndex_v2 returns for a GPU (default 0). */
  handle?: Record<number, number>;
  /** Statements before the first GPU: `init 9`, `count 18`. */
  header?: string[];
}

/** Writes the mock's data file for a capture into `dir`, with optional derived faults; returns its path. */
export function writeMockData(dir: string, capture: string, options: MockDataOptions = {}, name = 'nvml-mock.data'): string {
  const parsed = mockCapture(capture);
  const out = [`# derived from ${capture}`, ...(options.header ?? []), ...parsed.system];
  parsed.devices.forEach((device, index) => {
    out.push(`device ${index} ${options.handle?.[index] ?? 0}`, ...device.gpu);
    if (options.device?.[index]) out.push('# derived fault', ...options.device[index]!);
    // MIG blocks last: every statement after `mig N` is about that MIG device.
    out.push(...device.migs);
  });
  const file = join(dir, name);
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

/** The environment that points the addon at the mock with this data. */
export function mockNvmlEnv(library: string, data: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(base).filter(([key]) => !key.startsWith('SIETCH_NVML_') && !key.startsWith('SIETCH_FAKE_SMI_') && key !== 'SIETCH_NVIDIA_SMI' && key !== 'SIETCH_GPU_SOURCE'));
  return { ...clean, SIETCH_NVML_LIBRARY: library, SIETCH_NVML_MOCK_DATA: data };
}
