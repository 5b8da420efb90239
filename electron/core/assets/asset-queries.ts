import type { AssetDetail, AssetSummary } from '../../contract/schemas/assets';
import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import { readAssetRow, readAssetRows, type AssetKind, type AssetRow } from './asset-register';

const SAMPLES_IN_DETAIL = 240;
const EVENTS_IN_DETAIL = 200;

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function toAssetSummary(row: AssetRow): AssetSummary {
  const reading = JSON.parse(row.reading) as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    status: row.status,
    health: { status: row.health_status, reasons: JSON.parse(row.health_reasons) as string[] },
    hostId: row.host_id,
    model: row.model,
    serial: row.serial,
    uuid: row.uuid,
    pciBusId: row.pci_bus_id,
    site: row.site,
    rack: row.rack,
    acquisitionCost: row.acquisition_cost === null ? null : BigInt(row.acquisition_cost),
    acquisitionDate: row.acquisition_date,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    utilizationGpuPct: numberOrNull(reading.utilizationGpuPct),
    powerDrawW: numberOrNull(reading.powerDrawW),
    temperatureC: numberOrNull(reading.temperatureC),
    memoryTotalMiB: numberOrNull(reading.memoryTotalMiB),
    migDeviceCount: Array.isArray(reading.migDevices) ? reading.migDevices.length : 0,
  };
}

/** Read side of the register, shaped for the API. */
export class AssetQueries {
  constructor(private readonly db: Db, private readonly journal: Journal) {}

  list(kind?: AssetKind): AssetSummary[] {
    return readAssetRows(this.db, kind).map(toAssetSummary);
  }

  /** Every asset with its notes, for the CSV export. */
  listWithNotes(): (AssetSummary & { notes: string | null })[] {
    return readAssetRows(this.db).map((row) => ({ ...toAssetSummary(row), notes: row.notes }));
  }

  row(id: string): AssetRow | undefined {
    return readAssetRow(this.db, id);
  }

  detail(id: string): AssetDetail | null {
    const row = this.row(id);
    if (!row) return null;
    const reading = JSON.parse(row.reading) as { migDevices?: AssetDetail['migDevices']; processes?: number };
    const samples = (this.db.prepare('SELECT at, utilization_gpu_pct, power_draw_w, temperature_c FROM asset_samples WHERE asset_id = ? ORDER BY at DESC LIMIT ?').all(id, SAMPLES_IN_DETAIL) as { at: string; utilization_gpu_pct: number | null; power_draw_w: number | null; temperature_c: number | null }[])
      .reverse()
      .map((sample) => ({ at: sample.at, utilizationGpuPct: sample.utilization_gpu_pct, powerDrawW: sample.power_draw_w, temperatureC: sample.temperature_c }));
    return {
      asset: toAssetSummary(row),
      identity: JSON.parse(row.identity) as Record<string, string | null>,
      notes: row.notes,
      migDevices: reading.migDevices ?? [],
      processes: reading.processes ?? 0,
      events: this.journal.listForEntity(id, EVENTS_IN_DETAIL),
      samples,
    };
  }
}
