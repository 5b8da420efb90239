import type { HostInfoSource } from '../../electron/core/inventory/host/collect-host';
import { configSchema } from '../../electron/core/config/config';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log/logger';
import type { GpuReader } from '../../electron/core/inventory/gpu-register/gpu-inventory-service';
import { gpuRead } from './gpu-reads';

/** A host as systeminformation reports a real 8-GPU server, for tests that must not depend on the machine running them. */
export const SERVER_HOST: HostInfoSource = {
  system: async () => ({ manufacturer: 'Supermicro', model: 'SYS-821GE-TNHR', serial: 'S452390X3A07217', uuid: '4c4c4544-0051-3910-8036-b4c04f4e3433', sku: 'To be filled by O.E.M.', virtual: false }),
  baseboard: async () => ({ manufacturer: 'Supermicro', model: 'X13DEG-OAD', serial: 'OM23AS600123', assetTag: 'Default string' }),
  cpu: async () => ({ manufacturer: 'Intel', brand: 'Xeon Platinum 8480+', cores: 224, physicalCores: 112, processors: 2, speed: 2 }),
  mem: async () => ({ total: 2 * 1024 ** 4 }),
  diskLayout: async () => [{ device: '/dev/nvme0n1', type: 'NVMe', name: 'SAMSUNG MZQL23T8HCLS', vendor: 'Samsung', serialNum: 'S64HNE0T', size: 3.84e12, interfaceType: 'PCIe' }],
  networkInterfaces: async () => [{ iface: 'ens1f0np0', mac: 'b8:3f:d2:aa:bb:cc', ip4: '10.0.0.5', ip6: '', speed: 400000, internal: false, virtual: false }],
  osInfo: async () => ({ platform: 'linux', distro: 'Ubuntu', release: '22.04.4 LTS', kernel: '5.15.0-105-generic', arch: 'x64', hostname: 'gpu-node-07' }),
};

/** A real core on a real SQLite file in dataDir, with a fixed host. Remember to close it. */
export function startTestCore(dataDir: string, hostInfoSource: HostInfoSource = SERVER_HOST, gpuReader?: GpuReader, extra: Partial<CoreOptions> = {}): Core {
  // scrypt N = 2^12 keeps key tests fast; production uses 2^17.
  return createCore({ dataDir, config: configSchema.parse({}), logger: silentLogger, mode: 'headless', hostInfoSource, heartbeatMs: 200, gpuReader: gpuReader ?? (async () => gpuRead([], 'not-installed')), keystoreScryptN: 2 ** 12, ...extra });
}
