import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { until } from './until';

/** The Debian prometheus binary (installed on the CI image; see .ci/run). */
export const PROMETHEUS_BINARY = process.env.SIETCH_PROMETHEUS ?? '/usr/bin/prometheus';

export interface PrometheusServer {
  url: string;
  /** Instant query through the HTTP API, as a test helper (the code under test has its own client). */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A real Prometheus on 127.0.0.1 with its own config and data directory, scraping the given
 * targets every `scrapeIntervalSeconds` (each target: address + metrics path, all in job "dcgm").
 */
export async function startPrometheus(dir: string, targets: { address: string; path: string; instance?: string }[], scrapeIntervalSeconds = 1): Promise<PrometheusServer> {
  const port = await freePort();
  const config = [
    'global:',
    `  scrape_interval: ${scrapeIntervalSeconds}s`,
    `  scrape_timeout: ${scrapeIntervalSeconds}s`,
    'scrape_configs:',
    '  - job_name: dcgm',
    '    static_configs:',
    // One port serves every host here, so each target gets its own instance label (as distinct hosts would have).
    ...targets.flatMap((target) => [`      - targets: ['${target.address}']`, '        labels:', `          __metrics_path__: '${target.path}'`, `          instance: '${target.instance ?? target.address}'`]),
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), `${config}\n`);
  const child: ChildProcess = spawn(PROMETHEUS_BINARY, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const query = async (promql: string) => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    return body.data.result;
  };
  try {
    await until('prometheus to answer', async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${stderr}`);
      return fetch(`${url}/-/ready`).then((response) => response.ok, () => false);
    }, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    query,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
