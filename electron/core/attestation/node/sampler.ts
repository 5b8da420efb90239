import type { Db } from '../../db/open';
import { assignGpuAssetIds } from '../../inventory/gpu-register/gpu-asset-ids';
import type { GpuSample, GpuSampleResult } from '../../inventory/gpu/types';
import { MAX_BPS } from '../report/leaf-format';
import { registerSnapshotOf, type RegisterSnapshot } from './register-snapshot';
import { allocateTickColumns, NO_POWER, NO_UTILIZATION, writeTickSamples } from './tick-samples-store';

/** Into 0..max: a reading outside its range must not wrap around in the fixed-width record. */
const clamp = (value: number, max: number): number => Math.min(max, Math.max(0, value));

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
 * Takes the node's samples. One tick reads the GPUs once and stores, in one transaction, the
 * tick (proof that the node was sampling, and what the source said) and one sample per GPU it
 * saw. Health comes from the register (the inventory sweep owns it); a GPU absent from the
 * reading gets no sample, which is what "not present" means to the epoch.
 */
export class Sampler {
  private readonly register: RegisterSnapshot;
  private readonly ids = new GpuIdMemo();

  constructor(private readonly deps: SamplerDeps) {
    this.register = registerSnapshotOf(deps.db);
  }

  async take(intervalMs: number, at: number = Date.now()): Promise<TickResult> {
    const [hostId, reading] = await Promise.all([this.deps.hostId(), this.deps.sample()]);
    const gpus = reading.state === 'ok' ? reading.samples : [];
    const ids = this.ids.idsFor(hostId, gpus);
    const { db } = this.deps;
    let stored = 0;
    db.transaction(() => {
      const registered = this.register.current();
      const columns = allocateTickColumns(gpus.length);
      for (let position = 0; position < gpus.length; position += 1) {
        const asset = registered.get(ids[position]!);
        // Not registered yet (the next inventory sweep adds it), retired, or another host's.
        if (!asset || asset.retired || asset.kind !== 'gpu' || asset.hostId !== hostId) continue;
        const sample = gpus[position]!;
        columns.assetNo[stored] = asset.no;
        columns.healthy[stored] = asset.healthy;
        columns.flags[stored] = asset.flags;
        columns.utilization[stored] = sample.utilizationGpuPct === null ? NO_UTILIZATION : clamp(Math.round(sample.utilizationGpuPct * 100), MAX_BPS);
        columns.power[stored] = sample.powerDrawW === null ? NO_POWER : clamp(Math.round(sample.powerDrawW * 1000), NO_POWER - 1);
        stored += 1;
      }
      columns.count = stored;
      db.prepare('INSERT OR IGNORE INTO sampler_ticks (at, interval_ms, gpu_state) VALUES (?, ?, ?)').run(at, intervalMs, reading.state);
      writeTickSamples(db, at, columns);
    })();
    return { at, gpuState: reading.state, samples: stored };
  }
}
