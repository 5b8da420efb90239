import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NvidiaSmiReader } from '../../electron/core/inventory/gpu';
import { FAKE_NVIDIA_SMI, fakeSmiEnv, fixturePath, mutatedCapture } from '../support/fake-nvidia-smi';
import { useTempDirs } from '../support/temp-dir';

// The simulated hardware behind `sietch serve --simulate`: a generated 8× H100 server that moves
// with time, and replays of real captures, optionally varied.

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const read = (settings: Parameters<typeof fakeSmiEnv>[0]) => new NvidiaSmiReader({ env: fakeSmiEnv(settings) }).read();

describe('the generated 8× H100 server', () => {
  it('is eight healthy H100 80GB with stable, distinct identities', async () => {
    const now = await read({ timeMs: T0 });
    const later = await read({ timeMs: T0 + 3_600_000 });
    expect(now.state).toBe('ok');
    expect(now.driverVersion).toBe('580.95.05');
    expect(now.gpus).toHaveLength(8);
    for (const gpu of now.gpus) {
      expect(gpu).toMatchObject({ name: 'NVIDIA H100 80GB HBM3', memoryTotalMiB: 81559, powerLimitW: 700, migMode: { current: 'disabled' }, boardPartNumber: '692-2G520-0200-000', health: { status: 'ok', reasons: [] } });
      expect(gpu.uuid).toMatch(/^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(gpu.serial).toMatch(/^\d{13}$/);
      expect(gpu.processes).toHaveLength(1);
    }
    for (const key of ['uuid', 'serial', 'pciBusId'] as const) expect(new Set(now.gpus.map((gpu) => gpu[key])).size).toBe(8);
    expect(now.gpus.map((gpu) => gpu.pciBusId)).toEqual(['18', '2A', '3A', '5D', '9A', 'AB', 'BA', 'DB'].map((bus) => `00000000:${bus}:00.0`));
    expect(later.gpus.map((gpu) => [gpu.uuid, gpu.serial, gpu.pciBusId])).toEqual(now.gpus.map((gpu) => [gpu.uuid, gpu.serial, gpu.pciBusId]));
  });

  it('moves smoothly with time: repeatable at one instant, small steps second to second, different an hour later', async () => {
    const live = (result: Awaited<ReturnType<typeof read>>) => result.gpus.map((gpu): [number, number, number] => [gpu.utilizationGpuPct!, gpu.powerDrawW!, gpu.temperatureC!]);
    const a = live(await read({ timeMs: T0 }));
    const again = live(await read({ timeMs: T0 }));
    const b = live(await read({ timeMs: T0 + 1_000 }));
    const c = live(await read({ timeMs: T0 + 3_600_000 }));
    expect(again).toEqual(a);
    a.forEach(([util, power, temp], gpu) => {
      expect(util).toBeGreaterThanOrEqual(0);
      expect(util).toBeLessThanOrEqual(100);
      expect(power).toBeLessThanOrEqual(700);
      expect(Math.abs(util - b[gpu]![0])).toBeLessThanOrEqual(3);
      expect(Math.abs(power - b[gpu]![1])).toBeLessThanOrEqual(25);
      expect(Math.abs(temp - b[gpu]![2])).toBeLessThanOrEqual(2);
    });
    expect(c).not.toEqual(a);
  });

  it('answers -L and --query-gpu consistently with its XML', async () => {
    const env = fakeSmiEnv({ timeMs: T0 });
    const reader = new NvidiaSmiReader({ env });
    const [full, sample] = [await reader.read(), await reader.sample()];
    expect(sample.method).toBe('csv');
    expect(sample.samples.map((s) => [s.uuid, s.utilizationGpuPct, s.powerDrawW, s.temperatureC, s.memoryUsedMiB])).toEqual(full.gpus.map((gpu) => [gpu.uuid, gpu.utilizationGpuPct, gpu.powerDrawW, gpu.temperatureC, gpu.memoryUsedMiB]));
    const listing = execFileSync(FAKE_NVIDIA_SMI, ['-L'], { env, encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(full.gpus.map((gpu) => `GPU ${gpu.index}: NVIDIA H100 80GB HBM3 (UUID: ${gpu.uuid})`));
  });
});

describe('replayed captures', () => {
  it('vary utilization and power over time when asked, identities untouched', async () => {
    const capture = fixturePath('datakit__gtx-8card.xml');
    const plain = await read({ capture });
    const t1 = await read({ capture, vary: true, timeMs: T0 });
    const t2 = await read({ capture, vary: true, timeMs: T0 + 60_000 });
    expect(t1.gpus.map((gpu) => gpu.serial)).toEqual(plain.gpus.map((gpu) => gpu.serial));
    expect(t1.gpus.map((gpu) => gpu.powerDrawW)).not.toEqual(plain.gpus.map((gpu) => gpu.powerDrawW));
    expect(t2.gpus.map((gpu) => gpu.utilizationGpuPct)).not.toEqual(t1.gpus.map((gpu) => gpu.utilizationGpuPct));
    for (const gpu of [...t1.gpus, ...t2.gpus]) {
      expect(gpu.utilizationGpuPct).toBeGreaterThanOrEqual(0);
      expect(gpu.utilizationGpuPct).toBeLessThanOrEqual(100);
    }
  });

  it('carry health reasons from a mutated copy through the spawn path', async () => {
    // MUTATED COPY written to a temp file by this test: A10G remapping failure No → Yes and
    // HW power brake Not Active → Active. The original capture is not touched.
    const file = mutatedCapture(tempDir(), 'telegraf__a10g.xml', (xml) =>
      xml.replace('<remapped_row_failure>No', '<remapped_row_failure>Yes').replace('<clocks_throttle_reason_hw_power_brake_slowdown>Not Active', '<clocks_throttle_reason_hw_power_brake_slowdown>Active'),
    );
    const mutated = await read({ capture: file });
    expect(mutated.gpus[0]!.health).toEqual({ status: 'failing', reasons: ['power-brake', 'remap-failure'] });
    // MUTATED COPY: the second RTX A5000 given the first one's UUID.
    const twins = mutatedCapture(tempDir(), 'telegraf__dual_a5000-v13.xml', (xml) => xml.replace('GPU-12345678-aaaa-bbbb-cccc-0123456789cd', 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab'));
    const duplicated = await read({ capture: twins });
    expect(duplicated.gpus.map((gpu) => gpu.health)).toEqual([
      { status: 'degraded', reasons: ['duplicate-uuid'] },
      { status: 'degraded', reasons: ['duplicate-uuid'] },
    ]);
  });
});
