import { describe, expect, it } from 'vitest';
import { cpuName, hostMakeAndModel, hostSerial, osName } from './host-display';
import { testInventory } from './test-inventory';

describe('host display', () => {
  it('shows the system serial first, then the baseboard serial, else nothing', () => {
    const host = testInventory();
    expect(hostSerial(host)).toEqual({ serial: 'B5RNKK3', source: 'system' });
    expect(hostSerial({ ...host, system: { ...host.system, serial: null } })).toEqual({ serial: '.B5RNKK3.CNFCP0034800RK.', source: 'baseboard' });
    expect(hostSerial({ ...host, system: { ...host.system, serial: null }, baseboard: { ...host.baseboard, serial: null } })).toBeNull();
  });

  it('falls back to the baseboard for make and model on white boxes', () => {
    const host = testInventory();
    const whiteBox = { ...host, system: { ...host.system, manufacturer: null, model: null }, baseboard: { ...host.baseboard, manufacturer: 'Supermicro', model: 'X13DEG-OAD' } };
    expect(hostMakeAndModel(whiteBox)).toEqual({ manufacturer: 'Supermicro', model: 'X13DEG-OAD' });
  });

  it('names the CPU with its maker once, keeping the brand verbatim', () => {
    const cpu = testInventory().cpu;
    expect(cpuName(cpu)).toBe('Intel Xeon® Platinum 8480+');
    expect(cpuName({ ...cpu, manufacturer: 'AMD', brand: 'AMD EPYC 9654 96-Core Processor' })).toBe('AMD EPYC 9654 96-Core Processor');
    expect(cpuName({ ...cpu, manufacturer: null })).toBe('Xeon® Platinum 8480+');
    expect(cpuName({ ...cpu, brand: null })).toBe('Intel');
  });

  it('names the OS without repeating the release', () => {
    const os = testInventory().os;
    expect(osName(os)).toBe('Ubuntu 22.04.4 LTS');
    expect(osName({ ...os, distro: 'Debian GNU/Linux 12 (bookworm)', release: '12' })).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(osName({ ...os, distro: null, release: null })).toBe('linux');
  });
});
