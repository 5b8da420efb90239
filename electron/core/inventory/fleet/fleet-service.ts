import { randomUUID } from 'node:crypto';
import type { FleetHost, FleetSourceInput, FleetSourceStatus, FleetSourceTest, FleetTargetStatus } from '../../../contract/schemas/fleet';
import type { AssetRegister } from '../../assets/asset-register';
import type { Db } from '../../db/open';
import type { Journal } from '../../journal/journal';
import type { Logger } from '../../log/logger';
import { pruneAssetSamples } from '../gpu-register/apply-gpu-read';
import { applyFleetRead, missHost } from './apply-fleet-read';
import { XidTracker } from './dcgm/xid';
import { fleetSamplesOf, type FleetHostSamples } from './fleet-samples';
import { flagFleetDuplicates } from './fleet-duplicates';
import type { FleetReadOptions, FleetSourceRead, FleetSourceSpec } from './sources/fleet-source';
import { readFleetSource, specFromInput } from './sources/read-source';

export interface FleetServiceConfig {
  refreshSeconds: number;
  timeoutSeconds: number;
  concurrency: number;
  maxResponseMiB: number;
  xidHoldMinutes: number;
  sources: FleetSourceInput[];
}

export interface FleetServiceDeps {
  db: Db;
  register: AssetRegister;
  journal: Journal;
  logger: Logger;
  onChange: (ids: string[]) => void;
  onSourcesChanged: () => void;
}

export interface FleetServiceOptions {
  config: FleetServiceConfig;
  missingAfterSweeps: number;
  sampleRetentionMs: number;
}

interface SourceMemory {
  status: FleetSourceStatus;
  targetErrors: Map<string, { errors: number; consecutive: number }>;
}

function endpointOf(spec: FleetSourceSpec): string {
  if (spec.kind === 'prometheus') return spec.url ?? '';
  const count = spec.targets?.length ?? 0;
  return [count > 0 ? `${count} target${count === 1 ? '' : 's'}` : null, spec.targetsFile ? `file ${spec.targetsFile}` : null].filter(Boolean).join(' + ');
}

/**
 * The fleet: reads every source (config.json and Settings) each `refreshSeconds`, applies what it
 * read to the asset register, keeps each source's and target's health and error counters, and
 * the latest readings for the attestation node (latestSamples). One sweep at a time.
 */
export class FleetService {
  private readonly memory = new Map<string, SourceMemory>();
  private readonly xid: XidTracker;
  private inFlight: Promise<FleetSourceStatus[]> | null = null;
  private lastReads: { at: Date; reads: { spec: FleetSourceSpec; read: FleetSourceRead }[] } | null = null;

  constructor(private readonly deps: FleetServiceDeps, private readonly options: FleetServiceOptions) {
    this.xid = new XidTracker(options.config.xidHoldMinutes * 60_000);
  }

  get refreshSeconds(): number {
    return this.options.config.refreshSeconds;
  }

  private readOptions(): FleetReadOptions {
    const { config } = this.options;
    return { timeoutMs: config.timeoutSeconds * 1000, concurrency: config.concurrency, maxBytes: config.maxResponseMiB * 1024 * 1024 };
  }

  /** config.json sources first (ids `config:<name>`), then those added in Settings. */
  specs(): FleetSourceSpec[] {
    const fromConfig = this.options.config.sources.map((input) => specFromInput(input, `config:${input.name}`, 'config'));
    const stored = this.deps.db.prepare('SELECT id, spec FROM fleet_sources ORDER BY created_at, id').all() as { id: string; spec: string }[];
    return [...fromConfig, ...stored.map((row) => specFromInput(JSON.parse(row.spec) as FleetSourceInput, row.id, 'settings'))];
  }

  private statusOf(spec: FleetSourceSpec): FleetSourceStatus {
    const remembered = this.memory.get(spec.id)?.status;
    const identity = { id: spec.id, name: spec.name, kind: spec.kind, origin: spec.origin, site: spec.site ?? null, endpoint: endpointOf(spec) };
    return remembered ? { ...remembered, ...identity } : { ...identity, state: 'never-read', message: null, lastReadAt: null, durationMs: null, bytes: null, hosts: 0, gpus: 0, errors: 0, consecutiveFailures: 0, targets: [], warnings: [] };
  }

  statuses(): FleetSourceStatus[] {
    return this.specs().map((spec) => this.statusOf(spec));
  }

  hosts(): FleetHost[] {
    const names = new Map(this.specs().map((spec) => [spec.id, spec.name]));
    const rows = this.deps.db.prepare('SELECT host_id, hostname, source_id, site, target, last_seen FROM fleet_hosts ORDER BY site, hostname').all() as { host_id: string; hostname: string; source_id: string; site: string | null; target: string | null; last_seen: string }[];
    return rows.map((row) => ({ hostId: row.host_id, hostname: row.hostname, sourceId: row.source_id, sourceName: names.get(row.source_id) ?? null, site: row.site, target: row.target, lastSeen: row.last_seen }));
  }

  add(input: FleetSourceInput): FleetSourceStatus {
    const spec = specFromInput(input, `src_${randomUUID()}`, 'settings');
    if (this.specs().some((existing) => existing.name === spec.name)) throw new FleetSourceConflict(`a source named "${spec.name}" exists already`);
    this.deps.db.prepare('INSERT INTO fleet_sources (id, name, kind, spec, created_at) VALUES (?, ?, ?, ?, ?)').run(spec.id, spec.name, spec.kind, JSON.stringify(input), new Date().toISOString());
    this.deps.logger.info({ source: spec.id, name: spec.name, kind: spec.kind }, 'fleet source added');
    this.deps.onSourcesChanged();
    return this.statusOf(spec);
  }

