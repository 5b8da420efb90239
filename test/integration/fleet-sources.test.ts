import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../electron/core/config/config';
import type { Core } from '../../electron/core/core';
import { readTargetsSource } from '../../electron/core/inventory/fleet/sources/read-targets';
import type { FleetSourceSpec } from '../../electron/core/inventory/fleet/sources/fleet-source';
import { startTestCore } from '../support/core-fixture';
import { dcgmScrape } from '../support/dcgm-fixtures';
import { startDcgmEndpoint, type DcgmEndpoint } from '../support/dcgm-endpoint';
import { useTempDirs } from '../support/temp-dir';

// dcgm-exporter scrapes end to end: real captures served over real sockets, read by the fleet
// readers, applied to a real register in a real SQLite file; faults by the endpoint.

const tempDir = useTempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function endpoint(initial: Parameters<typeof startDcgmEndpoint>[0]): Promise<DcgmEndpoint> {
  const server = await startDcgmEndpoint(initial);
  cleanups.push(() => server.close());
  return server;
}

function targets(server: DcgmEndpoint, names: string[]): FleetSourceSpec {
  return { id: 'test', name: 'test', kind: 'targets', origin: 'config', targets: names.map((name) => server.url(name)) };
}

const OPTIONS = { timeoutMs: 1000, concurrency: 4, maxBytes: 1 << 20 };
const CAPTURES = { a100: dcgmScrape('a100'), mig: dcgmScrape('a100Mig'), idle: dcgmScrape('t4Idle'), busy: dcgmScrape('t4Busy') };

function core(): Core {
  const config = configSchema.parse({ fleet: { timeoutSeconds: 1, concurrency: 4 } });
  const started = startTestCore(tempDir(), undefined, undefined, { config });
  cleanups.push(() => started.close());
  return started;
}

describe('dcgm-exporter targets', () => {
  it('reads the four captured hosts over HTTP', async () => {
    const server = await endpoint(Object.fromEntries(Object.entries(CAPTURES).map(([name, body]) => [name, { body }])));
    const read = await readTargetsSource(targets(server, Object.keys(CAPTURES)), OPTIONS);
    expect(read.state).toBe('ok');
    expect(read.hosts.map((host) => [host.hostname, host.gpus.map((gpu) => gpu.uuid)])).toEqual([
      ['ip-172-20-10-123', ['GPU-00e54cc1-4465-041c-1075-5f7b1358e51e']],
      ['ip-172-20-10-26', ['GPU-b397ddd6-b9f5-1b5a-a710-a105c3b542d1']],
      ['nvidia-dcgm-exporter-drqwq', ['GPU-7099682b-a20d-2bcc-74ab-b9060454d81e']],
      ['nvidia-dcgm-exporter-tl46n', ['GPU-473571f2-fb37-ef7e-50fe-9885b74a23cd']],
    ]);
    expect(read.targets.every((target) => target.state === 'up' && target.bytes! > 0 && target.hostnames.length === 1)).toBe(true);
  });

  it('a target that times out, one that stalls after its headers, one answering 500 and one sending garbage fail alone, each with its cause', async () => {
    const server = await endpoint({
      a100: { body: CAPTURES.a100 },
      hang: { hang: true },
      stall: { stallAfterHeaders: true },
      error: { status: 500 },
      garbage: { body: '<html><body>Bad gateway</body></html>\n' },
      truncated: { body: CAPTURES.idle.slice(0, CAPTURES.idle.indexOf('DCGM_FI_DEV_GPU_TEMP{') + 40) },
    });
    const started = Date.now();
    const read = await readTargetsSource(targets(server, ['a100', 'hang', 'stall', 'error', 'garbage', 'truncated', 'absent']), OPTIONS);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(read.state).toBe('partial');
    expect(read.hosts.map((host) => host.hostname)).toEqual(['nvidia-dcgm-exporter-drqwq']);
    const byName = Object.fromEntries(read.targets.map((target) => [target.target.split('/')[3], target]));
    expect(byName.hang).toMatchObject({ state: 'timeout', message: expect.stringContaining('1000 ms') });
    expect(byName.stall).toMatchObject({ state: 'timeout' });
    expect(byName.error).toMatchObject({ state: 'http-status', message: expect.stringContaining('HTTP 500') });
    expect(byName.garbage).toMatchObject({ state: 'unparsable', message: expect.stringContaining('line 1, column 1') });
    expect(byName.truncated).toMatchObject({ state: 'unparsable', message: expect.stringContaining('not closed') });
    expect(byName.absent).toMatchObject({ state: 'http-status', message: expect.stringContaining('HTTP 404') });
  });

  it('a target refused or answering too much is reported, not read', async () => {
    const server = await endpoint({ big: { body: CAPTURES.mig } });
    const read = await readTargetsSource({ ...targets(server, ['big']), targets: [server.url('big'), 'http://127.0.0.1:1/metrics'] }, { ...OPTIONS, maxBytes: 1000 });
    expect(read.state).toBe('down');
    expect(read.unreadable).toBe(false);
    expect(read.targets.map((target) => target.state)).toEqual(['too-large', 'unreachable']);
  });
});

