import type { Db } from '../../db/open';
import { HEALTH_FLAG_BITS, type HealthFlag } from '../report/health-flags';
import { ZERO_BYTES32 } from '../report/hex';
import { identityHashOf } from '../report/leaf-encoding';
import { MAX_BPS, type AssetLeafInput } from '../report/leaf-format';
import { registerSnapshotOf, type RegisteredAsset } from './register-snapshot';
import { FLEET_STATE_PREFIX, ROBOT_SOURCE } from './sampler';
import { NO_POWER, NO_UTILIZATION, readTickSamples } from './tick-samples-store';

export interface EpochWindow {
  seq: bigint;
  start: number;
  end: number;
}

export interface AggregateOptions {
  /** How long a GPU whose health is unknown (a hung nvidia-smi) still counts as up after its last healthy sample. */
  unknownGraceMs: number;
}

interface Tick {
  at: number;
  interval_ms: number;
  gpu_state: string;
  /** JSON {source: state} of the sources whose read failed; null on ticks of earlier versions. */
  failed_sources: string | null;
}


/** Financed assets that get a leaf (hosts are carriers, not collateral). */
const COUNTED_KINDS = new Set<RegisteredAsset['kind']>(['gpu', 'robot']);
const bit = (flag: HealthFlag): number => (1 << HEALTH_FLAG_BITS[flag]) >>> 0;
const bps = (part: number, whole: number): number => (whole <= 0 ? 0 : Math.min(MAX_BPS, Math.floor((part * MAX_BPS) / whole)));

/** Nearest-rank percentile of integer values (p in 0..100). */
function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * One leaf input per financed asset for an epoch, from the ticks and samples in SQLite.
 * - observedBps: the share of the epoch covered by sampler ticks (the node was running).
 * - uptimeBps: the share of the epoch covered by healthy samples of the asset; node downtime
 *   therefore lowers it too — observedBps tells the lender which part was the node's.
 * - A tick whose read of the asset's source failed (nvidia-smi timeout or driver gone, a fleet
 *   host's scrape failing, the robots' broker away) carries no samples of it: within the grace
 *   after the asset's last healthy sample it still counts as up (local GPUs: flag
 *   nvidia-smi-timeout or -unavailable; fleet GPUs: source-unavailable), past it as down (flag
 *   health-unknown).
 * - missing: a tick whose source answered without this asset.
 * - GPUs (local and fleet) and robots get leaves; hosts do not.
 * - identityOk: no identity change or mismatch was journaled for the asset in the epoch.
 * Revenue is 0 until the ledger attributes it (a later issue).
 */
