import { join } from 'node:path';
import { AssetEditing } from '../../electron/core/assets/asset-editing';
import { AssetRegister, type AssetSighting } from '../../electron/core/assets/asset-register';
import { openDatabase } from '../../electron/core/db/open';
import { Journal } from '../../electron/core/journal/journal';
import { seededRandom } from './seeded-random';

/**
 * A synthetic GPU fleet written into a data directory before `sietch serve` opens it: the
 * real database, migrations, register and journal, so the console reads exactly what a
 * real fleet's sweeps would have left there.
 */

const MODELS = [
  { name: 'NVIDIA H100 80GB HBM3', memoryTotalMiB: 81559, powerIdle: 70, powerMax: 700 },
  { name: 'NVIDIA A100-SXM4-80GB', memoryTotalMiB: 81920, powerIdle: 55, powerMax: 400 },
  { name: 'NVIDIA H200', memoryTotalMiB: 143771, powerIdle: 75, powerMax: 700 },
  { name: 'NVIDIA L40S', memoryTotalMiB: 46068, powerIdle: 35, powerMax: 350 },
] as const;

/** The PCI slots of an 8-GPU HGX board, as nvidia-smi prints them. */
const SLOTS = ['00000000:18:00.0', '00000000:2A:00.0', '00000000:3A:00.0', '00000000:5D:00.0', '00000000:9A:00.0', '00000000:AB:00.0', '00000000:BA:00.0', '00000000:DB:00.0'];
const SITES = ['PAR-1', 'PAR-2', 'AMS-1', 'FRA-3'];

type Health = NonNullable<NonNullable<AssetSighting['attributes']>['health']>;

export interface SeedOptions {
  gpus?: number;
  gpusPerHost?: number;
  /** The time of the sweep that "saw" the fleet; missing GPUs were last seen earlier. */
  at?: Date;
  /** How many GPUs get a recent history of readings (for the drawer's sparkline). */
  withSamples?: number;
}

export interface SeededFleet {
  ids: string[];
  hostIds: string[];
  missing: string[];
  failing: string[];
  degraded: string[];
  /** A GPU with the richest history: readings, MIG devices, a miss and a return, an edit. */
  showcaseId: string;
  durationMs: number;
}


function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Mostly healthy, as a real fleet is, with every other status present. */
function healthFor(index: number): Health {
  if (index % 97 === 5) return { status: 'failing', reasons: ['ecc-uncorrectable', 'recovery-action'] };
  if (index % 211 === 17) return { status: 'failing', reasons: ['remap-failure'] };
  if (index % 41 === 3) return { status: 'degraded', reasons: ['thermal-slowdown'] };
  if (index % 53 === 7) return { status: 'degraded', reasons: ['ecc-uncorrectable-aggregate', 'remap-pending'] };
  if (index % 331 === 11) return { status: 'degraded', reasons: ['power-brake'] };
  if (index % 401 === 13) return { status: 'unknown', reasons: ['nvidia-smi-timeout'] };
  return { status: 'ok', reasons: [] };
}

