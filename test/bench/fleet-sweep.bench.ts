import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, bench, describe } from 'vitest';
import { AssetRegister } from '../../electron/core/assets/asset-register';
import { openDatabase } from '../../electron/core/db/open';
import { FleetService } from '../../electron/core/inventory/fleet/fleet-service';
import { mapWithLimit } from '../../electron/core/inventory/fleet/sources/http-get';
import { Journal } from '../../electron/core/journal/journal';
import { silentLogger } from '../../electron/core/log/logger';

// One full fleet sweep — scrape every dcgm-exporter target over HTTP, parse strictly, normalize,
// apply to the asset register in SQLite — against a synthetic fleet of 8-GPU hosts served by
// another process (test/bench/support/synthetic-dcgm-server.mjs: an H100 label set and the
// fields of the real captures, 51 kB per host). Measured per size: wall time, CPU time of this
// process (so the CPU share at 60 s sampling), and peak RSS / heap above the idle process, for
// the first sweep (every GPU discovered: journal entries) and a steady sweep. The baseline in the
// same run is a bare sweep: the same HTTP GETs through the same keep-alive agent, bodies read and
// dropped. Printed as a table; docs/benchmarks.md records it.
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const SIZES = smoke ? [200] : [1_000, 2_000, 5_000, 10_000]; // multiples of 8 GPUs
const CONCURRENCY = 64;
const SERVER = fileURLToPath(new URL('./support/synthetic-dcgm-server.mjs', import.meta.url));

interface Measure {
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
  peakHeapMiB: number;
}

async function measure(work: () => Promise<unknown>): Promise<Measure> {
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  const baseHeap = process.memoryUsage().heapUsed;
  let peakRss = baseRss;
  let peakHeap = baseHeap;
  const probe = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 5);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(probe);
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, peakRssMiB: (peakRss - baseRss) / 2 ** 20, peakHeapMiB: (peakHeap - baseHeap) / 2 ** 20 };
}

async function startFleet(hosts: number): Promise<{ child: ChildProcess; port: number; bytes: number }> {
  const child = spawn(process.execPath, [SERVER, String(hosts)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`synthetic fleet exited ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString()));
  });
  const [port, bytes] = line.trim().split(' ').map(Number);
  return { child, port: port!, bytes: bytes! };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function bareSweep(urls: string[]): Promise<number[]> {
  return mapWithLimit(urls, CONCURRENCY, (url) => new Promise<number>((resolve, reject) => {
    http.get(url, { agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
    }).on('error', reject);
  }));
}

interface Point {
  gpus: number;
  hosts: number;
  mb: number;
  bare: Measure;
  first: Measure;
  steady: Measure;
}

const points: Point[] = [];
const children: ChildProcess[] = [];
// The synthetic fleets must not outlive the run, even when a measurement throws.
process.once('exit', () => children.forEach((child) => child.kill('SIGTERM')));
const dir = mkdtempSync(join(tmpdir(), 'sietch-bench-fleet-'));
let steadySweep: (() => Promise<unknown>) | null = null;
let steadyBare: (() => Promise<unknown>) | null = null;

for (const gpus of SIZES) {
  const hosts = gpus / 8;
  const fleet = await startFleet(hosts);
  children.push(fleet.child);
  const urls = Array.from({ length: hosts }, (_, host) => `http://127.0.0.1:${fleet.port}/h${host}/metrics`);
  const db = openDatabase(join(dir, `fleet-${gpus}.db`));
  const journal = new Journal(db);
  const service = new FleetService(
    { db, register: new AssetRegister(db, journal), journal, logger: silentLogger, onChange: () => undefined, onSourcesChanged: () => undefined },
    { config: { refreshSeconds: 60, timeoutSeconds: 30, concurrency: CONCURRENCY, maxResponseMiB: 64, xidHoldMinutes: 60, sources: [{ kind: 'targets', name: 'synthetic', targets: urls }] }, missingAfterSweeps: 3, sampleRetentionMs: 24 * 3600_000 },
  );
  const sweep = async (): Promise<void> => {
    const [status] = await service.refresh();
    if (status?.state !== 'ok' || status.gpus !== gpus) throw new Error(`sweep saw ${status?.gpus} GPUs (${status?.state}: ${status?.message})`);
  };
  const bare = await measure(() => bareSweep(urls));
  const first = await measure(sweep);
  await sweep(); // settle: JIT, statement caches
  const steady = await measure(sweep);
  points.push({ gpus, hosts, mb: fleet.bytes / 1e6, bare, first, steady });
  steadySweep = sweep;
  steadyBare = () => bareSweep(urls);
}

const LARGEST = `fleet sweep, ${SIZES.at(-1)} GPUs on ${SIZES.at(-1)! / 8} hosts`;
describe(LARGEST, () => {
  const options = smoke ? { time: 50, iterations: 1, warmupIterations: 0 } : { time: 5_000, iterations: 3, warmupIterations: 0 };
  bench('bare: HTTP GET of every target, bodies dropped (baseline)', async () => {
    await steadyBare!();
  }, options);
  bench('Sietch: scrape + strict parse + normalize + register', async () => {
    await steadySweep!();
  }, options);
});

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
  agent.destroy();
  const f = (value: number, digits = 0) => value.toFixed(digits).padStart(8);
  const rows = points.map((p) => `${String(p.gpus).padStart(6)} ${String(p.hosts).padStart(6)} ${f(p.mb, 1)} | ${f(p.bare.wallMs)} ${f(p.bare.cpuMs)} | ${f(p.first.wallMs)} ${f(p.first.cpuMs)} ${f(p.first.peakHeapMiB, 1)} | ${f(p.steady.wallMs)} ${f(p.steady.cpuMs)} ${f((p.steady.cpuMs / 60_000) * 100, 2)}% ${f(p.steady.peakRssMiB, 1)} ${f(p.steady.peakHeapMiB, 1)} | ${f(p.steady.cpuMs / p.bare.cpuMs, 1)}×`);
  process.stdout.write(
    [
      '',
      'fleet sweep growth (ms; MiB above the idle process; CPU share = steady CPU / 60 s)',
      '  GPUs  hosts     MB  |  bare ms   bare cpu |  1st ms   1st cpu  1st heap | steady ms  cpu ms  cpu@60s  peak rss  peak heap | cpu vs bare',
      ...rows,
      '',
    ].join('\n'),
  );
});
