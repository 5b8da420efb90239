import { describe, expect, it } from 'vitest';
import { NvidiaSmiReader, readLocalGpus, toInventoryGpusJson, type GpuReadResult } from '../../electron/core/inventory/gpu';
import { FAKE_NVIDIA_SMI, fakeSmiEnv, fakeSmiOnPathEnv, fixturePath } from '../support/fake-nvidia-smi';

// Every capture in ../shared/fixtures/nvidia-smi, read through the real spawn path: the simulated
// nvidia-smi found on PATH, run with execFile, its stdout parsed. The expected values are
// literals read off the capture files by hand (for the multi-section .txt captures, from the
// "load" `nvidia-smi -q` and `-L` sections), not computed by the parser.

interface ExpectedGpu {
  uuid: string | null;
  serial: string | null;
  name: string;
  pciBusId: string;
  memoryTotalMiB: number;
  memoryUsedMiB: number;
  utilizationGpuPct: number | null;
  powerDrawW: number | null;
  temperatureC: number | null;
  migMode: 'enabled' | 'disabled' | null;
  migDevices: { uuid: string | null; profile: string | null; memoryTotalMiB: number }[];
  processes: number[];
}

interface ExpectedCapture {
  driverVersion: string;
  cudaVersion: string;
  warnings: string[];
  gpus: ExpectedGpu[];
}

const v100s = (serial: string, uuid: string, bus: string, util: number, power: number, temp: number, used: number, pid: number): ExpectedGpu => ({
  uuid,
  serial,
  name: 'Tesla V100S-PCIE-32GB',
  pciBusId: `00000000:00:${bus}.0`,
  memoryTotalMiB: 32510,
  memoryUsedMiB: used,
  utilizationGpuPct: util,
  powerDrawW: power,
  temperatureC: temp,
  migMode: null,
  migDevices: [],
  processes: [pid],
});

