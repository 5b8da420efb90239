import { describe, expect, it } from 'vitest';
import { chooseGpuSource, readLocalGpus, sampleLocalGpus } from '../../electron/core/inventory/gpu';
import { loadNvmlAddon } from '../../electron/core/inventory/gpu/nvml/load-addon';
import { NvmlReader } from '../../electron/core/inventory/gpu/nvml/nvml-reader';
import { FAKE_NVIDIA_SMI_DIR, fixturePath } from '../support/fake-nvidia-smi';
import { buildMockNvml, ensureNvmlAddon, mockNvmlEnv, writeMockData, type MockDataOptions } from '../support/nvml-mock';
import { runSietch } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

// The NVML path's failures, each derived from a real capture (the 8× V100S server) by a fault
// statement in the mock's data: the library missing or not NVML, nvmlInit failing, the device
// count failing, a GPU lost (GPU_IS_LOST) or needing a reset, fields NOT_SUPPORTED or refused,
// a hung driver. And the fallback: in auto mode a missing NVML means nvidia-smi reads.
const tempDir = useTempDirs();
const CAPTURE = fixturePath('datakit__gtx-8card.xml');
ensureNvmlAddon();
const library = buildMockNvml();
const addon = (() => {
  const load = loadNvmlAddon();
  if (!load.ok) throw new Error(load.message);
  return load.addon;
})();

/** Points the mock (it reads the process environment) at a data file derived from the capture. */
function useData(options: MockDataOptions = {}): string {
  const data = writeMockData(tempDir(), CAPTURE, options);
  process.env.SIETCH_NVML_MOCK_DATA = data;
  return data;
}

/** An environment for in-process reads: the given NVML library, the simulated nvidia-smi on PATH. */
function envWith(nvmlLibrary: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base = mockNvmlEnv(nvmlLibrary, process.env.SIETCH_NVML_MOCK_DATA ?? '');
  return { ...base, PATH: `${FAKE_NVIDIA_SMI_DIR}:${base.PATH ?? ''}`, SIETCH_FAKE_SMI_CAPTURE: CAPTURE, ...extra };
}

describe('NVML unavailable: the fallback to nvidia-smi', () => {
  it('library missing: auto reads through nvidia-smi; nvml required is not-installed', async () => {
    const env = envWith('/nonexistent/libnvidia-ml.so.1');
    const choice = chooseGpuSource({ env });
    expect(choice).toMatchObject({ source: 'nvidia-smi' });
    expect(choice.reason).toMatch(/^NVML is unavailable: cannot open \/nonexistent\/libnvidia-ml\.so\.1/);
    const read = await readLocalGpus({ env });
    expect(read).toMatchObject({ source: 'nvidia-smi', state: 'ok' });
    expect(read.gpus).toHaveLength(8);
    const required = await readLocalGpus({ env: { ...env, SIETCH_GPU_SOURCE: 'nvml' } });
    expect(required).toMatchObject({ source: 'nvml', state: 'not-installed', gpus: [] });
    expect(required.message).toMatch(/cannot open \/nonexistent\/libnvidia-ml\.so\.1/);
  });

  it('a library that is not NVML (no nvmlInit_v2): falls back, saying which symbols lack', () => {
    const choice = chooseGpuSource({ env: envWith('libc.so.6') });
    expect(choice.source).toBe('nvidia-smi');
    expect(choice.reason).toContain('lacks nvmlInit_v2, nvmlShutdown, nvmlDeviceGetCount_v2, nvmlDeviceGetHandleByIndex_v2');
  });

  it('the addon missing (not built): falls back to nvidia-smi', async () => {
    const env = envWith(library, { SIETCH_NVML_ADDON: '/nonexistent/sietch_nvml.node' });
    expect(chooseGpuSource({ env }).reason).toMatch(/the NVML addon is not built/);
    const sampled = await sampleLocalGpus({ env });
    expect(sampled).toMatchObject({ source: 'nvidia-smi', method: 'csv', state: 'ok' });
    expect(sampled.samples).toHaveLength(8);
  });

  it('nvmlInit failing (driver not loaded): nvidia-smi in auto, driver-not-loaded when NVML is required', async () => {
    useData({ header: ['init 9'] });
    const reader = new NvmlReader(addon, { library, retryInitMs: 0 });
    const read = await reader.read();
    expect(read).toMatchObject({ source: 'nvml', state: 'driver-not-loaded', gpus: [], message: 'nvmlInit failed: NVML_ERROR_DRIVER_NOT_LOADED (9): the NVIDIA driver is not loaded' });
    // The driver loads later: the next read initializes and succeeds.
    useData();
    expect((await reader.read()).gpus).toHaveLength(8);
  });

  it('SIETCH_GPU_SOURCE=nvidia-smi and an explicit binary both bypass NVML', () => {
    useData();
    expect(chooseGpuSource({ env: envWith(library) }).source).toBe('nvml');
    expect(chooseGpuSource({ env: envWith(library, { SIETCH_GPU_SOURCE: 'nvidia-smi' }) }).source).toBe('nvidia-smi');
    expect(chooseGpuSource({ env: envWith(library), binary: '/opt/fake/nvidia-smi' }).source).toBe('nvidia-smi');
  });
});

