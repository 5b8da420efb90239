import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NvidiaSmiReader } from '../../electron/core/inventory/gpu';
import { countRuns, fakeSmiEnv, fixturePath } from '../support/fake-nvidia-smi';
import { useTempDirs } from '../support/temp-dir';

// The --query-gpu CSV fast path, and its fallback to the XML report when the driver refuses it.

const tempDir = useTempDirs();
const commands = (counterFile: string) => countRuns(counterFile).map((line) => line.split(' ').slice(1).join(' ').split('=')[0]);

describe('sampling through --query-gpu', () => {
  it('answers from the CSV on a current driver, with the instant power', async () => {
    const counterFile = join(tempDir(), 'runs');
    const reader = new NvidiaSmiReader({ env: fakeSmiEnv({ capture: fixturePath('nvidia_gpu_exporter__linux-x86_64__nvidia-h100-mig__590.48.01.txt'), counterFile }) });
    const sample = await reader.sample();
    // Values of the capture's load `--query-gpu` section (taken a moment after its `-q`).
    expect(sample).toMatchObject({ state: 'ok', method: 'csv', warnings: [] });
    expect(sample.samples).toEqual([
      { index: 0, uuid: null, pciBusId: '00000000:00:09.0', utilizationGpuPct: null, utilizationMemoryPct: null, powerDrawW: 447.35, temperatureC: 53, memoryUsedMiB: 11125, smClockMHz: 1980, memoryClockMHz: 2619 },
    ]);
    expect(commands(counterFile)).toEqual(['--query-gpu']);
  });

  it('drops to power.draw on a driver that does not know power.draw.instant, and remembers it', async () => {
    const counterFile = join(tempDir(), 'runs');
    const reader = new NvidiaSmiReader({ env: fakeSmiEnv({ capture: fixturePath('datakit__gtx-8card.xml'), counterFile }) });
    const first = await reader.sample();
    expect(first.method).toBe('csv');
    expect(first.samples.map((sample) => sample.powerDrawW)).toEqual([232.8, 152.03, 67.57, 198.41, 117.99, 85.8, 68.14, 61.47]);
    expect(first.samples.map((sample) => sample.utilizationGpuPct)).toEqual([97, 75, 80, 23, 98, 98, 91, 99]);
    await reader.sample();
    const runs = countRuns(counterFile);
    expect(runs).toHaveLength(3);
    expect(runs[0]).toContain('power.draw.instant');
    expect(runs[1]).not.toContain('power.draw.instant');
    expect(runs[2]).not.toContain('power.draw.instant');
  });

  it('falls back to the XML report when the CSV path fails, and stops trying it', async () => {
    const counterFile = join(tempDir(), 'runs');
    const reader = new NvidiaSmiReader({ env: fakeSmiEnv({ capture: fixturePath('telegraf__tesla-t4.xml'), mode: 'query-unsupported', counterFile }) });
    const first = await reader.sample();
    expect(first).toMatchObject({ state: 'ok', method: 'xml', samples: [{ index: 0, powerDrawW: 26.78, temperatureC: 40, memoryUsedMiB: 1032 }] });
    expect(first.warnings[0]).toContain('the --query-gpu fast path failed');
    const second = await reader.sample();
    expect(second).toMatchObject({ state: 'ok', method: 'xml', warnings: [] });
    expect(commands(counterFile)).toEqual(['--query-gpu', '--query-gpu', '-q -x', '-q -x']);
  });

  it('does not fall back when the host itself is the problem (timeout, driver)', async () => {
    const hung = await new NvidiaSmiReader({ env: fakeSmiEnv({ mode: 'hang' }), timeoutMs: 800 }).sample();
    expect(hung).toMatchObject({ state: 'timeout', samples: [] });
    const noDriver = await new NvidiaSmiReader({ env: fakeSmiEnv({ mode: 'exit9' }) }).sample();
    expect(noDriver).toMatchObject({ state: 'driver-not-loaded', samples: [] });
  });
});
