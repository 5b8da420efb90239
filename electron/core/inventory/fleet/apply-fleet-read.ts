import type { AssetRegister } from '../../assets/asset-register';
import type { Db } from '../../db/open';
import type { Journal } from '../../journal/journal';
import { healthOf } from '../gpu/health';
import type { GpuHealthReason } from '../gpu/types';
import { applyHostGpus } from '../gpu-register/apply-gpu-read';
import type { DcgmHostRead } from './dcgm/normalize-dcgm';
import type { XidTracker } from './dcgm/xid';
import type { FleetSourceRead, FleetSourceSpec } from './sources/fleet-source';

export interface ApplyFleetDeps {
  db: Db;
  register: AssetRegister;
  journal: Journal;
}

export interface ApplyFleetOptions {
  missingAfterSweeps: number;
  xid: XidTracker;
}

/**
 * A fleet host's asset id. dcgm-exporter says nothing of a host's SMBIOS UUID or serial, only its
 * name, so fleet hosts are named by it (lower-case, as DNS is): `host:fleet:<hostname>`. A GPU
 * keeps its own id (`gpu:<UUID>`) wherever it sits; see docs/asset-ids.md.
 */
export function fleetHostId(hostname: string): string {
  return `host:fleet:${hostname.toLowerCase()}`;
}

/** Health reasons a fleet source adds to the GPU ones (strings in the register; not GPU conditions, so no report flag). */
export const FLEET_REASONS = {
  /** The target that carried the host did not answer this sweep (the GPUs are counted as missed). */
  targetDown: 'fleet-target-down',
  /** The source itself (Prometheus) could not be read: nothing is known, nothing is counted as missed. */
  sourceDown: 'fleet-source-down',
} as const;

interface KnownHost {
  host_id: string;
  hostname: string;
  target: string | null;
}

function markPresentGpus(db: Db, hostId: string, reason: string): void {
  db.prepare("UPDATE assets SET health_status = 'unknown', health_reasons = ? WHERE kind = 'gpu' AND host_id = ? AND status = 'present'").run(JSON.stringify([reason]), hostId);
}

/** A missed sweep for a host and every GPU it had: after `missingAfterSweeps` in a row they are missing (journaled), never deleted. */
export function missHost(deps: ApplyFleetDeps, hostId: string, at: Date, missingAfterSweeps: number): string[] {
  const touched = applyHostGpus(deps, hostId, { state: 'ok', gpus: [], driverVersion: null }, at, missingAfterSweeps);
  deps.register.recordMisses([hostId], missingAfterSweeps, at);
  return [...touched, hostId];
}

function applyHost(deps: ApplyFleetDeps, source: FleetSourceSpec, host: DcgmHostRead, target: string | null, at: Date, options: ApplyFleetOptions): string[] {
  const hostId = fleetHostId(host.hostname);
  deps.register.recordSighting(
    {
      id: hostId,
      kind: 'host',
      label: host.hostname,
      identity: { idSource: 'hostname', hostname: host.hostname.toLowerCase() },
      attributes: { model: null, health: { status: 'ok', reasons: [] }, reading: { source: source.id, site: source.site ?? null, target, gpus: host.gpus.length, driverVersion: host.driverVersion } },
    },
    at,
  );
  deps.db
    .prepare('INSERT INTO fleet_hosts (host_id, source_id, hostname, target, site, last_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(host_id) DO UPDATE SET source_id = excluded.source_id, hostname = excluded.hostname, target = excluded.target, site = excluded.site, last_seen = excluded.last_seen')
    .run(hostId, source.id, host.hostname, target, source.site ?? null, at.toISOString());
  const gpus = host.gpus.map((gpu, position) => {
    const { reason, since } = options.xid.observe(`${hostId}\u0000${gpu.uuid ?? gpu.index}`, host.extras[position]?.lastXid ?? null, at.getTime());
    const extra = { reason, since };
    return { gpu: reason === null ? gpu : { ...gpu, health: healthOf([...gpu.health.reasons, reason as GpuHealthReason]) }, extra };
  });
  return [
    hostId,
    ...applyHostGpus(
      deps,
      hostId,
      {
        state: 'ok',
        gpus: gpus.map((entry) => entry.gpu),
        driverVersion: host.driverVersion,
        extraReadings: host.extras.map((extras, position) => ({ ...extras, lastXidSince: gpus[position]!.extra.since === null ? null : new Date(gpus[position]!.extra.since!).toISOString(), source: source.id })),
      },
      at,
      options.missingAfterSweeps,
    ),
  ];
}

/**
 * Applies one read of a fleet source to the register in one transaction:
 * - every host it reported is sighted (a host asset, then its GPUs through the same code as the
 *   local reader: discovered, identity changes, slot swaps, misses, health, readings);
 * - a host this source reported before and not now is missed with all its GPUs; when the target
 *   that carried it failed, its GPUs show `fleet-target-down` until they go missing;
 * - a source that could not be read at all (Prometheus down) marks its GPUs' health unknown
 *   (`fleet-source-down`) and counts no miss, as a hung nvidia-smi does.
 * Readings are pruned by the caller, once per sweep. Returns the asset ids touched.
 */
export function applyFleetRead(deps: ApplyFleetDeps, source: FleetSourceSpec, read: FleetSourceRead, at: Date, options: ApplyFleetOptions): string[] {
  return deps.db.transaction(() => {
    const known = deps.db.prepare('SELECT host_id, hostname, target FROM fleet_hosts WHERE source_id = ?').all(source.id) as KnownHost[];
    if (read.unreadable) {
      for (const host of known) markPresentGpus(deps.db, host.host_id, FLEET_REASONS.sourceDown);
      return known.map((host) => host.host_id);
    }
    const touched: string[] = [];
    const targetOf = new Map<string, string>();
    const failedTargets = new Set<string>();
    for (const target of read.targets) {
      if (target.state !== 'up') failedTargets.add(target.target);
      for (const hostname of target.hostnames) targetOf.set(hostname, target.target);
    }
    const seen = new Set<string>();
    for (const host of read.hosts) {
      seen.add(fleetHostId(host.hostname));
      touched.push(...applyHost(deps, source, host, targetOf.get(host.hostname) ?? null, at, options));
    }
    for (const host of known) {
      if (seen.has(host.host_id)) continue;
      // A failed target names no host this sweep: the target remembered from the last sighting does.
      if (host.target !== null && failedTargets.has(host.target)) markPresentGpus(deps.db, host.host_id, FLEET_REASONS.targetDown);
      touched.push(...missHost(deps, host.host_id, at, options.missingAfterSweeps));
    }
    return touched;
  })();
}
