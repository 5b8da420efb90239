import type { HostInventory } from '../../../../electron/contract/schemas/host';

export const EM_DASH = '—';

/** The serial an operator reads off the chassis: the system's, else the baseboard's. */
export function hostSerial(inventory: HostInventory): { serial: string; source: 'system' | 'baseboard' } | null {
  if (inventory.system.serial) return { serial: inventory.system.serial, source: 'system' };
  if (inventory.baseboard.serial) return { serial: inventory.baseboard.serial, source: 'baseboard' };
  return null;
}

/** "Dell Inc.", "PowerEdge R760": the system's, falling back to the board's for white boxes. */
export function hostMakeAndModel(inventory: HostInventory): { manufacturer: string | null; model: string | null } {
  return {
    manufacturer: inventory.system.manufacturer ?? inventory.baseboard.manufacturer,
    model: inventory.system.model ?? inventory.baseboard.model,
  };
}

/** "AMD EPYC 9654": systeminformation splits the maker from the brand; join them unless repeated. */
export function cpuName(cpu: HostInventory['cpu']): string | null {
  const { manufacturer, brand } = cpu;
  if (!brand) return manufacturer;
  if (!manufacturer || brand.toLowerCase().startsWith(manufacturer.toLowerCase())) return brand;
  return `${manufacturer} ${brand}`;
}

/** "Ubuntu 24.04.1 LTS": distro and release, leaving out a release the distro already names. */
export function osName(os: HostInventory['os']): string {
  const { distro, release, platform } = os;
  if (!distro) return release ? `${platform} ${release}` : platform;
  if (!release || distro.includes(release)) return distro;
  return `${distro} ${release}`;
}
