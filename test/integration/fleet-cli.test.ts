import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcgmScrape } from '../support/dcgm-fixtures';
import { startDcgmEndpoint, type DcgmEndpoint } from '../support/dcgm-endpoint';
import { SIETCH_BIN } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

// `sietch inventory fleet` and `sietch doctor` as a user runs them: the built CLI in a real
// process, reading the captured dcgm-exporter answers from a local endpoint (asynchronously: the
// endpoint lives in this process).
const tempDir = useTempDirs();
const run = promisify(execFile);
let endpoint: DcgmEndpoint;

async function sietch(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SIETCH_BIN, ...args], { env: { ...process.env, SIETCH_LOG_LEVEL: 'silent' } });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const GPU_KEYS = ['index', 'uuid', 'serial', 'name', 'pciBusId', 'memoryTotalMiB', 'utilizationGpuPct', 'powerDrawW', 'temperatureC', 'migMode', 'migDevices', 'processes', 'health'];

beforeAll(async () => {
  endpoint = await startDcgmEndpoint({ mig: { body: dcgmScrape('a100Mig') }, idle: { body: dcgmScrape('t4Idle') }, broken: { status: 500 } });
});
afterAll(() => endpoint.close());

describe('sietch inventory fleet', () => {
  it('--targets FILE --json prints the GPU shape of inventory gpus plus the host', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'targets.json'), JSON.stringify([{ targets: [endpoint.url('mig'), endpoint.url('idle')], labels: { site: 'par-2' } }]));
    const result = await sietch(['inventory', 'fleet', '--targets', join(dir, 'targets.json'), '--json', '--data-dir', dir]);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['sources', 'gpus', 'targets', 'warnings']);
    expect(json.sources).toEqual([{ name: 'command line', source: 'dcgm-exporter', endpoint: join(dir, 'targets.json'), state: 'ok', message: null, durationMs: expect.any(Number) }]);
    expect(json.gpus).toHaveLength(2);
    for (const gpu of json.gpus) expect(Object.keys(gpu)).toEqual([...GPU_KEYS, 'host', 'hostId', 'site', 'lastXid', 'energyMj']);
    expect(json.gpus.map((gpu: { host: string; uuid: string; migMode: string | null }) => [gpu.host, gpu.uuid, gpu.migMode])).toEqual([
      ['ip-172-20-10-123', 'GPU-00e54cc1-4465-041c-1075-5f7b1358e51e', null],
      ['nvidia-dcgm-exporter-tl46n', 'GPU-473571f2-fb37-ef7e-50fe-9885b74a23cd', 'enabled'],
    ]);
    expect(json.gpus[1].migDevices).toEqual([
      { uuid: null, profile: '2g.10gb', memoryTotalMiB: 9856 },
      { uuid: null, profile: '1g.5gb', memoryTotalMiB: 4863 },
      { uuid: null, profile: '1g.5gb', memoryTotalMiB: 4864 },
      { uuid: null, profile: '1g.5gb', memoryTotalMiB: 4863 },
    ]);
  });

  it('a failing target exits 4 with what was read; an unreachable Prometheus exits 4; both flags is a usage error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'targets.txt'), `# two exporters\n${endpoint.url('idle')}\n${endpoint.url('broken')}\n`);
    const partial = await sietch(['inventory', 'fleet', '--targets', join(dir, 'targets.txt'), '--json', '--data-dir', dir]);
    expect(partial.status).toBe(4);
    const json = JSON.parse(partial.stdout);
    expect(json.gpus).toHaveLength(1);
    expect(json.targets.map((target: { state: string }) => target.state)).toEqual(['up', 'http-status']);
    const prometheus = await sietch(['inventory', 'fleet', '--prometheus', 'http://127.0.0.1:1', '--json', '--data-dir', dir]);
    expect(prometheus.status).toBe(4);
    expect(JSON.parse(prometheus.stdout)).toMatchObject({ sources: [{ source: 'prometheus', state: 'down', message: expect.stringContaining('ECONNREFUSED') }], gpus: [] });
    const both = await sietch(['inventory', 'fleet', '--prometheus', 'http://127.0.0.1:1', '--targets', 'x', '--data-dir', dir]);
    expect(both.status).toBe(2);
    const none = await sietch(['inventory', 'fleet', '--data-dir', dir]);
    expect(none).toMatchObject({ status: 2, stderr: expect.stringContaining('no fleet source') });
  });
});

describe('sietch doctor lists the fleet sources with their health', () => {
  it('one line per source: ok, warn with the failing targets, fail when unreadable (exit 4)', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        fleet: {
          timeoutSeconds: 2,
          sources: [
            { kind: 'targets', name: 'rack a', targets: [endpoint.url('idle')] },
            { kind: 'targets', name: 'rack b', targets: [endpoint.url('idle'), endpoint.url('broken')] },
            { kind: 'prometheus', name: 'prom', url: 'http://127.0.0.1:1' },
          ],
        },
      }),
    );
    const result = await sietch(['doctor', '--json', '--data-dir', dir]);
    const json = JSON.parse(result.stdout);
    const fleet = json.checks.filter((check: { name: string }) => check.name.startsWith('fleet source'));
    expect(fleet.map((check: { name: string; status: string }) => [check.name, check.status])).toEqual([
      ['fleet source "rack a" (targets, config)', 'ok'],
      ['fleet source "rack b" (targets, config)', 'warn'],
      ['fleet source "prom" (prometheus, config)', 'fail'],
    ]);
    expect(fleet[0].message).toContain('1 host(s), 1 GPU(s), 1/1 target(s) up');
    expect(fleet[1].message).toContain('http-status');
  });
});
