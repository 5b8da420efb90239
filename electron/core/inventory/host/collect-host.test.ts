import * as si from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { hostInventory } from '../../../contract/schemas/host';
import { collectHostInventory, hostAssetId, meaningful, type HostInfoSource } from './collect-host';

function fakeSource(overrides: { uuid?: string; boardSerial?: string; systemSerial?: string }): HostInfoSource {
  return {
    system: async () => ({ manufacturer: 'Supermicro', model: 'SYS-821GE-TNHR', serial: overrides.systemSerial ?? 'S452390X3A07217', uuid: overrides.uuid ?? '', sku: 'To be filled by O.E.M.', virtual: false }),
    baseboard: async () => ({ manufacturer: 'Supermicro', model: 'X13DEG-OAD', serial: overrides.boardSerial ?? '', assetTag: 'Default string' }),
    cpu: async () => ({ manufacturer: 'Intel', brand: 'Xeon Platinum 8480+', cores: 224, physicalCores: 112, processors: 2, speed: 2 }),
    mem: async () => ({ total: 2 * 1024 ** 4 }),
    diskLayout: async () => [{ device: '/dev/nvme0n1', type: 'NVMe', name: 'SAMSUNG MZQL23T8HCLS', vendor: 'Samsung', serialNum: 'S64HNE0T', size: 3.84e12, interfaceType: 'PCIe' }],
    networkInterfaces: async () => [{ iface: 'ens1f0np0', mac: 'b8:3f:d2:aa:bb:cc', ip4: '10.0.0.5', ip6: '', speed: 400000, internal: false, virtual: false }, { iface: 'lo', mac: '00:00:00:00:00:00', ip4: '127.0.0.1', speed: -1, internal: true, virtual: false }],
    osInfo: async () => ({ platform: 'linux', distro: 'Ubuntu', release: '22.04.4 LTS', kernel: '5.15.0-105-generic', arch: 'x64', hostname: 'gpu-node-07' }),
  };
}

describe('host identity', () => {
  it('prefers the system UUID, then the baseboard serial, then the machine id', () => {
    expect(hostAssetId('4c4c4544-0042', 'BOARD1', 'abc')).toEqual({ assetId: 'host:4c4c4544-0042', idSource: 'system-uuid' });
    expect(hostAssetId(null, 'BOARD1', 'abc')).toEqual({ assetId: 'host:BOARD1', idSource: 'baseboard-serial' });
    expect(hostAssetId(null, null, 'abc')).toEqual({ assetId: 'host:abc', idSource: 'machine-id' });
    expect(() => hostAssetId(null, null, null)).toThrow(/stable asset id/);
  });

  it('drops firmware placeholders instead of treating them as identities', () => {
    for (const placeholder of ['', ' ', '-', 'To be filled by O.E.M.', 'Default string', 'System Serial Number', 'Not Specified', '0123456789']) expect(meaningful(placeholder)).toBeNull();
    expect(meaningful(' S452390X3A07217 ')).toBe('S452390X3A07217');
  });

  it('never takes an all-zero UUID or a placeholder board serial as the id', async () => {
    const inventory = await collectHostInventory(fakeSource({ uuid: '00000000-0000-0000-0000-000000000000', boardSerial: 'To be filled by O.E.M.' }), () => new Date('2026-11-24T00:00:00Z'), () => 'a'.repeat(32));
    expect(inventory.assetId).toBe(`host:${'a'.repeat(32)}`);
    expect(inventory.idSource).toBe('machine-id');
    expect(inventory.system.sku).toBeNull();
    expect(inventory.baseboard.assetTag).toBeNull();
    expect(inventory.network.find((n) => n.iface === 'lo')).toMatchObject({ speedMbps: null, mac: null });
    expect(hostInventory.parse(inventory)).toEqual(inventory);
  });

  it('reads this machine through systeminformation into a contract-valid inventory', async () => {
    const inventory = await collectHostInventory(si as unknown as HostInfoSource);
    expect(hostInventory.parse(inventory)).toEqual(inventory);
    expect(inventory.assetId).toMatch(/^host:.+/);
    expect(inventory.cpu.cores).toBeGreaterThan(0);
    expect(inventory.memory.totalBytes).toBeGreaterThan(0);
    expect(inventory.network.length).toBeGreaterThan(0);
  });
});