  /** Only Settings sources can be removed here; a config.json source is edited in the file. Returns false when there is none. */
  remove(id: string): boolean {
    if (id.startsWith('config:')) throw new FleetSourceConflict('this source comes from config.json: remove it there');
    const removed = this.deps.db.prepare('DELETE FROM fleet_sources WHERE id = ?').run(id).changes > 0;
    if (removed) {
      this.memory.delete(id);
      this.deps.logger.info({ source: id }, 'fleet source removed; its hosts will be counted as missed');
      this.deps.onSourcesChanged();
    }
    return removed;
  }

  /** One read of a source, applied to nothing. */
  async test(target: { id: string } | { source: FleetSourceInput }): Promise<FleetSourceTest | null> {
    const spec = 'id' in target ? this.specs().find((candidate) => candidate.id === target.id) : specFromInput(target.source, 'test', 'settings');
    if (!spec) return null;
    const read = await readFleetSource(spec, this.readOptions());
    return {
      state: read.state,
      message: read.message,
      hosts: read.hosts.length,
      gpus: read.hosts.reduce((sum, host) => sum + host.gpus.length, 0),
      targetsUp: read.targets.filter((entry) => entry.state === 'up').length,
      targets: read.targets.length,
      durationMs: read.durationMs,
      warnings: read.warnings.slice(0, 20),
    };
  }

  refresh(): Promise<FleetSourceStatus[]> {
    this.inFlight ??= this.sweep().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * The latest fleet readings as per-host samples, for the attestation node to sample fleet GPUs
   * the way it samples the local ones. Each entry is one host: `hostId` is the host's asset id and
   * `result` has the GpuSampleResult shape the sampler consumes (electron/core/attestation/node/
   * sampler.ts takeSample: `state` and `samples`), with `source` dcgm-exporter or prometheus. A host
   * whose target failed in the last sweep comes with state `timeout` (or `unparsable`) and no
   * samples; a source that could not be read gives `unparsable` for each host it had. Readings
   * older than `maxAgeMs` (default two refresh periods) are not returned: a stale sweep is no proof.
   */
  latestSamples(maxAgeMs = this.options.config.refreshSeconds * 2000, now = Date.now()): FleetHostSamples[] {
    if (!this.lastReads || now - this.lastReads.at.getTime() > maxAgeMs) return [];
    return fleetSamplesOf(this.deps.db, this.lastReads.reads, this.lastReads.at);
  }

  private async sweep(): Promise<FleetSourceStatus[]> {
    const specs = this.specs();
    const options = this.readOptions();
    const reads = await Promise.all(specs.map(async (spec) => ({ spec, read: await readFleetSource(spec, options) })));
    flagFleetDuplicates(reads.map((entry) => entry.read));
    const at = new Date();
    const touched: string[] = [];
    for (const { spec, read } of reads) {
      touched.push(...applyFleetRead(this.deps, spec, read, at, { missingAfterSweeps: this.options.missingAfterSweeps, xid: this.xid }));
      this.remember(spec, read, at);
    }
    this.deps.db.transaction(() => {
      // Hosts of a source that was removed: nobody reports them any more, so they are missed like vanished ones.
      const live = new Set(specs.map((spec) => spec.id));
      const orphans = (this.deps.db.prepare('SELECT host_id, source_id FROM fleet_hosts').all() as { host_id: string; source_id: string }[]).filter((row) => !live.has(row.source_id));
      for (const orphan of orphans) touched.push(...missHost(this.deps, orphan.host_id, at, this.options.missingAfterSweeps));
      pruneAssetSamples(this.deps.db, at, this.options.sampleRetentionMs);
    })();
    this.lastReads = { at, reads };
    if (touched.length > 0) this.deps.onChange([...new Set(touched)]);
    this.deps.onSourcesChanged();
    return specs.map((spec) => this.statusOf(spec));
  }

  private remember(spec: FleetSourceSpec, read: FleetSourceRead, at: Date): void {
    const previous = this.memory.get(spec.id);
    const failedRead = read.state !== 'ok';
    const targetErrors = previous?.targetErrors ?? new Map<string, { errors: number; consecutive: number }>();
    const targets: FleetTargetStatus[] = read.targets.map((target) => {
      const counts = targetErrors.get(target.target) ?? { errors: 0, consecutive: 0 };
      if (target.state === 'up') counts.consecutive = 0;
      else {
        counts.errors++;
        counts.consecutive++;
      }
      targetErrors.set(target.target, counts);
      return { ...target, errors: counts.errors, consecutiveFailures: counts.consecutive };
    });
    if (previous?.status.state !== read.state) this.deps.logger.info({ source: spec.id, state: read.state, message: read.message }, 'fleet source state');
    this.memory.set(spec.id, {
      targetErrors,
      status: {
        ...this.statusOf(spec),
        state: read.state,
        message: read.message,
        lastReadAt: at.toISOString(),
        durationMs: read.durationMs,
        bytes: read.bytes,
        hosts: read.hosts.length,
        gpus: read.hosts.reduce((sum, host) => sum + host.gpus.length, 0),
        errors: (previous?.status.errors ?? 0) + (failedRead ? 1 : 0),
        consecutiveFailures: failedRead ? (previous?.status.consecutiveFailures ?? 0) + 1 : 0,
        targets,
        warnings: read.warnings.slice(0, 50),
      },
    });
  }
}

export class FleetSourceConflict extends Error {
  override name = 'FleetSourceConflict';
}
