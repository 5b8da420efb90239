import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPrometheusSource } from '../../electron/core/inventory/fleet/sources/read-prometheus';
import { readTargetsSource } from '../../electron/core/inventory/fleet/sources/read-targets';
import type { FleetSourceSpec } from '../../electron/core/inventory/fleet/sources/fleet-source';
import { configSchema } from '../../electron/core/config/config';
import { startTestCore } from '../support/core-fixture';
import { dcgmScrape } from '../support/dcgm-fixtures';
import { startDcgmEndpoint, type DcgmEndpoint } from '../support/dcgm-endpoint';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server';
import { until } from '../support/until';

// A real Prometheus (Debian's, started here on 127.0.0.1 with its own config and data directory)
// scrapes the captured dcgm-exporter answers from a local endpoint; Sietch must read the same GPUs
// through the Prometheus HTTP API as through the direct scrape.

const CAPTURES = { a100: dcgmScrape('a100'), mig: dcgmScrape('a100Mig'), idle: dcgmScrape('t4Idle'), busy: dcgmScrape('t4Busy') };
const NAMES = Object.keys(CAPTURES) as (keyof typeof CAPTURES)[];
const OPTIONS = { timeoutMs: 5000, concurrency: 8, maxBytes: 16 << 20 };

let dir: string;
let endpoint: DcgmEndpoint;
let prometheus: PrometheusServer;
const direct = (): FleetSourceSpec => ({ id: 'direct', name: 'direct', kind: 'targets', origin: 'config', targets: NAMES.map((name) => endpoint.url(name)) });
const viaPrometheus = (url = prometheus.url): FleetSourceSpec => ({ id: 'prom', name: 'prom', kind: 'prometheus', origin: 'config', url });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sietch-prom-'));
  endpoint = await startDcgmEndpoint(Object.fromEntries(NAMES.map((name) => [name, { body: CAPTURES[name] }])));
  prometheus = await startPrometheus(dir, NAMES.map((name) => ({ address: endpoint.address, path: `/${name}/metrics`, instance: `${name}:9400` })));
  await until('Prometheus to hold the four hosts', async () => (await prometheus.query('count(DCGM_FI_DEV_GPU_TEMP)'))[0]?.value[1] === '7', 30_000);
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await endpoint?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reading the fleet through a real Prometheus', () => {
  it('gives the same GPU records as the direct scrape (MIG rows folded, utilization from GR_ENGINE_ACTIVE, same health)', async () => {
    const [scraped, queried] = await Promise.all([readTargetsSource(direct(), OPTIONS), readPrometheusSource(viaPrometheus(), OPTIONS)]);
    expect(scraped.state).toBe('ok');
    expect(queried.state).toBe('ok');
    expect(queried.hosts.map((host) => host.hostname)).toEqual(scraped.hosts.map((host) => host.hostname));
    expect(queried.hosts).toEqual(scraped.hosts);
    expect(queried.hosts.flatMap((host) => host.gpus)).toHaveLength(4);
    // Per-target health from `up`, each target with the hosts its series name.
    expect(queried.targets.map((target) => [target.target, target.state, target.hostnames])).toEqual([
      ['dcgm/a100:9400', 'up', ['nvidia-dcgm-exporter-drqwq']],
      ['dcgm/busy:9400', 'up', ['ip-172-20-10-26']],
      ['dcgm/idle:9400', 'up', ['ip-172-20-10-123']],
      ['dcgm/mig:9400', 'up', ['nvidia-dcgm-exporter-tl46n']],
    ]);
  });

  it('a series vanishing at the exporter vanishes from Prometheus (staleness), and the GPU goes missing in the register, never deleted', async () => {
    const data = mkdtempSync(join(tmpdir(), 'sietch-prom-core-'));
    const config = configSchema.parse({ fleet: { sources: [{ kind: 'prometheus', name: 'prom', url: prometheus.url, site: 'PAR-2' }] } });
    const core = startTestCore(data, undefined, undefined, { config });
    try {
      const first = await core.handlers['fleet.refresh']({});
      expect(first.sources[0]).toMatchObject({ id: 'config:prom', origin: 'config', state: 'ok', hosts: 4, gpus: 4 });
      expect((await core.handlers['inventory.asset.get']({ id: 'gpu:GPU-00e54cc1-4465-041c-1075-5f7b1358e51e' })).asset).toMatchObject({ status: 'present', hostId: 'host:fleet:ip-172-20-10-123' });

      endpoint.set('idle', { body: '# TYPE DCGM_FI_DEV_GPU_TEMP gauge\n' });
      await until('Prometheus to mark the T4 series stale', async () => (await prometheus.query('DCGM_FI_DEV_GPU_TEMP{Hostname="ip-172-20-10-123"}')).length === 0, 20_000);
      for (let sweep = 0; sweep < 3; sweep++) await core.handlers['fleet.refresh']({});
      const gone = await core.handlers['inventory.asset.get']({ id: 'gpu:GPU-00e54cc1-4465-041c-1075-5f7b1358e51e' });
      expect(gone.asset.status).toBe('missing');
      expect(gone.events.map((event) => event.kind)).toEqual(['asset.missing', 'asset.discovered']);
      expect((await core.handlers['inventory.asset.get']({ id: 'gpu:GPU-473571f2-fb37-ef7e-50fe-9885b74a23cd' })).asset.status).toBe('present');

      endpoint.set('idle', { status: 500 });
      await until('Prometheus to see the T4 target down', async () => (await prometheus.query('up{job="dcgm"} == 0')).length === 1, 20_000);
      const status = await core.handlers['fleet.refresh']({});
      expect(status.sources[0]).toMatchObject({ state: 'partial', message: '1 of 4 targets are down in Prometheus' });
      expect(status.sources[0]!.targets.filter((target) => target.state === 'down').map((target) => [target.target, target.errors])).toEqual([['dcgm/idle:9400', 1]]);
    } finally {
      endpoint.set('idle', { body: CAPTURES.idle });
      await core.close();
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('Prometheus refusing a query or down is a down source with the reason', async () => {
    const refused = await readPrometheusSource({ ...viaPrometheus(), selector: '{Hostname=~"("}' }, OPTIONS);
    expect(refused).toMatchObject({ state: 'down', unreadable: true, message: expect.stringContaining('bad_data') });
    const notPrometheus = await readPrometheusSource(viaPrometheus(`http://${endpoint.address}/idle`), OPTIONS);
    expect(notPrometheus).toMatchObject({ state: 'down', unreadable: true });
    const nobody = await readPrometheusSource(viaPrometheus('http://127.0.0.1:1'), OPTIONS);
    expect(nobody).toMatchObject({ state: 'down', unreadable: true, message: expect.stringContaining('ECONNREFUSED') });
  });
});
