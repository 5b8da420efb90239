import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NvidiaSmiReader, readLocalGpus, toInventoryGpusJson } from '../../electron/core/inventory/gpu';
import { countRuns, fakeSmiEnv, fixturePath } from '../support/fake-nvidia-smi';
import { useTempDirs } from '../support/temp-dir';

// Every way nvidia-smi lets a caller down, through a real process: each ends in a clear state,
// never an exception and never a hung console.

const tempDir = useTempDirs();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return !alive(pid);
}

describe('nvidia-smi failure modes', () => {
  it('kills a hung nvidia-smi at the deadline (it ignores SIGTERM) and reports timeout', async () => {
    const counterFile = join(tempDir(), 'runs');
    const started = Date.now();
    const read = await new NvidiaSmiReader({ env: fakeSmiEnv({ mode: 'hang', counterFile }), timeoutMs: 1_500 }).read();
    const elapsed = Date.now() - started;
    expect(read.state).toBe('timeout');
    expect(read.message).toContain('GPU subsystem unresponsive');
    expect(read.gpus).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(3_000);
    const [run] = countRuns(counterFile);
    const pid = Number(run!.split(' ')[0]);
    expect(await waitUntilGone(pid, 2_000)).toBe(true);
    expect(toInventoryGpusJson(read)).toMatchObject({ state: 'timeout', gpus: [], warnings: [expect.stringContaining('GPU subsystem unresponsive')] });
  });

  it('reports driver-not-loaded for exit 9, with nvidia-smi own message', async () => {
    const read = await new NvidiaSmiReader({ env: fakeSmiEnv({ mode: 'exit9' }) }).read();
    expect(read).toMatchObject({ state: 'driver-not-loaded', exitCode: 9, gpus: [] });
    expect(read.warnings[0]).toContain("couldn't communicate with the NVIDIA driver");
  });

  it('reports not-installed for a missing binary, wherever it was looked for', async () => {
    const pointedNowhere = await new NvidiaSmiReader({ env: { PATH: '/usr/bin:/bin', SIETCH_NVIDIA_SMI: join(tempDir(), 'nvidia-smi') } }).read();
    expect(pointedNowhere).toMatchObject({ state: 'not-installed', binary: null, gpus: [] });
    expect(pointedNowhere.message).toContain('SIETCH_NVIDIA_SMI is set to');
    const notOnPath = await new NvidiaSmiReader({ env: { PATH: tempDir() } }).read();
    expect(notOnPath).toMatchObject({ state: 'not-installed', message: expect.stringContaining('not found on PATH') });
    const vanished = await new NvidiaSmiReader({ binary: join(tempDir(), 'gone', 'nvidia-smi') }).read();
    expect(vanished).toMatchObject({ state: 'not-installed', message: expect.stringContaining('ENOENT') });
  });

  it('keeps stderr text beside a valid report as a warning: ok, not a failure', async () => {
    const read = await new NvidiaSmiReader({ env: fakeSmiEnv({ capture: fixturePath('telegraf__tesla-t4.xml'), mode: 'stderr-warning' }) }).read();
    expect(read.state).toBe('ok');
    expect(read.gpus).toHaveLength(1);
    expect(read.warnings).toEqual(['nvidia-smi wrote to stderr: WARNING: infoROM is corrupted at gpu 0000:18:00.0']);
  });

  it('reports unparsable for garbage and for a report cut short', async () => {
    const garbage = await new NvidiaSmiReader({ env: fakeSmiEnv({ mode: 'garbage' }) }).read();
    expect(garbage).toMatchObject({ state: 'unparsable', gpus: [] });
    expect(garbage.message).toContain('not a usable XML report');
    const truncated = await new NvidiaSmiReader({ env: fakeSmiEnv({ capture: fixturePath('datakit__gtx-8card.xml'), mode: 'truncated' }) }).read();
    expect(truncated).toMatchObject({ state: 'unparsable', gpus: [], message: expect.stringContaining('truncated') });
  });

  it('reads an output far above 1 MiB, and stops cleanly at a smaller buffer', async () => {
    const huge = await new NvidiaSmiReader({ env: fakeSmiEnv({ mode: 'huge', timeMs: 1_800_000_000_000 }) }).read();
    expect(huge.state).toBe('ok');
    expect(huge.gpus).toHaveLength(96);
    expect(new Set(huge.gpus.map((gpu) => gpu.uuid)).size).toBe(96);
    expect(huge.gpus.every((gpu) => gpu.health.status === 'ok')).toBe(true);
    const capped = await new NvidiaSmiReader({ env: fakeSmiEnv({ mode: 'huge' }), maxBufferBytes: 1024 * 1024 }).read();
    expect(capped).toMatchObject({ state: 'unparsable', message: 'nvidia-smi printed more than 1 MiB; the read was stopped' });
  });

  it('reports no-devices when nvidia-smi finds no GPU', async () => {
    const read = await new NvidiaSmiReader({ env: fakeSmiEnv({ mode: 'no-devices' }) }).read();
    expect(read).toMatchObject({ state: 'no-devices', gpus: [], exitCode: 6 });
  });
});

describe('one nvidia-smi at a time', () => {
  it('two concurrent reads spawn one process and get the same answer', async () => {
    const counterFile = join(tempDir(), 'runs');
    const reader = new NvidiaSmiReader({ env: fakeSmiEnv({ capture: fixturePath('datakit__gtx-8card.xml'), delayMs: 300, counterFile }) });
    const [first, second] = await Promise.all([reader.read(), reader.read()]);
    expect(countRuns(counterFile)).toHaveLength(1);
    expect(second).toBe(first);
    expect(first.gpus).toHaveLength(8);
    // Once it is done, the next read runs again.
    await reader.read();
    expect(countRuns(counterFile)).toHaveLength(2);
  });

  it('shares one read between callers of readLocalGpus in the same environment', async () => {
    const counterFile = join(tempDir(), 'runs');
    const env = fakeSmiEnv({ capture: fixturePath('telegraf__dual_a5000-v13.xml'), delayMs: 300, counterFile });
    const [a, b] = await Promise.all([readLocalGpus({ env }), readLocalGpus({ env })]);
    expect(a).toBe(b);
    expect(a.gpus).toHaveLength(2);
    expect(countRuns(counterFile).map((line) => line.split(' ').slice(1).join(' '))).toEqual(['-q -x']);
  });

  it('a sample asked during a read is taken from that read, with no second process', async () => {
    const counterFile = join(tempDir(), 'runs');
    const reader = new NvidiaSmiReader({ env: fakeSmiEnv({ capture: fixturePath('telegraf__tesla-t4.xml'), delayMs: 300, counterFile }) });
    const [read, sample] = await Promise.all([reader.read(), reader.sample()]);
    expect(countRuns(counterFile)).toHaveLength(1);
    expect(sample).toMatchObject({ state: 'ok', method: 'xml', samples: [{ index: 0, powerDrawW: 26.78, temperatureC: 40 }] });
    expect(read.state).toBe('ok');
  });
});