export function seedGpuAssets(dataDir: string, options: SeedOptions = {}): SeededFleet {
  const started = performance.now();
  const count = options.gpus ?? 10_000;
  const perHost = options.gpusPerHost ?? 8;
  // Ten minutes ago, so the showcase GPU's later events (a few minutes after) are still in the past.
  const at = options.at ?? new Date(Date.now() - 10 * 60_000);
  const withSamples = options.withSamples ?? 40;
  const next = seededRandom(20261124);
  const db = openDatabase(join(dataDir, 'sietch.db'));
  try {
    const journal = new Journal(db);
    const register = new AssetRegister(db, journal);
    const editing = new AssetEditing(db, journal, (id) => register.get(id));
    const insertSample = db.prepare('INSERT OR REPLACE INTO asset_samples (asset_id, at, utilization_gpu_pct, power_draw_w, temperature_c) VALUES (?, ?, ?, ?, ?)');
    const fleet: SeededFleet = { ids: [], hostIds: [], missing: [], failing: [], degraded: [], showcaseId: '', durationMs: 0 };
    const earlier = new Date(at.getTime() - 6 * 3600_000);

    db.transaction(() => {
      for (let index = 0; index < count; index += 1) {
        const hostIndex = Math.floor(index / perHost);
        if (index % perHost === 0) fleet.hostIds.push(`host:${uuidFrom(next)}`);
        const hostId = fleet.hostIds[hostIndex]!;
        const model = MODELS[hostIndex % MODELS.length]!;
        const uuid = `GPU-${uuidFrom(next)}`;
        const id = `gpu:${uuid}`;
        const serial = `1652${String(1_000_000_000 + index * 7919).slice(1)}`;
        const pciBusId = SLOTS[index % perHost] ?? `00000000:${(index % perHost).toString(16).padStart(2, '0')}:00.0`;
        const health = healthFor(index);
        const utilization = Math.round(next() * 100);
        const mig = index < 16 && model.name !== 'NVIDIA L40S' ? Array.from({ length: 7 }, () => ({ uuid: `MIG-${uuidFrom(next)}`, profile: '1g.10gb', memoryTotalMiB: 9856 })) : [];
        const sighting: AssetSighting = {
          id,
          kind: 'gpu',
          label: model.name,
          identity: { uuid, serial, pciBusId, boardPartNumber: '692-2G520-0200-000', hostId },
          attributes: {
            hostId,
            model: model.name,
            serial,
            uuid,
            pciBusId,
            health,
            reading: {
              utilizationGpuPct: utilization,
              powerDrawW: Math.round((model.powerIdle + (model.powerMax - model.powerIdle) * (utilization / 100)) * 10) / 10,
              temperatureC: 34 + Math.round(utilization * 0.45),
              memoryTotalMiB: model.memoryTotalMiB,
              migDevices: mig,
              processes: utilization > 5 ? 1 + (index % 3) : 0,
            },
          },
        };
        register.recordSighting(sighting, index % 173 === 9 ? earlier : at);
        fleet.ids.push(id);
        if (health.status === 'failing') fleet.failing.push(id);
        if (health.status === 'degraded') fleet.degraded.push(id);
        // Most of the fleet has its cost book filled in; some of it is still to be entered.
        if (index % 10 !== 9) {
          editing.update({ id, site: SITES[hostIndex % SITES.length]!, rack: `R${String(1 + (hostIndex % 48)).padStart(2, '0')}`, acquisitionCost: BigInt(18_500 + (index % 7) * 1_250) * 1_000_000n + BigInt((index % 4) * 250_000), acquisitionDate: `2025-${String(1 + (index % 12)).padStart(2, '0')}-15` }, at);
        }
        if (index < withSamples) {
          for (let minute = 59; minute >= 0; minute -= 1) {
            const wave = Math.sin((index + minute) / 6) * 18;
            const value = Math.max(0, Math.min(100, utilization + wave));
            insertSample.run(id, new Date(at.getTime() - minute * 60_000).toISOString(), Math.round(value), Math.round(model.powerIdle + (model.powerMax - model.powerIdle) * (value / 100)), 34 + Math.round(value * 0.45));
          }
        }
      }

      // The GPUs last seen six hours ago did not answer the later sweeps: they are missing now.
      fleet.missing = fleet.ids.filter((_, index) => index % 173 === 9);
      register.recordMisses(fleet.missing, 1, at);

      // A showcase GPU, a minute apart after the sweep: it went missing, came back, and then
      // reported a new board part number (a firmware field flash), all in its history.
      const showcase = fleet.ids[0]!;
      const row = register.get(showcase)!;
      const minutesLater = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
      const identity = JSON.parse(row.identity) as Record<string, string | null>;
      const resight = (record: Record<string, string | null>, when: Date) =>
        register.recordSighting({ id: showcase, kind: 'gpu', label: row.label, identity: record, attributes: { hostId: row.host_id, model: row.model, serial: row.serial, uuid: row.uuid, pciBusId: row.pci_bus_id, health: { status: 'ok', reasons: [] }, reading: JSON.parse(row.reading) as Record<string, unknown> } }, when);
      register.recordMisses([showcase], 1, minutesLater(1));
      resight(identity, minutesLater(2));
      resight({ ...identity, boardPartNumber: '692-2G520-0200-0A0' }, minutesLater(3));
      fleet.showcaseId = showcase;
    })();
    fleet.durationMs = performance.now() - started;
    return fleet;
  } finally {
    db.close();
  }
}
