import { machineIdSync } from './machine-id';
import type { HostInventory } from '../../../contract/schemas/host';

/** The parts of systeminformation we read; a test or the simulator can hand in another source. */
export interface HostInfoSource {
  system(): Promise<{ manufacturer: string; model: string; serial: string; uuid: string; sku: string; virtual?: boolean }>;
  baseboard(): Promise<{ manufacturer: string; model: string; serial: string; assetTag: string }>;
  cpu(): Promise<{ manufacturer: string; brand: string; cores: number; physicalCores: number; processors: number; speed: number }>;
  mem(): Promise<{ total: number }>;
  diskLayout(): Promise<Array<{ device?: string; type: string; name: string; vendor: string; serialNum: string; size: number; interfaceType: string }>>;
  networkInterfaces(): Promise<unknown>;
  osInfo(): Promise<{ platform: string; distro: string; release: string; kernel: string; arch: string; hostname: string; fqdn?: string; serial?: string }>;
}

// Firmware fills unknown fields with placeholders; none of them identifies a machine.
const PLACEHOLDERS = new Set(['', '-', 'none', 'n/a', 'na', 'default string', 'to be filled by o.e.m.', 'to be filled by oem', 'not specified', 'system serial number', 'system product name', '0', '123456789', '00000000', 'oem', 'unknown', '0123456789']);
const ZERO_UUID = /^[0-]+$|^f{8}-f{4}-f{4}-f{4}-f{12}$/i;

/** A firmware string, or null when it is blank or a known placeholder. */
export function meaningful(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return PLACEHOLDERS.has(trimmed.toLowerCase()) ? null : trimmed;
}

function meaningfulUuid(value: string | null | undefined): string | null {
  const text = meaningful(value);
  return text && !ZERO_UUID.test(text) ? text.toLowerCase() : null;
}

/**
 * host:<system UUID>, else host:<baseboard serial>, else host:<machine id>. The source is
 * kept beside the id: a machine id survives a board swap, a system UUID does not.
 */
export function hostAssetId(systemUuid: string | null, baseboardSerial: string | null, machineId: string | null): Pick<HostInventory, 'assetId' | 'idSource'> {
  if (systemUuid) return { assetId: `host:${systemUuid}`, idSource: 'system-uuid' };
  if (baseboardSerial) return { assetId: `host:${baseboardSerial}`, idSource: 'baseboard-serial' };
  if (machineId) return { assetId: `host:${machineId}`, idSource: 'machine-id' };
  throw new Error('this host has no system UUID, no baseboard serial and no machine id: it cannot be given a stable asset id');
}

interface RawInterface {
  iface?: string;
  mac?: string;
  ip4?: string;
  ip6?: string;
  speed?: number | null;
  internal?: boolean;
  virtual?: boolean;
}

export async function collectHostInventory(si: HostInfoSource, now: () => Date = () => new Date(), readMachineId: () => string | null = machineIdSync): Promise<HostInventory> {
  const [system, baseboard, cpu, mem, disks, nets, os] = await Promise.all([si.system(), si.baseboard(), si.cpu(), si.mem(), si.diskLayout(), si.networkInterfaces(), si.osInfo()]);
  const machineId = readMachineId();
  const systemUuid = meaningfulUuid(system.uuid);
  const baseboardSerial = meaningful(baseboard.serial);
  const interfaces = (Array.isArray(nets) ? nets : [nets]) as RawInterface[];
  return {
    ...hostAssetId(systemUuid, baseboardSerial, machineId),
    hostname: os.hostname,
    collectedAt: now().toISOString(),
    system: { manufacturer: meaningful(system.manufacturer), model: meaningful(system.model), serial: meaningful(system.serial), uuid: systemUuid, sku: meaningful(system.sku), virtual: Boolean(system.virtual) },
    baseboard: { manufacturer: meaningful(baseboard.manufacturer), model: meaningful(baseboard.model), serial: baseboardSerial, assetTag: meaningful(baseboard.assetTag) },
    cpu: { manufacturer: meaningful(cpu.manufacturer), brand: meaningful(cpu.brand), cores: cpu.cores, physicalCores: cpu.physicalCores, sockets: cpu.processors, speedGHz: cpu.speed > 0 ? cpu.speed : null },
    memory: { totalBytes: mem.total },
    disks: disks.map((disk) => ({ device: meaningful(disk.device), type: meaningful(disk.type), name: meaningful(disk.name), vendor: meaningful(disk.vendor), serial: meaningful(disk.serialNum), sizeBytes: Number.isFinite(disk.size) ? disk.size : null, interface: meaningful(disk.interfaceType) })),
    network: interfaces
      .filter((net) => typeof net.iface === 'string')
      .map((net) => ({ iface: net.iface!, mac: /^(00:){5}00$/.test(net.mac ?? '') ? null : meaningful(net.mac), ip4: meaningful(net.ip4), ip6: meaningful(net.ip6), speedMbps: typeof net.speed === 'number' && net.speed > 0 ? net.speed : null, internal: Boolean(net.internal), virtual: Boolean(net.virtual) })),
    os: { platform: os.platform, distro: meaningful(os.distro), release: meaningful(os.release), kernel: meaningful(os.kernel), arch: os.arch, machineId },
  };
}
