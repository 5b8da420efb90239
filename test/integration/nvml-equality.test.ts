import { describe, expect, it } from 'vitest';
import { NvidiaSmiReader, type GpuReadResult, type NvidiaGpuWithHealth } from '../../electron/core/inventory/gpu';
import { loadNvmlAddon } from '../../electron/core/inventory/gpu/nvml/load-addon';
import { NvmlReader } from '../../electron/core/inventory/gpu/nvml/nvml-reader';
import { samplesFromRead } from '../../electron/core/inventory/gpu/query-gpu-csv';
import { XML_CAPTURES } from '../../electron/core/inventory/gpu/test-captures';
import { fakeSmiEnv, fixturePath, mutatedCapture } from '../support/fake-nvidia-smi';
import { buildMockNvml, ensureNvmlAddon, mockNvmlEnv, writeMockData } from '../support/nvml-mock';
import { runSietch } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

// The NVML path against the nvidia-smi path on the same real capture: the mock libnvidia-ml
// (test/nvml-mock) answers with the capture's values in NVML's units (bytes, milliwatts, masks,
// enums), the simulated nvidia-smi replays the capture itself. Both must give the same records.
const tempDir = useTempDirs();
const CAPTURES = [
  ...XML_CAPTURES,
  'nvidia_gpu_exporter__linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt',
  'nvidia_gpu_exporter__linux-x86_64__nvidia-h100-mig__590.48.01.txt',
  'nvidia_gpu_exporter__linux-x86_64__nvidia-l40s__595.80.txt',
];

ensureNvmlAddon();
const library = buildMockNvml();
const addon = (() => {
  const load = loadNvmlAddon();
  if (!load.ok) throw new Error(load.message);
  return load.addon;
})();

/**
 * What only nvidia-smi has: process names (it reads /proc), `unrepairable_memory` (no NVML query
 * read), and the run itself (binary, exit code, its timestamp line). docs/nvml.md lists them.
 */
function comparable(read: GpuReadResult): unknown {
  const { binary: _binary, exitCode: _exitCode, timestamp: _timestamp, source: _source, library: _library, durationMs: _durationMs, ...rest } = read;
  return {
    ...rest,
    gpus: read.gpus.map((gpu: NvidiaGpuWithHealth) => ({ ...gpu, processes: gpu.processes.map(({ name: _name, ...process }) => process), ecc: { ...gpu.ecc, unrepairableMemory: null } })),
  };
}

async function bothPaths(capture: string): Promise<{ nvml: GpuReadResult; smi: GpuReadResult }> {
  process.env.SIETCH_NVML_MOCK_DATA = writeMockData(tempDir(), capture);
  const nvml = await new NvmlReader(addon, { library }).read();
  const smi = await new NvidiaSmiReader({ env: fakeSmiEnv({ capture }) }).read();
  return { nvml, smi };
}

describe('NVML (mock library) and nvidia-smi (simulator) on the same real capture', () => {
  it.each(CAPTURES)('%s: the same normalized records', async (name) => {
    const { nvml, smi } = await bothPaths(fixturePath(name));
    expect(nvml.state).toBe('ok');
    expect(nvml.source).toBe('nvml');
    expect(nvml.library).toBe(library);
    expect(nvml.gpus.length).toBeGreaterThan(0);
    if (name === 'telegraf__a100-sxm4-v12.xml') {
      // The contributor trimmed this capture to one <gpu> of attached_gpus=4: nvidia-smi's own
      // count disagrees with its list, which NVML (one count) cannot reproduce.
      expect(smi.warnings).toEqual(['nvidia-smi reports 4 attached GPU(s) but lists 1']);
      expect(comparable(nvml)).toEqual({ ...(comparable(smi) as object), attachedGpus: 1, warnings: [] });
      return;
    }
    expect(comparable(nvml)).toEqual(comparable(smi));
  });

  it('derived faults (ECC, remapping, thermal and power brake, retirement) grade the same health both ways', async () => {
    const name = 'telegraf__a10g.xml';
    // Mutated copies of a real capture: no capture has non-zero counters (fixtures/SOURCES.md).
    const capture = mutatedCapture(tempDir(), name, (xml) =>
      xml
        .replace(/(<volatile>[\s\S]*?<dram_uncorrectable>)0(<)/, '$11$2')
        .replace('<remapped_row_pending>No</remapped_row_pending>', '<remapped_row_pending>Yes</remapped_row_pending>')
        .replace(/(<clocks_event_reason_hw_thermal_slowdown>|<clocks_throttle_reason_hw_thermal_slowdown>)Not Active/, '$1Active'),
    );
    const { nvml, smi } = await bothPaths(capture);
    expect(smi.gpus[0]!.health.reasons).toEqual(['ecc-uncorrectable', 'remap-pending', 'thermal-slowdown']);
    expect(nvml.gpus[0]!.health).toEqual(smi.gpus[0]!.health);
    expect(comparable(nvml)).toEqual(comparable(smi));
  });

  it('the sampler readings (8 GPUs) equal the nvidia-smi read projected to samples', async () => {
    const capture = fixturePath('datakit__gtx-8card.xml');
    process.env.SIETCH_NVML_MOCK_DATA = writeMockData(tempDir(), capture);
    const sampled = await new NvmlReader(addon, { library }).sample();
    const smi = samplesFromRead(await new NvidiaSmiReader({ env: fakeSmiEnv({ capture }) }).read());
    expect(sampled).toMatchObject({ state: 'ok', source: 'nvml', method: 'nvml', warnings: [] });
    expect(sampled.samples).toHaveLength(8);
    expect(sampled.samples).toEqual(smi.samples);
  });
});

describe('sietch inventory gpus --json, NVML against nvidia-smi', () => {
  it.each(['datakit__gtx-8card.xml', 'nvidia_gpu_exporter__linux-x86_64__nvidia-h100-mig__590.48.01.txt'])('%s: identical but for "source"', (name) => {
    const capture = fixturePath(name);
    const data = writeMockData(tempDir(), capture);
    const viaNvml = runSietch(['inventory', 'gpus', '--json', '--data-dir', tempDir()], mockNvmlEnv(library, data));
    const viaSmi = runSietch(['inventory', 'gpus', '--json', '--data-dir', tempDir()], fakeSmiEnv({ capture }));
    expect(viaNvml.status).toBe(0);
    expect(viaSmi.status).toBe(0);
    const nvml = JSON.parse(viaNvml.stdout);
    const smi = JSON.parse(viaSmi.stdout);
    expect(nvml.source).toBe('nvml');
    expect(smi.source).toBe('nvidia-smi');
    expect(Object.keys(nvml)).toEqual(Object.keys(smi));
    expect({ ...nvml, source: null }).toEqual({ ...smi, source: null });
    expect(nvml.gpus.length).toBeGreaterThan(0);
  });
});
