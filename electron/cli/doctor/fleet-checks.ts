import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fleetSourceInput, type FleetSourceInput } from '../../contract/schemas/fleet';
import type { SietchConfig } from '../../core/config/config';
import { DATABASE_FILE } from '../../core/core';
import { readFleetSource, specFromInput } from '../../core/inventory/fleet/sources/read-source';
import type { CheckResult } from './check';

/** Sources added in Settings, read from the database without writing to it (doctor takes no lock). */
function storedSources(dataDir: string): { id: string; input: FleetSourceInput }[] {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return [];
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fleet_sources'").get();
      if (!table) return [];
      const rows = db.prepare('SELECT id, spec FROM fleet_sources ORDER BY created_at, id').all() as { id: string; spec: string }[];
      return rows.flatMap((row) => {
        const parsed = fleetSourceInput.safeParse(JSON.parse(row.spec));
        return parsed.success ? [{ id: row.id, input: parsed.data }] : [];
      });
    } finally {
      db.close();
    }
  } catch {
    return []; // the database check reports an unreadable file
  }
}

/**
 * One line per fleet source (config.json and Settings): read once now, with the fleet timeouts.
 * A source that cannot be read fails (area network, exit 4); one with failed targets warns.
 */
export async function checkFleetSources(config: SietchConfig, dataDir: string): Promise<CheckResult[]> {
  const sources = [...config.fleet.sources.map((input) => ({ id: `config:${input.name}`, input, origin: 'config' as const })), ...storedSources(dataDir).map((entry) => ({ ...entry, origin: 'settings' as const }))];
  if (sources.length === 0) return [{ name: 'fleet sources', area: 'network', status: 'ok', message: 'none configured (only this machine’s GPUs are read)' }];
  const options = { timeoutMs: config.fleet.timeoutSeconds * 1000, concurrency: config.fleet.concurrency, maxBytes: config.fleet.maxResponseMiB * 1024 * 1024 };
  return Promise.all(
    sources.map(async ({ id, input, origin }): Promise<CheckResult> => {
      const read = await readFleetSource(specFromInput(input, id, origin), options);
      const endpoint = input.kind === 'prometheus' ? input.url : `${input.targets?.length ?? 0} target(s)${input.targetsFile ? ` + ${input.targetsFile}` : ''}`;
      const name = `fleet source "${input.name}" (${input.kind}, ${origin})`;
      const gpus = read.hosts.reduce((sum, host) => sum + host.gpus.length, 0);
      const up = read.targets.filter((target) => target.state === 'up').length;
      const counts = `${read.hosts.length} host(s), ${gpus} GPU(s), ${up}/${read.targets.length} target(s) up, ${read.durationMs} ms`;
      if (read.state === 'ok') return { name, area: 'network', status: 'ok', message: `${endpoint}: ${counts}` };
      const failed = read.targets.filter((target) => target.state !== 'up').slice(0, 3).map((target) => `${target.target}: ${target.state}${target.message ? ` (${target.message})` : ''}`);
      if (read.state === 'partial') return { name, area: 'network', status: 'warn', message: `${endpoint}: ${counts}; ${failed.join('; ')}`, fix: 'check the failing targets (dcgm-exporter running, port open, answering /metrics)' };
      return { name, area: 'network', status: 'fail', message: `${endpoint}: ${read.message ?? 'not readable'}${failed.length ? `; ${failed.join('; ')}` : ''}`, fix: input.kind === 'prometheus' ? 'check the URL, credentials and CA, and that Prometheus answers /api/v1/query' : 'check the targets (or targets file) and that dcgm-exporter answers /metrics' };
    }),
  );
}