describe('NVML errors during a read', () => {
  it('the device count failing (library/driver version mismatch) is a state, with the code in words', async () => {
    useData({ header: ['count 18'] });
    const read = await new NvmlReader(addon, { library }).read();
    expect(read).toMatchObject({ state: 'driver-not-loaded', gpus: [], driverVersion: '460.73.01' });
    expect(read.message).toBe('nvmlDeviceGetCount failed: NVML_ERROR_LIB_RM_VERSION_MISMATCH (18): the NVML library and the kernel driver are different versions (reboot after a driver update)');
  });

  it('NOT_SUPPORTED is a null and nothing else; a refused query is a null and a warning', async () => {
    useData({ device: { 0: ['temperatureGpu 3', 'powerInstant 3', 'powerUsage 3', 'fanSpeed 3'], 1: ['serial 4', 'utilizationGpu 999'] } });
    const read = await new NvmlReader(addon, { library }).read();
    expect(read.state).toBe('ok');
    const [first, second] = read.gpus;
    expect([first!.temperatureC, first!.powerDrawW, first!.fanPct]).toEqual([null, null, null]);
    expect([second!.serial, second!.utilizationGpuPct, second!.utilizationMemoryPct]).toEqual([null, null, null]);
    expect(read.warnings).toEqual([
      'GPU 1 (00000000:00:0E.0): serial: NVML_ERROR_NO_PERMISSION (4): insufficient permissions',
      'GPU 1 (00000000:00:0E.0): utilizationGpu: NVML_ERROR_UNKNOWN (999): an internal driver error occurred',
      'GPU 1 (00000000:00:0E.0): utilizationMemory: NVML_ERROR_UNKNOWN (999): an internal driver error occurred',
    ]);
    // The other GPUs are untouched.
    expect(read.gpus.slice(2).every((gpu) => gpu.temperatureC !== null && gpu.serial !== null)).toBe(true);
  });

  it('GPU_IS_LOST on a GPU never seen before: left out, with a warning; the other seven are read', async () => {
    useData({ device: { 3: ['* 15'] } });
    const read = await new NvmlReader(addon, { library }).read();
    expect(read.state).toBe('ok');
    expect(read.gpus.map((gpu) => gpu.index)).toEqual([0, 1, 2, 4, 5, 6, 7]);
    expect(read.warnings).toEqual([
      'GPU 3: NVML_ERROR_GPU_IS_LOST (15): the GPU has fallen off the bus or is otherwise inaccessible',
      'GPU 3: its identity is unknown, so it is left out of this read',
    ]);
  });

  it('GPU_IS_LOST on a GPU read before: kept with its identity, health failing (recovery action: node reboot)', async () => {
    const reader = new NvmlReader(addon, { library });
    useData();
    const before = await reader.read();
    useData({ device: { 3: ['* 15'] } });
    const lost = await reader.read();
    const gpu = lost.gpus[3]!;
    expect(gpu).toMatchObject({ index: 3, uuid: before.gpus[3]!.uuid, serial: '1562920007325', pciBusId: '00000000:00:10.0', utilizationGpuPct: null, powerDrawW: null, temperatureC: null, recoveryAction: 'Node Reboot' });
    expect(gpu.health).toEqual({ status: 'failing', reasons: ['recovery-action'] });
    expect(lost.gpus.filter((other) => other.index !== 3).every((other) => other.health.status === 'ok')).toBe(true);
    // The handle itself lost (the usual case once the GPU is gone) or a reset required: the same, from the last good read.
    useData({ handle: { 3: 15, 5: 16 } });
    const gone = await reader.read();
    expect(gone.gpus.map((other) => other.recoveryAction)).toEqual(['None', 'None', 'None', 'Node Reboot', 'None', 'GPU Reset', 'None', 'None'].map((action) => (action === 'None' ? null : action)));
    expect(gone.gpus[5]!.uuid).toBe(before.gpus[5]!.uuid);
    // The sampler leaves lost GPUs out and says why.
    const sampled = await reader.sample();
    expect(sampled.samples.map((sample) => sample.index)).toEqual([0, 1, 2, 4, 6, 7]);
    expect(sampled.warnings).toEqual(['GPU 3: NVML_ERROR_GPU_IS_LOST (15): the GPU has fallen off the bus or is otherwise inaccessible', 'GPU 5: NVML_ERROR_RESET_REQUIRED (16): the GPU needs a reset before it can be used again']);
  });

  it('a hung driver: the read times out, no second call is queued while it hangs, then reads resume', async () => {
    useData();
    const reader = new NvmlReader(addon, { library, timeoutMs: 200 });
    process.env.SIETCH_NVML_MOCK_DELAY_MS = '1500';
    try {
      const started = performance.now();
      const hung = await reader.read();
      expect(hung.state).toBe('timeout');
      expect(hung.message).toBe('NVML did not answer within 0.2 s: the GPU subsystem is unresponsive (check dmesg for Xid errors)');
      expect(performance.now() - started).toBeLessThan(1000);
      const again = await reader.sample();
      expect(again.state).toBe('timeout');
      expect(again.message).toMatch(/^an NVML call has not returned for \d+ s/);
    } finally {
      delete process.env.SIETCH_NVML_MOCK_DELAY_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const resumed = await reader.read();
    expect(resumed.state).toBe('ok');
    expect(resumed.gpus).toHaveLength(8);
  });
});

describe('the CLI on the NVML path', () => {
  it('sietch doctor says which path reads the GPUs', () => {
    const data = writeMockData(tempDir(), CAPTURE);
    const viaNvml = runSietch(['doctor', '--json', '--data-dir', tempDir()], mockNvmlEnv(library, data));
    const check = (run: { stdout: string }) => (JSON.parse(run.stdout) as { checks: { name: string; status: string; message: string }[] }).checks.find((entry) => entry.name === 'GPU reader');
    expect(check(viaNvml)).toEqual({ name: 'GPU reader', area: 'hardware', status: 'ok', message: `nvml: ${library} loaded through the NVML addon` });
    const viaSmi = runSietch(['doctor', '--json', '--data-dir', tempDir()], mockNvmlEnv('/nonexistent/libnvidia-ml.so.1', data));
    expect(check(viaSmi)?.message).toMatch(/^nvidia-smi: NVML is unavailable: cannot open \/nonexistent\/libnvidia-ml\.so\.1/);
    const required = runSietch(['doctor', '--json', '--data-dir', tempDir()], { ...mockNvmlEnv('/nonexistent/libnvidia-ml.so.1', data), SIETCH_GPU_SOURCE: 'nvml' });
    expect(check(required)).toMatchObject({ status: 'fail' });
  });

  it('sietch inventory gpus with NVML required and absent exits 3 with the cause', () => {
    const run = runSietch(['inventory', 'gpus', '--json', '--data-dir', tempDir()], { ...mockNvmlEnv('/nonexistent/libnvidia-ml.so.1', ''), SIETCH_GPU_SOURCE: 'nvml' });
    expect(run.status).toBe(3);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ source: 'nvml', state: 'not-installed', gpus: [] });
    expect(json.warnings[0]).toMatch(/^NVML is required \(SIETCH_GPU_SOURCE=nvml\) but unavailable: cannot open/);
  });
});
