import type { AssetRegister } from '../../assets/asset-register';
import type { Db } from '../../db/open';
import type { Journal } from '../../journal/journal';
import { unreadableHealth } from '../gpu/health';
import type { GpuReadResult, GpuReadState, NvidiaGpuWithHealth } from '../gpu/types';
import { assignGpuAssetIds } from './gpu-asset-ids';

export interface ApplyGpuReadDeps {
  db: Db;
  register: AssetRegister;
  journal: Journal;
}

export interface ApplyGpuReadOptions {
  /** Consecutive sweeps without a GPU before it is declared missing. */
  missingAfterSweeps: number;
  /** How long raw readings are kept for sparklines. */
  sampleRetentionMs: number;
}

/** What applying a read needs from it: the nvidia-smi reader's result, or one host of a fleet source. */
export interface HostGpuRead {
  state: GpuReadState;
  gpus: NvidiaGpuWithHealth[];
  driverVersion: string | null;
  /** Readings a source has beyond the GPU record (fleet: energy, last XID, source), kept on the asset; same positions as gpus. */
  extraReadings?: Record<string, unknown>[];
}

/** The latest reading of a GPU, kept as JSON on its asset row for the table and the drawer. */
function readingOf(gpu: NvidiaGpuWithHealth, driverVersion: string | null, extra: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    ...extra,
    index: gpu.index,
    utilizationGpuPct: gpu.utilizationGpuPct,
    powerDrawW: gpu.powerDrawW,
    temperatureC: gpu.temperatureC,
    memoryTotalMiB: gpu.memoryTotalMiB,
    memoryUsedMiB: gpu.memoryUsedMiB,
    migMode: gpu.migMode.current,
    migDevices: gpu.migDevices.map((mig) => ({ uuid: mig.uuid, profile: mig.profile, memoryTotalMiB: mig.memoryTotalMiB })),
    processes: gpu.processes.length,
    boardPartNumber: gpu.boardPartNumber,
    vbios: gpu.vbios,
    driverVersion,
  };
}

interface SlotRow {
  id: string;
  serial: string | null;
  uuid: string | null;
  pci_bus_id: string | null;
}

/**
 * Applies one nvidia-smi read of this host to the register, in one transaction: sightings
 * (discovered, identity changes, returns), a changed GPU in a known PCI slot, misses (and
 * missing GPUs), health, and samples. A read that could not see the GPUs (timeout, driver not
 * loaded …) marks their health unknown with the cause but never counts as a miss: a hung
 * nvidia-smi says nothing about whether a GPU is in the rack. Returns the ids it touched.
 */
export function applyGpuRead(deps: ApplyGpuReadDeps, hostId: string, read: GpuReadResult, at: Date, options: ApplyGpuReadOptions): string[] {
  return deps.db.transaction(() => {
    const touched = applyHostGpus(deps, hostId, read, at, options.missingAfterSweeps);
    pruneAssetSamples(deps.db, at, options.sampleRetentionMs);
    return touched;
  })();
}

/** Drops the readings older than the retention window (once per sweep, however many hosts it covered). */
export function pruneAssetSamples(db: Db, at: Date, retentionMs: number): void {
  db.prepare('DELETE FROM asset_samples WHERE at < ?').run(new Date(at.getTime() - retentionMs).toISOString());
}

/**
 * The body of applyGpuRead for one host, without its transaction and pruning: a fleet sweep
 * applies hundreds of hosts in one transaction and prunes once (core/inventory/fleet).
 */
export function applyHostGpus({ db, register, journal }: ApplyGpuReadDeps, hostId: string, read: HostGpuRead, at: Date, missingAfterSweeps: number): string[] {
  const present = db.prepare("SELECT id, serial, uuid, pci_bus_id FROM assets WHERE kind = 'gpu' AND host_id = ? AND status = 'present'").all(hostId) as SlotRow[];
  if (read.state !== 'ok' && read.state !== 'no-devices') {
    const health = unreadableHealth(read.state);
    const mark = db.prepare('UPDATE assets SET health_status = ?, health_reasons = ? WHERE id = ?');
    for (const row of present) mark.run(health.status, JSON.stringify(health.reasons), row.id);
    return present.map((row) => row.id);
  }

  const ids = assignGpuAssetIds(hostId, read.gpus);
  const bySlot = new Map(present.filter((row) => row.pci_bus_id).map((row) => [row.pci_bus_id!, row]));
  const insertSample = db.prepare('INSERT OR REPLACE INTO asset_samples (asset_id, at, utilization_gpu_pct, power_draw_w, temperature_c) VALUES (?, ?, ?, ?, ?)');
  read.gpus.forEach((gpu, position) => {
    const id = ids[position]!;
    const previous = bySlot.get(gpu.pciBusId);
    if (previous && previous.id !== id) {
      // Another GPU now answers in this slot: a swap the lender must see, journaled on the asset that was there.
      journal.append({ kind: 'asset.identity-mismatch', entity: previous.id, payload: { hostId, pciBusId: gpu.pciBusId, registered: { uuid: previous.uuid, serial: previous.serial }, found: { assetId: id, uuid: gpu.uuid, serial: gpu.serial } }, at });
    }
    register.recordSighting(
      {
        id,
        kind: 'gpu',
        label: gpu.name,
        identity: { uuid: gpu.uuid, serial: gpu.serial, pciBusId: gpu.pciBusId, boardPartNumber: gpu.boardPartNumber, hostId },
        attributes: { hostId, model: gpu.name, serial: gpu.serial, uuid: gpu.uuid, pciBusId: gpu.pciBusId, health: gpu.health, reading: readingOf(gpu, read.driverVersion, read.extraReadings?.[position]) },
      },
      at,
    );
    insertSample.run(id, at.toISOString(), gpu.utilizationGpuPct, gpu.powerDrawW, gpu.temperatureC);
  });

  const seen = new Set(ids);
  register.recordMisses(present.map((row) => row.id).filter((id) => !seen.has(id)), missingAfterSweeps, at);
  return [...new Set([...ids, ...present.map((row) => row.id)])];
}
