import type { Db } from '../../db/open';
import { sampleFromGpu } from '../gpu/query-gpu-csv';
import type { GpuReadState, GpuSample } from '../gpu/types';
import { fleetHostId } from './apply-fleet-read';
import type { FleetSourceRead, FleetSourceSpec, TargetState } from './sources/fleet-source';

/** GpuSampleResult's shape (inventory/gpu/types.ts) for a fleet host: what the node's sampler consumes. */
export interface FleetSampleResult {
  state: GpuReadState;
  message: string | null;
  source: 'dcgm-exporter' | 'prometheus';
  method: 'scrape' | 'query';
  binary: null;
  samples: GpuSample[];
  warnings: string[];
  durationMs: number;
}

export interface FleetHostSamples {
  /** The host's asset id (`host:fleet:<hostname>`), what the sampler's hostId() returns for local GPUs. */
  hostId: string;
  sourceId: string;
  /** When the sweep that read them finished. */
  readAt: string;
  result: FleetSampleResult;
}

const stateOfTarget = (state: TargetState): GpuReadState => (state === 'timeout' ? 'timeout' : 'unparsable');

/** The last sweep's reads → per-host samples; hosts known to a source but absent from its read get a failed state and no samples. */
export function fleetSamplesOf(db: Db, reads: { spec: FleetSourceSpec; read: FleetSourceRead }[], at: Date): FleetHostSamples[] {
  const out: FleetHostSamples[] = [];
  const known = db.prepare('SELECT host_id, target FROM fleet_hosts WHERE source_id = ?');
  for (const { spec, read } of reads) {
    const base: Pick<FleetSampleResult, 'source' | 'method' | 'binary' | 'durationMs'> = {
      source: spec.kind === 'prometheus' ? 'prometheus' : 'dcgm-exporter',
      method: spec.kind === 'prometheus' ? 'query' : 'scrape',
      binary: null,
      durationMs: read.durationMs,
    };
    const seen = new Set<string>();
    for (const host of read.hosts) {
      const hostId = fleetHostId(host.hostname);
      seen.add(hostId);
      out.push({ hostId, sourceId: spec.id, readAt: at.toISOString(), result: { ...base, state: 'ok', message: null, samples: host.gpus.map(sampleFromGpu), warnings: [] } });
    }
    const failedTargets = new Map(read.targets.filter((target) => target.state !== 'up').map((target) => [target.target, target]));
    for (const row of known.all(spec.id) as { host_id: string; target: string | null }[]) {
      if (seen.has(row.host_id)) continue;
      const failed = row.target === null ? undefined : failedTargets.get(row.target);
      const state: GpuReadState = read.unreadable ? 'unparsable' : failed ? stateOfTarget(failed.state) : 'no-devices';
      out.push({ hostId: row.host_id, sourceId: spec.id, readAt: at.toISOString(), result: { ...base, state, message: read.unreadable ? read.message : (failed?.message ?? 'the host was not in the last read'), samples: [], warnings: [] } });
    }
  }
  return out;
}
