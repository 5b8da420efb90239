import { toInventoryGpuJson, type InventoryGpuJson } from '../gpu/cli-json';
import { fleetHostId } from './apply-fleet-read';
import type { FleetSourceRead, FleetSourceSpec, SourceState, TargetState } from './sources/fleet-source';

/** `sietch inventory fleet --json`: exactly this object. Each GPU has the shape of `inventory gpus --json`, plus its host. */
export interface InventoryFleetJson {
  sources: { name: string; source: 'prometheus' | 'dcgm-exporter'; endpoint: string; state: SourceState; message: string | null; durationMs: number }[];
  gpus: (InventoryGpuJson & { host: string; hostId: string; site: string | null; lastXid: number | null; energyMj: number | null })[];
  targets: { source: string; target: string; state: TargetState; message: string | null; hosts: string[] }[];
  warnings: string[];
}

export function toInventoryFleetJson(reads: { spec: FleetSourceSpec; read: FleetSourceRead; endpoint: string }[]): InventoryFleetJson {
  return {
    sources: reads.map(({ spec, read, endpoint }) => ({ name: spec.name, source: spec.kind === 'prometheus' ? 'prometheus' : 'dcgm-exporter', endpoint, state: read.state, message: read.message, durationMs: read.durationMs })),
    gpus: reads.flatMap(({ spec, read }) =>
      read.hosts.flatMap((host) => host.gpus.map((gpu, position) => ({ ...toInventoryGpuJson(gpu), host: host.hostname, hostId: fleetHostId(host.hostname), site: spec.site ?? null, lastXid: host.extras[position]?.lastXid ?? null, energyMj: host.extras[position]?.energyMj ?? null }))),
    ),
    targets: reads.flatMap(({ spec, read }) => read.targets.map((target) => ({ source: spec.name, target: target.target, state: target.state, message: target.message, hosts: target.hostnames }))),
    warnings: reads.flatMap(({ spec, read }) => [...(read.message && read.state !== 'ok' ? [`${spec.name}: ${read.message}`] : []), ...read.warnings.map((warning) => `${spec.name}: ${warning}`)]),
  };
}

/** 0 when every source and target was read; 4 (a network peer) when any could not be, the JSON still holding what was read. */
export function inventoryFleetExitCode(reads: { read: FleetSourceRead }[]): 0 | 4 {
  return reads.every(({ read }) => read.state === 'ok') ? 0 : 4;
}
