import type { Db } from '../../db/open';
import { HEALTH_FLAG_BITS, type HealthFlag } from '../report/health-flags';
import { ZERO_BYTES32 } from '../report/hex';
import { identityHashOf } from '../report/leaf-encoding';
import { MAX_BPS, type AssetLeafInput } from '../report/leaf-format';

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
}

interface AssetRow {
  id: string;
  kind: 'host' | 'gpu' | 'robot';
  identity: string;
}

const bit = (flag: HealthFlag): number => (1 << HEALTH_FLAG_BITS[flag]) >>> 0;
const bps = (part: number, whole: number): number => (whole <= 0 ? 0 : Math.min(MAX_BPS, Math.floor((part * MAX_BPS) / whole)));

/** Nearest-rank percentile of integer values (p in 0..100). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * One leaf input per financed asset for an epoch, from the ticks and samples in SQLite.
 * - observedBps: the share of the epoch covered by sampler ticks (the node was running).
 * - uptimeBps: the share of the epoch covered by healthy samples of the asset; node downtime
 *   therefore lowers it too — observedBps tells the lender which part was the node's.
 * - A tick whose GPU read failed (timeout, driver gone) carries no samples: within the grace
 *   after the asset's last healthy sample it still counts as up (flag nvidia-smi-timeout or
 *   -unavailable), past it as down (flag health-unknown).
 * - missing: a tick that read the GPUs but not this one.
 * - identityOk: no identity change or mismatch was journaled for the asset in the epoch.
 * Revenue is 0 until the ledger attributes it (a later issue).
 */
export function aggregateEpoch(db: Db, window: EpochWindow, options: AggregateOptions): { observedBps: number; leaves: AssetLeafInput[] } {
  const epochMs = window.end - window.start;
  const ticks = db.prepare('SELECT at, interval_ms, gpu_state FROM sampler_ticks WHERE at >= ? AND at < ? ORDER BY at').all(window.start, window.end) as Tick[];
  const covered = (tick: Tick): number => Math.min(tick.interval_ms, window.end - tick.at);
  const observedBps = bps(ticks.reduce((sum, tick) => sum + covered(tick), 0), epochMs);
  const tickIndex = new Map(ticks.map((tick, index) => [tick.at, index]));

  const assets = db.prepare("SELECT id, kind, identity, identity_hash, first_seen FROM assets WHERE kind = 'gpu' AND status != 'retired' AND first_seen < ? ORDER BY id").raw().all(new Date(window.end).toISOString()) as [string, AssetRow['kind'], string, string | null, string][];
  const identityEvents = new Set(
    (db.prepare("SELECT DISTINCT entity FROM journal WHERE kind IN ('asset.identity-changed', 'asset.identity-mismatch') AND at >= ? AND at < ?").all(new Date(window.start).toISOString(), new Date(window.end).toISOString()) as { entity: string }[]).map((row) => row.entity),
  );
  const cacheIdentityHash = db.prepare('UPDATE assets SET identity_hash = ? WHERE id = ?');

  // One pass over the epoch's samples in key order (time, then asset) into flat per-asset × per-tick
  // slots: no sort, no per-asset query, no object per sample.
  const assetIndex = new Map<string, number>();
  assets.forEach(([id], index) => assetIndex.set(id, index));
  // 11 bytes a slot: an hour of 60 s samples for 100,000 assets is 66 MB, freed after the close.
  const slots = assets.length * ticks.length;
  const seen = new Uint8Array(slots); // 0 absent, 1 present, 2 present and healthy
  const flagsAt = new Uint32Array(slots);
  const utilizationAt = new Int16Array(slots).fill(-1);
  const powerAt = new Int32Array(slots).fill(-1); // mW: up to 2 GW
  const lastHealthyBefore = new Float64Array(assets.length).fill(-1);
  const samples = db.prepare('SELECT at, asset_id, healthy, health_flags, utilization_bps, power_mw FROM samples WHERE at >= ? AND at < ?').raw().iterate(window.start - options.unknownGraceMs, window.end) as IterableIterator<[number, string, number, number, number | null, number | null]>;
  for (const [at, assetId, healthy, healthFlags, utilization, power] of samples) {
    const a = assetIndex.get(assetId);
    if (a === undefined) continue; // retired, or not a counted kind
    if (at < window.start) {
      if (healthy && at > lastHealthyBefore[a]!) lastHealthyBefore[a] = at;
      continue;
    }
    const t = tickIndex.get(at);
    if (t === undefined) continue;
    const slot = a * ticks.length + t;
    seen[slot] = healthy ? 2 : 1;
    flagsAt[slot] = healthFlags;
    if (utilization !== null) utilizationAt[slot] = utilization;
    if (power !== null) powerAt[slot] = power;
  }
  const hashesToCache: [string, string][] = [];

  const leaves: AssetLeafInput[] = new Array(assets.length);
  for (let a = 0; a < assets.length; a += 1) {
    const [id, kind, identity, cachedHash, firstSeen] = assets[a]!;
    // Before its first sighting an asset was not expected: those ticks flag nothing (its uptime
    // still counts from the epoch start). The sampler stores samples of registered GPUs only.
    const expectedFrom = Date.parse(firstSeen);
    let lastHealthyAt: number | null = lastHealthyBefore[a]! < 0 ? null : lastHealthyBefore[a]!;
    let upMs = 0;
    let flags = 0;
    let energyMilliWattMs = 0;
    const utilization: number[] = [];
    for (let t = 0; t < ticks.length; t += 1) {
      const tick = ticks[t]!;
      const slot = a * ticks.length + t;
      if (seen[slot]) {
        flags = (flags | flagsAt[slot]!) >>> 0;
        if (seen[slot] === 2) {
          upMs += covered(tick);
          lastHealthyAt = tick.at;
        }
        if (utilizationAt[slot]! >= 0) utilization.push(utilizationAt[slot]!);
        if (powerAt[slot]! >= 0) energyMilliWattMs += powerAt[slot]! * covered(tick);
      } else if (tick.at < expectedFrom) {
        continue;
      } else if (tick.gpu_state === 'ok' || tick.gpu_state === 'no-devices') {
        flags = (flags | bit('missing')) >>> 0;
      } else {
        flags = (flags | bit(tick.gpu_state === 'timeout' ? 'nvidia-smi-timeout' : 'nvidia-smi-unavailable')) >>> 0;
        if (lastHealthyAt !== null && tick.at - lastHealthyAt <= options.unknownGraceMs) upMs += covered(tick);
        else flags = (flags | bit('health-unknown')) >>> 0;
      }
    }
    const identityOk = !identityEvents.has(id);
    if (!identityOk) flags = (flags | bit('identity-mismatch')) >>> 0;
    let identityHash = cachedHash;
    if (identityHash === null) {
      identityHash = identityHashOf(JSON.parse(identity) as Record<string, unknown>);
      hashesToCache.push([identityHash, id]);
    }
    utilization.sort((x, y) => x - y);
    let utilizationSum = 0;
    for (const value of utilization) utilizationSum += value;
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

