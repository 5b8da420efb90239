import { z } from 'zod';
import { microUnits } from '../money';
import { assetId, isoUtc } from './common';
import { journalEntry } from './journal';

export const assetKind = z.enum(['host', 'gpu', 'robot']);
export const assetStatus = z.enum(['present', 'missing', 'retired']);
export const healthStatus = z.enum(['ok', 'degraded', 'failing', 'unknown']);
export const calendarDate = z.iso.date();

export const assetHealth = z.object({ status: healthStatus, reasons: z.array(z.string()) });

/** One row of the Inventory table: enough to sort, filter and search 10,000 assets client-side. */
export const assetSummary = z.object({
  id: assetId,
  kind: assetKind,
  label: z.string(),
  status: assetStatus,
  health: assetHealth,
  /** The host a GPU sits in (its asset id), null for hosts and robots. */
  hostId: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  uuid: z.string().nullable(),
  pciBusId: z.string().nullable(),
  site: z.string().nullable(),
  rack: z.string().nullable(),
  acquisitionCost: microUnits.nullable(),
  acquisitionDate: calendarDate.nullable(),
  firstSeen: isoUtc,
  lastSeen: isoUtc,
  utilizationGpuPct: z.number().nullable(),
  powerDrawW: z.number().nullable(),
  temperatureC: z.number().nullable(),
  memoryTotalMiB: z.number().nullable(),
  migDeviceCount: z.number().int().nonnegative(),
});

export const gpuSourceStatus = z.object({
  state: z.enum(['never-read', 'ok', 'not-installed', 'driver-not-loaded', 'no-devices', 'timeout', 'unparsable']),
  message: z.string().nullable(),
  driverVersion: z.string().nullable(),
  lastReadAt: isoUtc.nullable(),
  simulated: z.boolean(),
  warnings: z.array(z.string()),
});

export const assetSample = z.object({ at: isoUtc, utilizationGpuPct: z.number().nullable(), powerDrawW: z.number().nullable(), temperatureC: z.number().nullable() });

export const assetDetail = z.object({
  asset: assetSummary,
  identity: z.record(z.string(), z.string().nullable()),
  notes: z.string().nullable(),
  migDevices: z.array(z.object({ uuid: z.string().nullable(), profile: z.string().nullable(), memoryTotalMiB: z.number().nullable() })),
  processes: z.number().int().nonnegative(),
  /** The asset's journal entries (discovered, missing, returned, identity changes, edits), newest first. */
  events: z.array(journalEntry),
  /** Recent readings, oldest first, for the sparkline. */
  samples: z.array(assetSample),
});

export const assetEdit = z
  .object({
    id: assetId,
    site: z.string().max(200).nullable().optional(),
    rack: z.string().max(200).nullable().optional(),
    notes: z.string().max(4000).nullable().optional(),
    acquisitionCost: microUnits.nullable().optional(),
    acquisitionDate: calendarDate.nullable().optional(),
  })
  .strict();

export const costBookRowError = z.object({ row: z.number().int().positive(), column: z.string().nullable(), message: z.string() });

export const costBookImportResult = z.object({
  /** False when any row was refused: then nothing was applied (all-or-nothing). */
  applied: z.boolean(),
  rows: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  errors: z.array(costBookRowError),
});

export type AssetSummary = z.infer<typeof assetSummary>;
export type AssetDetail = z.infer<typeof assetDetail>;
export type AssetEdit = z.infer<typeof assetEdit>;
export type GpuSourceStatus = z.infer<typeof gpuSourceStatus>;
export type CostBookImportResult = z.infer<typeof costBookImportResult>;
