import type { HostInventory } from '../../../../electron/contract/schemas/host';

/** A plausible rack server, for tests; override what a test is about. */
export function testInventory(overrides: Partial<HostInventory> = {}): HostInventory {
  return {
    assetId: 'host:4c4c4544-0042-3510-8052-b4c04f4e4b33',
    idSource: 'system-uuid',
    hostname: 'gpu-node-07',
    collectedAt: '2026-11-24T15:00:00.000Z',
    system: { manufacturer: 'Dell Inc.', model: 'PowerEdge XE9680', serial: 'B5RNKK3', uuid: '4c4c4544-0042-3510-8052-b4c04f4e4b33', sku: null, virtual: false },
    baseboard: { manufacturer: 'Dell Inc.', model: '0X8C2D', serial: '.B5RNKK3.CNFCP0034800RK.', assetTag: null },
    cpu: { manufacturer: 'Intel', brand: 'Xeon® Platinum 8480+', cores: 224, physicalCores: 112, sockets: 2, speedGHz: 2 },
    memory: { totalBytes: 2 * 1024 ** 4 },
    disks: [{ device: '/dev/nvme0n1', type: 'NVMe', name: 'Dell Ent NVMe P5600 MU U.2 1.6TB', vendor: 'Dell', serial: 'PHAB1234001A1P6AGN', sizeBytes: 1_600_321_314_816, interface: 'PCIe' }],
    network: [{ iface: 'eno1', mac: 'b4:96:91:aa:bb:cc', ip4: '10.0.7.17', ip6: null, speedMbps: 25000, internal: false, virtual: false }],
    os: { platform: 'linux', distro: 'Ubuntu', release: '22.04.4 LTS', kernel: '5.15.0-105-generic', arch: 'x64', machineId: 'f3a9c1d2e4b5a6978877665544332211' },
    ...overrides,
  };
}
