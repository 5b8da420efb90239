import type { Db } from '../../db/open';
import { HEALTH_FLAG_BITS, type HealthFlag } from '../report/health-flags';
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

interface SampleRow {
  asset_id: string;
  at: number;
  healthy: number;
  health_flags: number;
  utilization_bps: number | null;
  power_mw: number | null;
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

  const assets = db.prepare("SELECT id, kind, identity FROM assets WHERE kind = 'gpu' AND status != 'retired' AND first_seen < ? ORDER BY id").all(new Date(window.end).toISOString()) as AssetRow[];
  const samplesByAsset = new Map<string, Map<number, SampleRow>>();
  for (const row of db.prepare('SELECT asset_id, at, healthy, health_flags, utilization_bps, power_mw FROM samples WHERE at >= ? AND at < ?').iterate(window.start - options.unknownGraceMs, window.end) as IterableIterator<SampleRow>) {
    let byTick = samplesByAsset.get(row.asset_id);
    if (!byTick) samplesByAsset.set(row.asset_id, (byTick = new Map()));
    byTick.set(row.at, row);
  }
  const identityEvents = new Set(
    (db.prepare("SELECT DISTINCT entity FROM journal WHERE kind IN ('asset.identity-changed', 'asset.identity-mismatch') AND at >= ? AND at < ?").all(new Date(window.start).toISOString(), new Date(window.end).toISOString()) as { entity: string }[]).map((row) => row.entity),
  );

  const leaves = assets.map((asset): AssetLeafInput => {
    const byTick = samplesByAsset.get(asset.id) ?? new Map<number, SampleRow>();
    let lastHealthyAt: number | null = null;
    for (const [at, sample] of byTick) if (at < window.start && sample.healthy && (lastHealthyAt === null || at > lastHealthyAt)) lastHealthyAt = at;
    let upMs = 0;
    let flags = 0;
    let energyMilliWattMs = 0n;
    const utilization: number[] = [];
    for (const tick of ticks) {
      const sample = byTick.get(tick.at);
      if (sample) {
        flags = (flags | sample.health_flags) >>> 0;
        if (sample.healthy) {
          upMs += covered(tick);
          lastHealthyAt = tick.at;
        }
        if (sample.utilization_bps !== null) utilization.push(sample.utilization_bps);
        if (sample.power_mw !== null) energyMilliWattMs += BigInt(sample.power_mw) * BigInt(covered(tick));
      } else if (tick.gpu_state === 'ok' || tick.gpu_state === 'no-devices') {
        flags = (flags | bit('missing')) >>> 0;
      } else {
        flags = (flags | bit(tick.gpu_state === 'timeout' ? 'nvidia-smi-timeout' : 'nvidia-smi-unavailable')) >>> 0;
        if (lastHealthyAt !== null && tick.at - lastHealthyAt <= options.unknownGraceMs) upMs += covered(tick);
        else flags = (flags | bit('health-unknown')) >>> 0;
      }
    }
    const identityOk = !identityEvents.has(asset.id);
    if (!identityOk) flags = (flags | bit('identity-mismatch')) >>> 0;
    utilization.sort((a, b) => a - b);
    return {
      assetId: asset.id,
      kind: asset.kind,
      epoch: window.seq,
      observedBps,
      uptimeBps: bps(upMs, epochMs),
      meanUtilBps: utilization.length === 0 ? 0 : Math.round(utilization.reduce((sum, value) => sum + value, 0) / utilization.length),
      p95UtilBps: percentile(utilization, 95),
      // mW·ms → Wh: / 1000 (W) / 3,600,000 (ms per hour), floored.
      energyWh: energyMilliWattMs / 3_600_000_000n,
      healthFlags: flags,
      identityOk,
      identityHash: identityHashOf(JSON.parse(asset.identity) as Record<string, unknown>),
      revenue: 0n,
      hwAttested: false,
      evidenceHash: `0x${'00'.repeat(32)}`,
    };
  });
  return { observedBps, leaves };
}
