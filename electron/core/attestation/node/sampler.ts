import type { Db } from '../../db/open';
import { assignGpuAssetIds } from '../../inventory/gpu-register/gpu-asset-ids';
import type { GpuSample, GpuSampleResult } from '../../inventory/gpu/types';
import { MAX_BPS } from '../report/leaf-format';
import { encodeHealthFlags, type HealthFlag, HEALTH_FLAG_BITS } from '../report/health-flags';
import { registerSnapshotOf, type RegisteredAsset, type RegisterSnapshot } from './register-snapshot';
import type { EvidenceTarget } from '../../inventory/gpu/evidence/evidence-source';
import { allocateTickColumns, NO_POWER, NO_UTILIZATION, writeTickSamples } from './tick-samples-store';

/** Into 0..max: a reading outside its range must not wrap around in the fixed-width record. */
const clamp = (value: number, max: number): number => Math.min(max, Math.max(0, value));

/** The key of the robot source in a tick's failed sources (GPU sources are keyed by host id). */
export const ROBOT_SOURCE = 'robots';
/** A failed fleet host's state in a tick's failed sources starts with this (e.g. `fleet:timeout`). */
export const FLEET_STATE_PREFIX = 'fleet:';

/** One host's GPUs as a fleet source (dcgm-exporter, Prometheus) last read them. */
export interface FleetHostReading {
  hostId: string;
  result: Pick<GpuSampleResult, 'state' | 'samples'>;
}

/** The robots as the robot source knows them, from memory. */
export interface RobotReadings {
  /** False while the broker is unreachable: absent robots are then unknown, not missing. */
  connected: boolean;
  robots: readonly { assetId: string; present: boolean; healthy: boolean; flags: readonly string[] }[];
}

export interface SamplerDeps {
  db: Db;
  /** The host asset id the local GPUs sit in. */
  hostId: () => Promise<string>;
  /** One reading of the local GPUs (the CSV fast path, falling back to the XML). */
  sample: () => Promise<GpuSampleResult>;
  /** The other hosts' GPUs from the fleet sources' latest sweep (none configured: empty). */
  fleet?: () => readonly FleetHostReading[];
  /** The robots (no robot source running: null). */
  robots?: () => RobotReadings | null;
}

/** A GPU read that failed (as opposed to one that answered, with or without GPUs). */
const readFailed = (state: GpuSampleResult['state']): boolean => state !== 'ok' && state !== 'no-devices';

export interface TickResult {
  at: number;
  gpuState: GpuSampleResult['state'];
  samples: number;
}

/**
 * The asset ids of the last reading, reused while the GPUs read are the same ones in the same
 * order (every tick but the rare one after a change): comparing two lists of UUIDs is a fraction
 * of the cost of building 100,000 id strings again. A GPU without a UUID (masked) is keyed by
 * its slot, so such a reading is always mapped afresh.
 */
class GpuIdMemo {
  private hostId = '';
  private keys: (string | null)[] = [];
  private ids: string[] = [];

  idsFor(hostId: string, gpus: readonly GpuSample[]): string[] {
    let same = hostId === this.hostId && gpus.length === this.keys.length;
    for (let i = 0; same && i < gpus.length; i += 1) same = gpus[i]!.uuid === this.keys[i] && gpus[i]!.uuid !== null;
    if (!same) {
      this.hostId = hostId;
      this.keys = gpus.map((gpu) => gpu.uuid);
      this.ids = assignGpuAssetIds(hostId, gpus.map((gpu) => ({ uuid: gpu.uuid, pciBusId: gpu.pciBusId ?? `index-${gpu.index}` })));
    }
    return this.ids;
  }
}

/**
 * Takes the node's samples. One tick reads the local GPUs once, takes the fleet sources' and the
 * robot source's latest readings from memory, and stores, in one transaction, the tick (proof
 * that the node was sampling, and which sources failed) and one sample per asset seen. GPU
 * health comes from the register (the inventory sweeps own it), a robot's from its own state.
 * An asset absent from a reading gets no sample, which is what "not present" means to the epoch.
 */