describe('fleet sources in the register', () => {
  it('fleet GPUs land in the register under gpu:<UUID> with a host asset each; a vanishing GPU goes missing after 3 sweeps, never deleted', async () => {
    const server = await endpoint({ a100: { body: CAPTURES.a100 }, mig: { body: CAPTURES.mig }, idle: { body: CAPTURES.idle } });
    const sietch = core();
    const added = await sietch.handlers['fleet.source.add']({ kind: 'targets', name: 'rack 12', site: 'PAR-2', targets: ['a100', 'mig', 'idle'].map((name) => server.url(name)) });
    expect(added).toMatchObject({ origin: 'settings', kind: 'targets', endpoint: '3 targets', site: 'PAR-2' });
    const first = await sietch.handlers['fleet.refresh']({});
    expect(first.sources[0]).toMatchObject({ state: 'ok', hosts: 3, gpus: 3, errors: 0 });

    const { assets } = await sietch.handlers['inventory.assets.list']({});
    const gpu = assets.find((asset) => asset.id === 'gpu:GPU-473571f2-fb37-ef7e-50fe-9885b74a23cd')!;
    expect(gpu).toMatchObject({ kind: 'gpu', status: 'present', hostId: 'host:fleet:nvidia-dcgm-exporter-tl46n', model: 'NVIDIA A100-SXM4-40GB', migDeviceCount: 4, health: { status: 'ok' } });
    expect(assets.filter((asset) => asset.kind === 'host' && asset.id.startsWith('host:fleet:')).map((asset) => asset.id).sort()).toEqual(['host:fleet:ip-172-20-10-123', 'host:fleet:nvidia-dcgm-exporter-drqwq', 'host:fleet:nvidia-dcgm-exporter-tl46n']);
    const { hosts } = await sietch.handlers['fleet.hosts.list']({});
    expect(hosts.find((host) => host.hostname === 'ip-172-20-10-123')).toMatchObject({ sourceName: 'rack 12', site: 'PAR-2', target: server.url('idle') });

    // The T4 host stops serving its GPU's series (the exporter answers, without them).
    server.set('idle', { body: '# TYPE DCGM_FI_DEV_GPU_TEMP gauge\n' });
    for (let sweep = 0; sweep < 2; sweep++) await sietch.handlers['fleet.refresh']({});
    let t4 = (await sietch.handlers['inventory.asset.get']({ id: 'gpu:GPU-00e54cc1-4465-041c-1075-5f7b1358e51e' })).asset;
    expect(t4.status).toBe('present');
    await sietch.handlers['fleet.refresh']({});
    const detail = await sietch.handlers['inventory.asset.get']({ id: 'gpu:GPU-00e54cc1-4465-041c-1075-5f7b1358e51e' });
    t4 = detail.asset;
    expect(t4).toMatchObject({ status: 'missing', health: { status: 'unknown', reasons: ['missing'] } });
    expect(detail.events.map((event) => event.kind)).toEqual(['asset.missing', 'asset.discovered']);
    expect((await sietch.handlers['journal.verify']({})).ok).toBe(true);
  });

  it('a target that fails marks its GPUs fleet-target-down, counts the sweeps and the errors, and they go missing; it comes back as returned', async () => {
    const server = await endpoint({ a100: { body: CAPTURES.a100 }, idle: { body: CAPTURES.idle } });
    const sietch = core();
    await sietch.handlers['fleet.source.add']({ kind: 'targets', name: 'rack', targets: [server.url('a100'), server.url('idle')] });
    await sietch.handlers['fleet.refresh']({});
    server.set('idle', { status: 500 });
    const after = await sietch.handlers['fleet.refresh']({});
    expect(after.sources[0]).toMatchObject({ state: 'partial', errors: 1, consecutiveFailures: 1 });
    expect(after.sources[0]!.targets.find((target) => target.target === server.url('idle'))).toMatchObject({ state: 'http-status', errors: 1, consecutiveFailures: 1 });
    const id = 'gpu:GPU-00e54cc1-4465-041c-1075-5f7b1358e51e';
    expect((await sietch.handlers['inventory.asset.get']({ id })).asset).toMatchObject({ status: 'present', health: { status: 'unknown', reasons: ['fleet-target-down'] } });
    server.set('idle', { body: 'garbage\n' });
    await sietch.handlers['fleet.refresh']({});
    server.set('idle', { hang: true });
    const third = await sietch.handlers['fleet.refresh']({});
    expect(third.sources[0]!.targets.find((target) => target.target === server.url('idle'))).toMatchObject({ state: 'timeout', errors: 3, consecutiveFailures: 3 });
    expect((await sietch.handlers['inventory.asset.get']({ id })).asset.status).toBe('missing');
    expect((await sietch.handlers['inventory.asset.get']({ id: 'host:fleet:ip-172-20-10-123' })).asset.status).toBe('missing');
    // The other host was read every time.
    expect((await sietch.handlers['inventory.asset.get']({ id: 'gpu:GPU-7099682b-a20d-2bcc-74ab-b9060454d81e' })).asset).toMatchObject({ status: 'present', health: { status: 'ok' } });

    server.set('idle', { body: CAPTURES.idle });
    await sietch.handlers['fleet.refresh']({});
    const back = await sietch.handlers['inventory.asset.get']({ id });
    expect(back.asset).toMatchObject({ status: 'present', health: { status: 'ok', reasons: [] } });
    expect(back.events.map((event) => event.kind)).toEqual(['asset.returned', 'asset.missing', 'asset.discovered']);
  });

  it('a source that cannot be read at all marks its GPUs fleet-source-down and counts no miss', async () => {
    const server = await endpoint({ a100: { body: CAPTURES.a100 } });
    const sietch = core();
    const dir = tempDir();
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(`${dir}/targets.txt`, `# rack 12\n${server.url('a100')}\n`);
    await sietch.handlers['fleet.source.add']({ kind: 'targets', name: 'from file', targetsFile: `${dir}/targets.txt` });
    await sietch.handlers['fleet.refresh']({});
    rmSync(`${dir}/targets.txt`);
    for (let sweep = 0; sweep < 4; sweep++) {
      const status = await sietch.handlers['fleet.refresh']({});
      expect(status.sources[0]).toMatchObject({ state: 'down', message: expect.stringContaining('ENOENT') });
    }
    expect((await sietch.handlers['inventory.asset.get']({ id: 'gpu:GPU-7099682b-a20d-2bcc-74ab-b9060454d81e' })).asset).toMatchObject({ status: 'present', health: { status: 'unknown', reasons: ['fleet-source-down'] } });
  });

  it('a removed source leaves its assets, which go missing; config sources cannot be removed over the API', async () => {
    const server = await endpoint({ a100: { body: CAPTURES.a100 } });
    const sietch = core();
    const added = await sietch.handlers['fleet.source.add']({ kind: 'targets', name: 'temp', targets: [server.url('a100')] });
    await sietch.handlers['fleet.refresh']({});
    await expect(sietch.handlers['fleet.source.add']({ kind: 'targets', name: 'temp', targets: [server.url('a100')] })).rejects.toMatchObject({ code: 'conflict' });
    await expect(sietch.handlers['fleet.source.remove']({ id: 'config:main' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await sietch.handlers['fleet.source.remove']({ id: added.id })).toEqual({ removed: true });
    await expect(sietch.handlers['fleet.source.remove']({ id: added.id })).rejects.toMatchObject({ code: 'not-found' });
    for (let sweep = 0; sweep < 3; sweep++) await sietch.handlers['fleet.refresh']({});
    expect((await sietch.handlers['inventory.asset.get']({ id: 'gpu:GPU-7099682b-a20d-2bcc-74ab-b9060454d81e' })).asset.status).toBe('missing');
    expect((await sietch.handlers['fleet.hosts.list']({})).hosts[0]).toMatchObject({ sourceName: null });
  });

  it('test connection reads a typed source without touching the register; latestSamples gives the node per-host samples', async () => {
    const server = await endpoint({ mig: { body: CAPTURES.mig }, busy: { body: CAPTURES.busy } });
    const sietch = core();
    const test = await sietch.handlers['fleet.source.test']({ source: { kind: 'targets', name: 'x', targets: [server.url('mig'), server.url('busy'), server.url('nope')] } });
    expect(test).toMatchObject({ state: 'partial', hosts: 2, gpus: 2, targetsUp: 2, targets: 3 });
    expect((await sietch.handlers['inventory.assets.list']({ kind: 'gpu' })).assets).toEqual([]);

    await sietch.handlers['fleet.source.add']({ kind: 'targets', name: 'x', targets: [server.url('mig'), server.url('busy')] });
    await sietch.handlers['fleet.refresh']({});
    const samples = sietch.fleet.latestSamples();
    expect(samples.map((entry) => [entry.hostId, entry.result.state, entry.result.source, entry.result.samples.map((sample) => [sample.uuid, sample.powerDrawW])])).toEqual([
      ['host:fleet:ip-172-20-10-26', 'ok', 'dcgm-exporter', [['GPU-b397ddd6-b9f5-1b5a-a710-a105c3b542d1', 28.167]]],
      ['host:fleet:nvidia-dcgm-exporter-tl46n', 'ok', 'dcgm-exporter', [['GPU-473571f2-fb37-ef7e-50fe-9885b74a23cd', 112.252]]],
    ]);
    server.set('busy', { hang: true });
    await sietch.handlers['fleet.refresh']({});
    expect(sietch.fleet.latestSamples().find((entry) => entry.hostId === 'host:fleet:ip-172-20-10-26')!.result).toMatchObject({ state: 'timeout', samples: [] });
    expect(sietch.fleet.latestSamples(60_000, Date.now() + 61_000)).toEqual([]);
  });
});
