import type { GpuReadResult, NvidiaGpuWithHealth } from '../../electron/core/inventory/gpu/types';

/** A GPU reading as the nvidia-smi reader returns it, with the fields the register uses; the rest null. */
export function gpuReading(overrides: Partial<NvidiaGpuWithHealth> & { index: number }): NvidiaGpuWithHealth {
  const nulls = new Proxy({}, { get: () => null }) as Record<string, null>;
  return {
    ...(nulls as unknown as NvidiaGpuWithHealth),
    uuid: `GPU-0000aaaa-0000-0000-0000-00000000000${overrides.index}`,
    uuidRaw: null,
    serial: `132072000000${overrides.index}`,
    serialRaw: null,
    name: 'NVIDIA H100 80GB HBM3',
    pciBusId: `00000000:${(0x18 + overrides.index * 0x10).toString(16).toUpperCase()}:00.0`,
    boardPartNumber: '692-2G520-0200-000',
    memoryTotalMiB: 81559,
    utilizationGpuPct: 50,
    powerDrawW: 400,
    temperatureC: 40,
    migMode: { current: 'disabled', pending: 'disabled' },
    migDevices: [],
    processes: [],
    health: { status: 'ok', reasons: [] },
    ...overrides,
  } as NvidiaGpuWithHealth;
}

export function gpuRead(gpus: NvidiaGpuWithHealth[], state: GpuReadResult['state'] = 'ok'): GpuReadResult {
  return { state, message: state === 'ok' ? null : state, source: 'nvidia-smi', binary: '/usr/bin/nvidia-smi', driverVersion: '590.48.01', cudaVersion: '13.1', timestamp: null, attachedGpus: gpus.length, gpus, warnings: [], exitCode: 0, durationMs: 1 };
}
