import { chmodSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeSmiEnv, fixturePath } from '../support/fake-nvidia-smi';
import { runSietch } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

// `sietch inventory gpus --json` as a user runs it: the built CLI, a real process, the fake
// nvidia-smi replaying each real capture. Expected values read from the captures by hand.
const tempDir = useTempDirs();
const CAPTURES: Record<string, { driver: string; gpus: number; firstSerial: string | null }> = {
  'datakit__gtx-1card.xml': { driver: '460.39', gpus: 1, firstSerial: '0324418086185' },
  'datakit__gtx-8card.xml': { driver: '460.73.01', gpus: 8, firstSerial: '1562920006088' },
  'nvidia_gpu_exporter__linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt': { driver: '590.48.01', gpus: 1, firstSerial: null },
  'nvidia_gpu_exporter__linux-x86_64__nvidia-h100-mig__590.48.01.txt': { driver: '590.48.01', gpus: 1, firstSerial: null },
  'nvidia_gpu_exporter__linux-x86_64__nvidia-l40s__595.80.txt': { driver: '595.80', gpus: 1, firstSerial: null },
  'telegraf__a100-sxm4-v12.xml': { driver: '535.54.03', gpus: 1, firstSerial: '1650522003820' },
  'telegraf__a10g.xml': { driver: '515.105.01', gpus: 1, firstSerial: null },
  'telegraf__dual_a5000-v13.xml': { driver: '590.44.01', gpus: 2, firstSerial: '0123456789012' },
  'telegraf__quadro-p400.xml': { driver: '418.43', gpus: 1, firstSerial: '0424418054852' },
  'telegraf__tesla-t4.xml': { driver: '515.105.01', gpus: 1, firstSerial: null },
};
const GPU_KEYS = ['index', 'uuid', 'serial', 'name', 'pciBusId', 'memoryTotalMiB', 'utilizationGpuPct', 'powerDrawW', 'temperatureC', 'migMode', 'migDevices', 'processes', 'health'];

describe('sietch inventory gpus --json', () => {
  it.each(Object.entries(CAPTURES))('%s', (name, expected) => {
    const run = runSietch(['inventory', 'gpus', '--json', '--data-dir', tempDir()], fakeSmiEnv({ capture: fixturePath(name) }));
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout); // exactly one document: JSON.parse refuses anything after it
    expect(Object.keys(json)).toEqual(['source', 'state', 'driverVersion', 'gpus', 'warnings']);
    expect(json).toMatchObject({ source: 'nvidia-smi', state: 'ok', driverVersion: expected.driver });
    expect(json.gpus).toHaveLength(expected.gpus);
    expect(json.gpus[0].serial).toBe(expected.firstSerial);
    for (const [position, gpu] of json.gpus.entries()) {
      expect(Object.keys(gpu)).toEqual(GPU_KEYS);
      expect(gpu.index).toBe(position);
      expect(gpu.health).toEqual({ status: 'ok', reasons: [] });
    }
  });

  it.each([
    ['hang', 'timeout', 3],
    ['exit9', 'driver-not-loaded', 3],
    ['garbage', 'unparsable', 3],
    ['no-devices', 'no-devices', 0],
  ] as const)('a binary in mode %s gives state %s and exit %d, with a warning naming the cause', (mode, state, exit) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ inventory: { nvidiaSmiTimeoutSeconds: 1 } }));
    const started = Date.now();
    const run = runSietch(['inventory', 'gpus', '--json', '--data-dir', dir], fakeSmiEnv({ mode }));
    expect(run.status).toBe(exit);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ state, gpus: [] });
    if (exit !== 0) expect(json.warnings[0]).toMatch(/\w/);
    if (mode === 'hang') {
      expect(json.warnings[0]).toMatch(/unresponsive/i);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });

  it('without nvidia-smi says not-installed and exits 3', () => {
    const empty = tempDir();
    const run = runSietch(['inventory', 'gpus', '--json', '--data-dir', empty], { PATH: empty, SIETCH_NVIDIA_SMI: '' });
    expect(run.status).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ state: 'not-installed', gpus: [], warnings: [expect.stringMatching(/not found/)] });
  });

  it('runs while serve holds the data directory lock (it only reads)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sietch.lock'), JSON.stringify({ pid: process.pid, command: 'serve', hostname: hostname(), startedAt: new Date().toISOString() }));
    chmodSync(join(dir, 'sietch.lock'), 0o600);
    const run = runSietch(['inventory', 'gpus', '--json', '--data-dir', dir], fakeSmiEnv({}));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).gpus).toHaveLength(8);
  });

  it('hosts --json prints this machine in the documented shape', () => {
    const run = runSietch(['inventory', 'hosts', '--json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.source).toBe('systeminformation');
    expect(json.hosts).toHaveLength(1);
    expect(json.hosts[0].assetId).toMatch(/^host:/);
  });
});