const EXPECTED: Record<string, ExpectedCapture> = {
  'datakit__gtx-1card.xml': {
    driverVersion: '460.39',
    cudaVersion: '11.2',
    warnings: [],
    gpus: [
      {
        uuid: 'GPU-e77ce5d8-8b63-c936-3c1b-839d45bcd0f2',
        serial: '0324418086185',
        name: 'Tesla V100-PCIE-32GB',
        pciBusId: '00000000:21:01.0',
        memoryTotalMiB: 32510,
        memoryUsedMiB: 12311,
        utilizationGpuPct: 91,
        powerDrawW: 170.16,
        temperatureC: 66,
        migMode: null,
        migDevices: [],
        processes: [4027538, 4027590, 4157880, 4165319],
      },
    ],
  },
  'datakit__gtx-8card.xml': {
    driverVersion: '460.73.01',
    cudaVersion: '11.2',
    warnings: [],
    gpus: [
      v100s('1562920006088', 'GPU-76098dc1-d3bc-9a1b-7ea6-f7b48837829e', '0D', 97, 232.8, 66, 31689, 37305),
      v100s('1562920005886', 'GPU-bbf7a241-bf9a-eb90-b2fb-d213294faf48', '0E', 75, 152.03, 58, 29545, 37305),
      v100s('1563320001045', 'GPU-8f75e71c-23dd-a060-d997-4caf592954db', '0F', 80, 67.57, 57, 29539, 37305),
      v100s('1562920007325', 'GPU-3181eb56-505c-8214-ba05-c132f68f89b8', '10', 23, 198.41, 61, 32099, 37305),
      v100s('1562920005822', 'GPU-2aa87d54-d4ff-2900-812b-1a4b7e119583', '11', 98, 117.99, 59, 29517, 37305),
      v100s('1562920005539', 'GPU-39c3a168-9034-0b5a-223a-1042f30a9242', '12', 98, 85.8, 64, 32141, 37305),
      v100s('1562920007403', 'GPU-d2446f91-171e-1b54-515d-9d9b03484ddf', '13', 91, 68.14, 61, 32157, 37305),
      v100s('1562920006372', 'GPU-1d955959-c95b-4f40-2cac-100d3006ffe2', '14', 99, 61.47, 57, 29501, 37305),
    ],
  },
  'nvidia_gpu_exporter__linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt': {
    driverVersion: '590.48.01',
    cudaVersion: '13.1',
    warnings: [],
    gpus: [
      {
        // Masked to zeros by the capture's author: no identity.
        uuid: null,
        serial: null,
        name: 'NVIDIA H100 80GB HBM3',
        pciBusId: '00000000:00:09.0',
        memoryTotalMiB: 81559,
        memoryUsedMiB: 19818,
        utilizationGpuPct: 100,
        // Instantaneous 588.39 W; the average beside it is 629.45 W.
        powerDrawW: 588.39,
        temperatureC: 59,
        migMode: 'disabled',
        migDevices: [],
        processes: [11327, 11328, 11345],
      },
    ],
  },
  'nvidia_gpu_exporter__linux-x86_64__nvidia-h100-mig__590.48.01.txt': {
    driverVersion: '590.48.01',
    cudaVersion: '13.1',
    warnings: [],
    gpus: [
      {
        uuid: null,
        serial: null,
        name: 'NVIDIA H100 80GB HBM3',
        pciBusId: '00000000:00:09.0',
        memoryTotalMiB: 81559,
        memoryUsedMiB: 11125,
        // N/A in MIG mode.
        utilizationGpuPct: null,
        powerDrawW: 444.72,
        temperatureC: 53,
        migMode: 'enabled',
        // Profiles and UUIDs from `nvidia-smi -L`; MIG-00000000-… is an all-zero mask.
        migDevices: [
          { uuid: null, profile: '3g.40gb', memoryTotalMiB: 40448 },
          { uuid: 'MIG-00000001-0000-0000-0000-000000000001', profile: '2g.20gb', memoryTotalMiB: 20096 },
          { uuid: 'MIG-00000002-0000-0000-0000-000000000002', profile: '1g.10gb', memoryTotalMiB: 9984 },
          { uuid: 'MIG-00000003-0000-0000-0000-000000000003', profile: '1g.10gb', memoryTotalMiB: 9984 },
        ],
        processes: [21180, 21181, 21198],
      },
    ],
  },
  'nvidia_gpu_exporter__linux-x86_64__nvidia-l40s__595.80.txt': {
    driverVersion: '595.80',
    cudaVersion: '13.2',
    warnings: [],
    gpus: [
      {
        uuid: null,
        serial: null,
        name: 'NVIDIA L40S',
        pciBusId: '00000000:01:00.0',
        memoryTotalMiB: 46068,
        memoryUsedMiB: 1235,
        utilizationGpuPct: 9,
        powerDrawW: 110.01,
        temperatureC: 54,
        migMode: null,
        migDevices: [],
        processes: [20037, 20038],
      },
    ],
  },
  'telegraf__a100-sxm4-v12.xml': {
    driverVersion: '535.54.03',
    cudaVersion: '12.2',
    // attached_gpus says 4, the contributor kept one <gpu>.
    warnings: ['nvidia-smi reports 4 attached GPU(s) but lists 1'],
    gpus: [
      {
        uuid: 'GPU-513536b6-7d19-9063-b049-1e69664bb298',
        serial: '1650522003820',
        name: 'NVIDIA A100-SXM4-80GB',
        pciBusId: '00000000:01:00.0',
        memoryTotalMiB: 81920,
        memoryUsedMiB: 50,
        utilizationGpuPct: null,
        powerDrawW: 67.03,
        temperatureC: 27,
        migMode: 'enabled',
        // The XML capture has no -L section: no profile, no UUID.
        migDevices: Array.from({ length: 4 }, () => ({ uuid: null, profile: null, memoryTotalMiB: 19968 })),
        processes: [],
      },
    ],
  },
  'telegraf__a10g.xml': {
    driverVersion: '515.105.01',
    cudaVersion: '11.7',
    warnings: [],
    gpus: [
      {
        uuid: 'GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94',
        serial: null,
        name: 'NVIDIA A10G',
        pciBusId: '00000000:00:1E.0',
        memoryTotalMiB: 23028,
        memoryUsedMiB: 22,
        utilizationGpuPct: 0,
        powerDrawW: 25.58,
        temperatureC: 17,
        migMode: null,
        migDevices: [],
        processes: [725],
      },
    ],
  },
  'telegraf__dual_a5000-v13.xml': {
    driverVersion: '590.44.01',
    cudaVersion: '13.1',
    warnings: [],
    gpus: [
      {
        uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab',
        serial: '0123456789012',
        name: 'NVIDIA RTX A5000',
        pciBusId: '00000000:81:00.0',
        memoryTotalMiB: 24564,
        memoryUsedMiB: 22437,
        utilizationGpuPct: 0,
        powerDrawW: 6.52,
        temperatureC: 13,
        migMode: null,
        migDevices: [],
        processes: [100477],
      },
      {
        uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789cd',
        serial: '1234567890123',
        name: 'NVIDIA RTX A5000',
        pciBusId: '00000000:C1:00.0',
        memoryTotalMiB: 24564,
        memoryUsedMiB: 17253,
        utilizationGpuPct: 0,
        powerDrawW: 13.59,
        temperatureC: 15,
        migMode: null,
        migDevices: [],
        processes: [100477],
      },
    ],
  },
  'telegraf__quadro-p400.xml': {
    driverVersion: '418.43',
    cudaVersion: '10.1',
    warnings: [],
    gpus: [
      {
        uuid: 'GPU-8f750be4-dfbc-23b9-b33f-da729a536494',
        serial: '0424418054852',
        name: 'Quadro P400',
        pciBusId: '00000000:43:00.0',
        memoryTotalMiB: 1998,
        memoryUsedMiB: 0,
        utilizationGpuPct: 0,
        powerDrawW: null,
        temperatureC: 33,
        migMode: null,
        migDevices: [],
        processes: [],
      },
    ],
  },
  'telegraf__tesla-t4.xml': {
    driverVersion: '515.105.01',
    cudaVersion: '11.7',
    warnings: [],
    gpus: [
      {
        uuid: 'GPU-d37e67a5-91dd-3774-a5cb-99096249601a',
        serial: null,
        name: 'Tesla T4',
        pciBusId: '00000000:00:1E.0',
        memoryTotalMiB: 15360,
        memoryUsedMiB: 1032,
        utilizationGpuPct: 0,
        powerDrawW: 26.78,
        temperatureC: 40,
        migMode: null,
        migDevices: [],
        processes: [675, 5762],
      },
    ],
  },
};