export class Sampler {
  private readonly register: RegisterSnapshot;
  private readonly idsByHost = new Map<string, GpuIdMemo>();
  private local: EvidenceTarget[] = [];

  constructor(private readonly deps: SamplerDeps) {
    this.register = registerSnapshotOf(deps.db);
  }

  async take(intervalMs: number, at: number = Date.now()): Promise<TickResult> {
    const [hostId, reading] = await Promise.all([this.deps.hostId(), this.deps.sample()]);
    const hosts: FleetHostReading[] = [{ hostId, result: reading }, ...(this.deps.fleet?.() ?? [])];
    const robots = this.deps.robots?.() ?? null;
    const failed: Record<string, string> = {};
    // Fleet states are prefixed: their GPUs get the source flag, the local ones nvidia-smi's.
    hosts.forEach((host, index) => {
      if (readFailed(host.result.state)) failed[host.hostId] = index === 0 ? host.result.state : `${FLEET_STATE_PREFIX}${host.result.state}`;
    });
    if (robots && !robots.connected) failed[ROBOT_SOURCE] = 'unavailable';
    const { db } = this.deps;
    let stored = 0;
    db.transaction(() => {
      const registered = this.register.current();
      let capacity = robots?.robots.length ?? 0;
      for (const host of hosts) capacity += host.result.state === 'ok' ? host.result.samples.length : 0;
      const columns = allocateTickColumns(capacity);
      const record = (asset: RegisteredAsset, healthy: 0 | 1, flags: number, utilization: number, power: number): void => {
        columns.assetNo[stored] = asset.no;
        columns.healthy[stored] = healthy;
        columns.flags[stored] = flags;
        columns.utilization[stored] = utilization;
        columns.power[stored] = power;
        stored += 1;
      };
      const local: EvidenceTarget[] = [];
      for (const host of hosts) {
        if (host.result.state !== 'ok') continue;
        const gpus = host.result.samples;
        const ids = this.idsOf(host.hostId).idsFor(host.hostId, gpus);
        for (let position = 0; position < gpus.length; position += 1) {
          const asset = registered.get(ids[position]!);
          // Not registered yet (the next inventory sweep adds it), retired, or another host's.
          if (!asset || asset.retired || asset.kind !== 'gpu' || asset.hostId !== host.hostId) continue;
          const sample = gpus[position]!;
          if (host === hosts[0]) local.push({ assetId: ids[position]!, uuid: sample.uuid, index: sample.index });
          const utilization = sample.utilizationGpuPct === null ? NO_UTILIZATION : clamp(Math.round(sample.utilizationGpuPct * 100), MAX_BPS);
          const power = sample.powerDrawW === null ? NO_POWER : clamp(Math.round(sample.powerDrawW * 1000), NO_POWER - 1);
          record(asset, asset.healthy, asset.flags, utilization, power);
        }
      }
      if (robots?.connected) {
        for (const robot of robots.robots) {
          const asset = registered.get(robot.assetId);
          if (!robot.present || !asset || asset.retired || asset.kind !== 'robot') continue; // absent: missing
          record(asset, robot.healthy ? 1 : 0, encodeHealthFlags(robot.flags.filter((flag): flag is HealthFlag => flag in HEALTH_FLAG_BITS && flag !== 'missing')), NO_UTILIZATION, NO_POWER);
        }
      }
      if (reading.state === 'ok' || reading.state === 'no-devices') this.local = local;
      columns.count = stored;
      db.prepare('INSERT OR IGNORE INTO sampler_ticks (at, interval_ms, gpu_state, failed_sources) VALUES (?, ?, ?, ?)').run(at, intervalMs, reading.state, JSON.stringify(failed));
      writeTickSamples(db, at, columns);
    })();
    return { at, gpuState: reading.state, samples: stored };
  }

  /** The registered local GPUs of the last successful reading: whom to ask for hardware evidence. */
  localGpus(): readonly EvidenceTarget[] {
    return this.local;
  }

  private idsOf(hostId: string): GpuIdMemo {
    let memo = this.idsByHost.get(hostId);
    if (!memo) this.idsByHost.set(hostId, (memo = new GpuIdMemo()));
    return memo;
  }
}
