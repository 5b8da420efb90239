import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { inventoryGpusExitCode, toInventoryGpusJson } from './cli-json';
import { gpusOf } from './test-captures';
import type { GpuReadResult } from './types';

function result(overrides: Partial<GpuReadResult>): GpuReadResult {
  return { state: 'ok', message: null, source: 'nvidia-smi', binary: '/usr/bin/nvidia-smi', driverVersion: null, cudaVersion: null, timestamp: null, attachedGpus: null, gpus: [], warnings: [], exitCode: 0, durationMs: 12, ...overrides };
}

describe('sietch inventory gpus --json', () => {
  it('prints exactly the documented keys, in order, for every GPU', () => {
    const json = toInventoryGpusJson(result({ driverVersion: '535.54.03', gpus: gpusOf(readFixture('telegraf__a100-sxm4-v12.xml')), warnings: ['nvidia-smi reports 4 attached GPU(s) but lists 1'] }));
    expect(Object.keys(json)).toEqual(['source', 'state', 'driverVersion', 'gpus', 'warnings']);
    expect(Object.keys(json.gpus[0]!)).toEqual(['index', 'uuid', 'serial', 'name', 'pciBusId', 'memoryTotalMiB', 'utilizationGpuPct', 'powerDrawW', 'temperatureC', 'migMode', 'migDevices', 'processes', 'health']);
    expect(json).toEqual({
      source: 'nvidia-smi',
      state: 'ok',
      driverVersion: '535.54.03',
      gpus: [
        {
          index: 0,
          uuid: 'GPU-513536b6-7d19-9063-b049-1e69664bb298',
          serial: '1650522003820',
          name: 'NVIDIA A100-SXM4-80GB',
          pciBusId: '00000000:01:00.0',
          memoryTotalMiB: 81920,
          utilizationGpuPct: null,
          powerDrawW: 67.03,
          temperatureC: 27,
          migMode: 'enabled',
          migDevices: Array.from({ length: 4 }, () => ({ uuid: null, profile: null, memoryTotalMiB: 19968 })),
          processes: 0,
          health: { status: 'ok', reasons: [] },
        },
      ],
      warnings: ['nvidia-smi reports 4 attached GPU(s) but lists 1'],
    });
  });

  it('prints no GPU and a warning naming the cause for every failed state, and exits 3', () => {
    for (const state of ['not-installed', 'driver-not-loaded', 'timeout', 'unparsable'] as const) {
      const json = toInventoryGpusJson(result({ state, message: `cause of ${state}`, gpus: gpusOf(readFixture('telegraf__tesla-t4.xml')) }));
      expect(json.gpus).toEqual([]);
      expect(json.warnings).toEqual([`cause of ${state}`]);
      expect(inventoryGpusExitCode(state)).toBe(3);
    }
    expect(toInventoryGpusJson(result({ state: 'timeout', message: null })).warnings).toEqual(['nvidia-smi read failed: timeout']);
  });

  it('exits 0 for ok and for a host without GPU', () => {
    expect(inventoryGpusExitCode('ok')).toBe(0);
    expect(inventoryGpusExitCode('no-devices')).toBe(0);
    expect(toInventoryGpusJson(result({ state: 'no-devices', message: 'nvidia-smi found no NVIDIA GPU', warnings: [] }))).toEqual({ source: 'nvidia-smi', state: 'no-devices', driverVersion: null, gpus: [], warnings: [] });
  });
});