function actual(read: GpuReadResult): ExpectedCapture {
  return {
    driverVersion: read.driverVersion!,
    cudaVersion: read.cudaVersion!,
    warnings: read.warnings,
    gpus: read.gpus.map((gpu) => ({
      uuid: gpu.uuid,
      serial: gpu.serial,
      name: gpu.name,
      pciBusId: gpu.pciBusId,
      memoryTotalMiB: gpu.memoryTotalMiB!,
      memoryUsedMiB: gpu.memoryUsedMiB!,
      utilizationGpuPct: gpu.utilizationGpuPct,
      powerDrawW: gpu.powerDrawW,
      temperatureC: gpu.temperatureC,
      migMode: gpu.migMode.current,
      migDevices: gpu.migDevices.map((device) => ({ uuid: device.uuid, profile: device.profile, memoryTotalMiB: device.memoryTotalMiB! })),
      processes: gpu.processes.map((process) => process.pid!),
    })),
  };
}

describe('every nvidia-smi capture through the real spawn path', () => {
  it.each(Object.keys(EXPECTED))('%s', async (name) => {
    const read = await new NvidiaSmiReader({ env: fakeSmiOnPathEnv({ capture: fixturePath(name) }) }).read();
    expect(read.state).toBe('ok');
    expect(read.message).toBeNull();
    expect(read.binary).toBe(FAKE_NVIDIA_SMI);
    expect(read.exitCode).toBe(0);
    expect(actual(read)).toEqual(EXPECTED[name]);
    expect(read.gpus.map((gpu) => gpu.index)).toEqual(read.gpus.map((_, index) => index));
    // Zero error counters in every capture: all healthy.
    expect(read.gpus.every((gpu) => gpu.health.status === 'ok' && gpu.health.reasons.length === 0)).toBe(true);
  });

  it('finds the binary through SIETCH_NVIDIA_SMI too, and prints the CLI JSON', async () => {
    const read = await readLocalGpus({ env: fakeSmiEnv({ capture: fixturePath('nvidia_gpu_exporter__linux-x86_64__nvidia-h100-mig__590.48.01.txt') }) });
    expect(toInventoryGpusJson(read)).toEqual({
      source: 'nvidia-smi',
      state: 'ok',
      driverVersion: '590.48.01',
      gpus: [
        {
          index: 0,
          uuid: null,
          serial: null,
          name: 'NVIDIA H100 80GB HBM3',
          pciBusId: '00000000:00:09.0',
          memoryTotalMiB: 81559,
          utilizationGpuPct: null,
          powerDrawW: 444.72,
          temperatureC: 53,
          migMode: 'enabled',
          migDevices: [
            { uuid: null, profile: '3g.40gb', memoryTotalMiB: 40448 },
            { uuid: 'MIG-00000001-0000-0000-0000-000000000001', profile: '2g.20gb', memoryTotalMiB: 20096 },
            { uuid: 'MIG-00000002-0000-0000-0000-000000000002', profile: '1g.10gb', memoryTotalMiB: 9984 },
            { uuid: 'MIG-00000003-0000-0000-0000-000000000003', profile: '1g.10gb', memoryTotalMiB: 9984 },
          ],
          processes: 3,
          health: { status: 'ok', reasons: [] },
        },
      ],
      warnings: [],
    });
  });

  it('replays the idle phase of a capture when asked', async () => {
    const read = await new NvidiaSmiReader({ env: fakeSmiEnv({ capture: fixturePath('nvidia_gpu_exporter__linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt'), phase: 'idle' }) }).read();
    // Idle `-q` section: 0 %, 41 C, 69.62 W, 0 MiB used, "Processes : None".
    expect(read.gpus.map((gpu) => [gpu.utilizationGpuPct, gpu.temperatureC, gpu.powerDrawW, gpu.memoryUsedMiB, gpu.processes.length])).toEqual([[0, 41, 69.62, 0, 0]]);
    expect(read.timestamp).toBe('Tue Jul 14 08:12:38 2026');
  });
});
