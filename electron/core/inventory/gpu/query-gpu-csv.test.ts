import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test/support/fake-nvidia-smi';
import { parseSampleCsv, SAMPLE_FIELD_SETS, sampleArgs, sampleFromGpu } from './query-gpu-csv';
import { logOf } from './test-captures';

const FIELDS = SAMPLE_FIELD_SETS[0]!;

describe('the --query-gpu sampling path', () => {
  it('asks for the instant power first, then the power every driver knows', () => {
    expect(sampleArgs(FIELDS)).toEqual(['--query-gpu=index,uuid,pci.bus_id,utilization.gpu,utilization.memory,power.draw.instant,temperature.gpu,memory.used,clocks.sm,clocks.mem', '--format=csv,noheader,nounits']);
    expect(SAMPLE_FIELD_SETS[1]).toContain('power.draw');
  });

  it('parses noheader,nounits rows, bracketed no-values as null, placeholder UUIDs as null', () => {
    // The row the H100 MIG capture gives for these fields (utilization is [N/A] in MIG mode).
    const csv = '0, GPU-00000000-0000-0000-0000-000000000000, 00000000:00:09.0, [N/A], [N/A], 447.35, 53, 11125, 1980, 2619\n';
    expect(parseSampleCsv(csv, FIELDS)).toEqual([
      { index: 0, uuid: null, pciBusId: '00000000:00:09.0', utilizationGpuPct: null, utilizationMemoryPct: null, powerDrawW: 447.35, temperatureC: 53, memoryUsedMiB: 11125, smClockMHz: 1980, memoryClockMHz: 2619 },
    ]);
  });

  it('refuses anything that is not that table (so the caller falls back to XML)', () => {
    expect(parseSampleCsv('', FIELDS)).toBeNull();
    expect(parseSampleCsv('Field "power.draw.instant" is not a valid field to query.\n', FIELDS)).toBeNull();
    expect(parseSampleCsv('0, 1, 2\n', FIELDS)).toBeNull();
    expect(parseSampleCsv('x, a, b, c, d, e, f, g, h, i\n', FIELDS)).toBeNull();
  });

  it('projects the same readings from a full XML read', () => {
    const gpu = logOf(readFixture('telegraf__dual_a5000-v13.xml')).gpus[1]!;
    expect(sampleFromGpu(gpu)).toEqual({ index: 1, uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789cd', pciBusId: '00000000:C1:00.0', utilizationGpuPct: 0, utilizationMemoryPct: 0, powerDrawW: 13.59, temperatureC: 15, memoryUsedMiB: 17253, smClockMHz: 210, memoryClockMHz: 405 });
  });
});
