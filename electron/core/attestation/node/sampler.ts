import type { Db } from '../../db/open';
import { assignGpuAssetIds } from '../../inventory/gpu-register/gpu-asset-ids';
import type { GpuSampleResult } from '../../inventory/gpu/types';
import { encodeHealthFlags, type HealthFlag, HEALTH_FLAG_BITS } from '../report/health-flags';

export interface SamplerDeps {
  db: Db;
  /** The host asset id the local GPUs sit in. */
  hostId: () => Promise<string>;
  /** One reading of the local GPUs (the CSV fast path, falling back to the XML). */
  sample: () => Promise<GpuSampleResult>;
}

export interface TickResult {
  at: number;
  gpuState: GpuSampleResult['state'];
  samples: number;
}

interface RegisteredGpu {
  id: string;
  status: string;
  health_status: string;
  health_reasons: string;
}

/** Health reasons (the register's JSON text) → flag bits; almost every GPU shares a handful of texts, so each is decoded once. */
function flagsCache(): (reasonsJson: string) => number {
  const cache = new Map<string, number>();
  return (reasonsJson) => {
    let flags = cache.get(reasonsJson);
    if (flags === undefined) {
      const reasons = JSON.parse(reasonsJson) as string[];
      flags = encodeHealthFlags(reasons.filter((reason): reason is HealthFlag => reason in HEALTH_FLAG_BITS));
      cache.set(reasonsJson, flags);
    }
    return flags;
  };
}

/**
 * One sampler tick: reads the GPUs once and stores, in one transaction, the tick (proof that
 * the node was sampling, and what the source said) and one sample per GPU it saw. Health comes
 * from the register (the inventory sweep owns it); a GPU absent from the reading gets no sample,
 * which is what "not present" means to the epoch.
 */
export async function takeSample(deps: SamplerDeps, intervalMs: number, at: number = Date.now()): Promise<TickResult> {
  const [hostId, reading] = await Promise.all([deps.hostId(), deps.sample()]);
  const ids = reading.state === 'ok' ? assignGpuAssetIds(hostId, reading.samples.map((sample) => ({ uuid: sample.uuid, pciBusId: sample.pciBusId ?? `index-${sample.index}` }))) : [];
  const { db } = deps;
  const registered = new Map<string, RegisteredGpu>();
  for (const [id, status, health_status, health_reasons] of db.prepare("SELECT id, status, health_status, health_reasons FROM assets WHERE kind = 'gpu' AND host_id = ?").raw().iterate(hostId) as IterableIterator<[string, string, string, string]>) {
    registered.set(id, { id, status, health_status, health_reasons });
  }
  const flagsOf = flagsCache();
  const insertSample = db.prepare('INSERT OR IGNORE INTO samples (asset_id, at, healthy, health_flags, utilization_bps, power_mw) VALUES (?, ?, ?, ?, ?, ?)');
  let stored = 0;
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO sampler_ticks (at, interval_ms, gpu_state) VALUES (?, ?, ?)').run(at, intervalMs, reading.state);
    reading.samples.forEach((sample, position) => {
      const asset = registered.get(ids[position] ?? '');
      if (!asset || asset.status === 'retired') return; // not registered yet: the next inventory sweep adds it
      const healthy = asset.health_status === 'ok' || asset.health_status === 'degraded' ? 1 : 0;
      const utilization = sample.utilizationGpuPct === null ? null : Math.round(sample.utilizationGpuPct * 100);
      const power = sample.powerDrawW === null ? null : Math.round(sample.powerDrawW * 1000);
      insertSample.run(asset.id, at, healthy, flagsOf(asset.health_reasons), utilization, power);
      stored += 1;
    });
  })();
  return { at, gpuState: reading.state, samples: stored };
}