export function aggregateEpoch(db: Db, window: EpochWindow, options: AggregateOptions): { observedBps: number; leaves: AssetLeafInput[] } {
  const epochMs = window.end - window.start;
  const ticks = db.prepare('SELECT at, interval_ms, gpu_state, failed_sources FROM sampler_ticks WHERE at >= ? AND at < ? ORDER BY at').all(window.start, window.end) as Tick[];
  // Per tick: the state of the source an absent asset was expected from, or undefined when that source answered.
  const failedSources = ticks.map((tick): Record<string, string> | null => (tick.failed_sources === null ? null : (JSON.parse(tick.failed_sources) as Record<string, string>)));
  const failedStateOf = (t: number, asset: RegisteredAsset): string | undefined => {
    const failed = failedSources[t];
    if (failed) return failed[asset.kind === 'robot' ? ROBOT_SOURCE : (asset.hostId ?? '')];
    const legacy = ticks[t]!.gpu_state; // a tick of an earlier version: its one GPU state applies to every GPU
    return asset.kind === 'gpu' && legacy !== 'ok' && legacy !== 'no-devices' ? legacy : undefined;
  };
  const covered = (tick: Tick): number => Math.min(tick.interval_ms, window.end - tick.at);
  const observedBps = bps(ticks.reduce((sum, tick) => sum + covered(tick), 0), epochMs);
  const tickIndex = new Map(ticks.map((tick, index) => [tick.at, index]));

  // The register from the node's in-memory view (reloaded only where it changed), in id order.
  const assets: RegisteredAsset[] = [];
  for (const asset of registerSnapshotOf(db).current().values()) if (COUNTED_KINDS.has(asset.kind) && !asset.retired && asset.firstSeen < window.end) assets.push(asset);
  const identityEvents = new Set(
    (db.prepare("SELECT DISTINCT entity FROM journal WHERE kind IN ('asset.identity-changed', 'asset.identity-mismatch') AND at >= ? AND at < ?").all(new Date(window.start).toISOString(), new Date(window.end).toISOString()) as { entity: string }[]).map((row) => row.entity),
  );
  const readIdentity = db.prepare('SELECT identity FROM assets WHERE id = ?').pluck();
  const cacheIdentityHash = db.prepare('UPDATE assets SET identity_hash = ? WHERE id = ?');

  // The epoch's ticks (and those of the grace before it) decoded into flat per-asset × per-tick
  // slots: no per-sample row, string or object.
  let maxNo = 0;
  for (const { no } of assets) if (no > maxNo) maxNo = no;
  const positionOf = new Int32Array(maxNo + 1).fill(-1);
  assets.forEach(({ no }, index) => (positionOf[no] = index));
  // 11 bytes a slot: an hour of 60 s samples for 100,000 assets is 66 MB, freed after the close.
  const slots = assets.length * ticks.length;
  const seen = new Uint8Array(slots); // 0 absent, 1 present, 2 present and healthy
  const flagsAt = new Uint32Array(slots);
  const utilizationAt = new Int16Array(slots).fill(-1);
  const powerAt = new Int32Array(slots).fill(-1); // mW: up to 2 GW
  const lastHealthyBefore = new Float64Array(assets.length).fill(-1);
  for (const { at, samples } of readTickSamples(db, window.start - options.unknownGraceMs, window.end)) {
    const t = at < window.start ? -1 : tickIndex.get(at);
    if (t === undefined) continue;
    for (let i = 0; i < samples.count; i += 1) {
      const no = samples.assetNo[i]!;
      const a = no <= maxNo ? positionOf[no]! : -1;
      if (a < 0) continue; // retired, or not a counted kind
      if (t < 0) {
        if (samples.healthy[i] && at > lastHealthyBefore[a]!) lastHealthyBefore[a] = at;
        continue;
      }
      const slot = a * ticks.length + t;
      seen[slot] = samples.healthy[i] ? 2 : 1;
      flagsAt[slot] = samples.flags[i]!;
      if (samples.utilization[i] !== NO_UTILIZATION) utilizationAt[slot] = samples.utilization[i]!;
      if (samples.power[i] !== NO_POWER) powerAt[slot] = Math.min(samples.power[i]!, 0x7fffffff);
    }
  }
  const hashesToCache: [string, string][] = [];

  const leaves: AssetLeafInput[] = new Array(assets.length);
  const scratch = new Uint16Array(ticks.length); // one asset's utilization readings, reused
  for (let a = 0; a < assets.length; a += 1) {
    const { id, kind, identityHash: cachedHash, firstSeen } = assets[a]!;
    // Before its first sighting an asset was not expected: those ticks flag nothing (its uptime
    // still counts from the epoch start). The sampler stores samples of registered GPUs only.
    const expectedFrom = firstSeen;
    let lastHealthyAt: number | null = lastHealthyBefore[a]! < 0 ? null : lastHealthyBefore[a]!;
    let upMs = 0;
    let flags = 0;
    let energyMilliWattMs = 0;
    let readings = 0;
    for (let t = 0; t < ticks.length; t += 1) {
      const tick = ticks[t]!;
      const slot = a * ticks.length + t;
      if (seen[slot]) {
        flags = (flags | flagsAt[slot]!) >>> 0;
        if (seen[slot] === 2) {
          upMs += covered(tick);
          lastHealthyAt = tick.at;
        }
        if (utilizationAt[slot]! >= 0) scratch[readings++] = utilizationAt[slot]!;
        if (powerAt[slot]! >= 0) energyMilliWattMs += powerAt[slot]! * covered(tick);
      } else if (tick.at < expectedFrom) {
        continue;
      } else {
        const failedState = failedStateOf(t, assets[a]!);
        if (failedState === undefined) {
          flags = (flags | bit('missing')) >>> 0;
          continue;
        }
        if (failedState.startsWith(FLEET_STATE_PREFIX)) flags = (flags | bit('source-unavailable')) >>> 0;
        else if (kind === 'gpu') flags = (flags | bit(failedState === 'timeout' ? 'nvidia-smi-timeout' : 'nvidia-smi-unavailable')) >>> 0;
        if (lastHealthyAt !== null && tick.at - lastHealthyAt <= options.unknownGraceMs) upMs += covered(tick);
        else flags = (flags | bit('health-unknown')) >>> 0;
      }
    }
    const identityOk = !identityEvents.has(id);
    if (!identityOk) flags = (flags | bit('identity-mismatch')) >>> 0;
    let identityHash = cachedHash;
    if (identityHash === null) {
      identityHash = identityHashOf(JSON.parse(readIdentity.get(id) as string) as Record<string, unknown>);
      hashesToCache.push([identityHash, id]);
    }
    const utilization = scratch.subarray(0, readings).sort(); // a typed array sorts numerically
    let utilizationSum = 0;
    for (let i = 0; i < readings; i += 1) utilizationSum += utilization[i]!;
    leaves[a] = {
      assetId: id,
      kind,
      epoch: window.seq,
      observedBps,
      uptimeBps: bps(upMs, epochMs),
      meanUtilBps: utilization.length === 0 ? 0 : Math.round(utilizationSum / utilization.length),
      p95UtilBps: percentile(utilization, 95),
      // mW·ms → Wh: / 1000 (W) / 3,600,000 (ms per hour), floored. A double holds mW·ms exactly
      // up to 2^53 (~2.5 MWh per asset per epoch), far above any GPU or robot.
      energyWh: BigInt(Math.floor(energyMilliWattMs / 3_600_000_000)),
      healthFlags: flags,
      identityOk,
      identityHash,
      revenue: 0n,
      hwAttested: false,
      evidenceHash: ZERO_BYTES32,
    };
  }
  for (const [hash, id] of hashesToCache) cacheIdentityHash.run(hash, id);
  return { observedBps, leaves };
}

