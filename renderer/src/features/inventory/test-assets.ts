import type { AssetDetail, AssetSummary } from '../../../../electron/contract/schemas/assets';
import type { SietchClient } from '../../../../electron/contract/client';

/** A healthy H100 in its slot, for tests; override what a test is about. */
export function testAsset(overrides: Partial<AssetSummary> = {}): AssetSummary {
  return {
    id: 'gpu:GPU-6f2a1b3c-0d4e-5f60-7182-93a4b5c6d7e8',
    kind: 'gpu',
    label: 'NVIDIA H100 80GB HBM3',
    status: 'present',
    health: { status: 'ok', reasons: [] },
    hostId: 'host:4c4c4544-0042-3510-8052-b4c04f4e4b33',
    model: 'NVIDIA H100 80GB HBM3',
    serial: '1652123456789',
    uuid: 'GPU-6f2a1b3c-0d4e-5f60-7182-93a4b5c6d7e8',
    pciBusId: '00000000:18:00.0',
    site: 'PAR-1',
    rack: 'R07',
    acquisitionCost: 28_500_500_000n,
    acquisitionDate: '2025-03-15',
    firstSeen: '2026-11-20T08:00:00.000Z',
    lastSeen: '2026-11-24T15:00:00.000Z',
    utilizationGpuPct: 87,
    powerDrawW: 612.4,
    temperatureC: 71,
    memoryTotalMiB: 81559,
    migDeviceCount: 0,
    ...overrides,
  };
}

export function testDetail(overrides: Partial<AssetDetail> = {}): AssetDetail {
  return { asset: testAsset(), identity: { uuid: testAsset().uuid, serial: testAsset().serial }, notes: null, migDevices: [], processes: 1, events: [], samples: [], ...overrides };
}

/** A client whose invoke answers from a table of functions; subscribe records listeners. */
export function fakeClient(answers: Record<string, (input: unknown) => Promise<unknown>>, listeners: Map<string, (payload: unknown) => void> = new Map()): SietchClient {
  return {
    transport: 'http',
    invoke: ((method: string, input: unknown) => {
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected call ${method}`);
      return answer(input);
    }) as SietchClient['invoke'],
    subscribe: ((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }) as SietchClient['subscribe'],
    onConnectionChange: () => () => {},
  };
}
