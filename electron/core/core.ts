import { join } from 'node:path';
import * as systeminformation from 'systeminformation';
import type { ApiHandlers } from '../contract/api';
import { ApiError } from '../contract/errors';
import { AssetEditing } from './assets/asset-editing';
import { AssetQueries, toAssetSummary } from './assets/asset-queries';
import { AssetRegister } from './assets/asset-register';
import { exportCostBook, parseCostBook } from './assets/cost-book-csv';
import type { SietchConfig } from './config/config';
import { openDatabase, schemaVersion, type Db } from './db/open';
import { EventBus } from './events/event-bus';
import type { HostInfoSource } from './inventory/host/collect-host';
import { HostInventoryService } from './inventory/host/host-inventory-service';
import { GpuInventoryService, type GpuReader } from './inventory/gpu-register/gpu-inventory-service';
import { defaultGpuReader } from './inventory/gpu-register/default-gpu-reader';
import { Journal } from './journal/journal';
import type { Logger } from './log/logger';
import { SIETCH_VERSION } from './version';

export const DATABASE_FILE = 'sietch.db';

export interface CoreOptions {
  dataDir: string;
  config: SietchConfig;
  logger: Logger;
  mode: 'desktop' | 'headless';
  simulate?: boolean;
  /** better_sqlite3.node for a non-Node ABI (the Electron app). */
  nativeBinding?: string | undefined;
  hostInfoSource?: HostInfoSource;
  /** How GPUs are read; defaults to nvidia-smi (or the simulator's fake nvidia-smi with simulate). */
  gpuReader?: GpuReader;
  /** An nvidia-smi to run instead of the one found on PATH (the simulator's, under --simulate). */
  gpuBinary?: string | undefined;
  heartbeatMs?: number;
}

export interface Core {
  readonly handlers: ApiHandlers;
  readonly events: EventBus;
  readonly db: Db;
  /** Runs the first sweeps and the periodic timers. */
  start(): Promise<void>;
  /** Stops timers, waits for work in flight, checkpoints WAL and closes the database. */
  close(): Promise<void>;
}

/**
 * The engine, wired in one place: each service is created once here and handed to whoever
 * needs it. Runs under plain Node (CLI, server, tests) and inside the Electron main process.
 */
export function createCore(options: CoreOptions): Core {
  const { logger } = options;
  const startedAt = new Date().toISOString();
  const db = openDatabase(join(options.dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding });
  const events = new EventBus();
  const journal = new Journal(db, (entry) => events.emit('onJournalAppended', { seq: entry.seq, kind: entry.kind, entity: entry.entity, hash: entry.hash }));
  const register = new AssetRegister(db, journal);
  const assetsChanged = (ids: string[]): void => events.emit('onAssetsChanged', { ids, at: new Date().toISOString() });
  const hosts = new HostInventoryService(db, register, options.hostInfoSource ?? (systeminformation as unknown as HostInfoSource), (inventory) => {
    events.emit('onHostInventoryChanged', inventory);
    assetsChanged([inventory.assetId]);
  });
  const inventory = options.config.inventory;
  const gpus = new GpuInventoryService(
    {
      db,
      register,
      journal,
      logger,
      read: options.gpuReader ?? defaultGpuReader({ binary: options.gpuBinary, timeoutMs: inventory.nvidiaSmiTimeoutSeconds * 1000 }),
      hostId: async () => (hosts.latest() ?? (await hosts.refresh())).assetId,
      simulated: options.simulate ?? false,
      onChange: assetsChanged,
      onSourceChange: (status) => events.emit('onGpuSourceChanged', status),
    },
    { missingAfterSweeps: inventory.missingAfterSweeps, sampleRetentionMs: inventory.sampleRetentionHours * 3600_000 },
  );
  const queries = new AssetQueries(db, journal);
  const editing = new AssetEditing(db, journal, (id) => queries.row(id));
  const assetOrThrow = (id: string) => {
    const row = queries.row(id);
    if (!row) throw new ApiError('not-found', `no asset "${id}"`);
    return row;
  };
  const timers: NodeJS.Timeout[] = [];
  const pending = new Set<Promise<unknown>>();
  let closed = false;

  /** Tracks background work so close() can wait for it instead of cutting a transaction. */
  function track<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    void work.finally(() => pending.delete(work)).catch(() => undefined);
    return work;
  }

  function refreshHostInBackground(): void {
    if (closed) return;
    track(hosts.refresh()).catch((error: unknown) => logger.warn({ err: error }, 'host inventory sweep failed'));
  }

  function refreshGpusInBackground(): void {
    if (closed) return;
    track(gpus.refresh()).catch((error: unknown) => logger.warn({ err: error }, 'GPU sweep failed'));
  }

  const handlers: ApiHandlers = {
    'system.info': async () => ({
      product: 'sietch',
      version: SIETCH_VERSION,
      mode: options.mode,
      simulate: options.simulate ?? false,
      dataDir: options.dataDir,
      schemaVersion: schemaVersion(db),
      startedAt,
      journal: journal.head(),
    }),
    'inventory.host.get': async () => hosts.latest(),
    'inventory.host.refresh': () => track(hosts.refresh()),
    'inventory.assets.list': async ({ kind }) => ({ assets: queries.list(kind), gpuSource: gpus.sourceStatus() }),
    'inventory.asset.get': async ({ id }) => {
      const detail = queries.detail(id);
      if (!detail) throw new ApiError('not-found', `no asset "${id}"`);
      return detail;
    },
    'inventory.asset.update': async (edit) => {
      if (editing.update(edit)) assetsChanged([edit.id]);
      return toAssetSummary(assetOrThrow(edit.id));
    },
    'inventory.asset.retire': async ({ id, reason }) => {
      editing.retire(id, reason);
      assetsChanged([id]);
      return toAssetSummary(assetOrThrow(id));
    },
    'inventory.gpus.refresh': () => track(gpus.refresh()),
    'inventory.costBook.import': async ({ csv, dryRun }) => {
      const parsed = parseCostBook(csv, (id) => queries.row(id) !== undefined);
      if (parsed.errors.length > 0 || dryRun) return { applied: false, rows: parsed.rows, updated: 0, errors: parsed.errors };
      // All rows or none: one transaction around every edit and its journal entry.
      const changed = db.transaction(() => parsed.edits.filter((edit) => editing.update(edit)).map((edit) => edit.id))();
      if (changed.length > 0) assetsChanged(changed);
      return { applied: true, rows: parsed.rows, updated: changed.length, errors: [] };
    },
    'inventory.costBook.export': async () => ({ csv: exportCostBook(queries.listWithNotes()), filename: `sietch-cost-book-${new Date().toISOString().slice(0, 10)}.csv` }),
    'journal.verify': async () => journal.verify(),
    'journal.list': async ({ afterSeq, limit }) => ({ entries: journal.list(afterSeq, limit) }),
  };

  return {
    handlers,
    events,
    db,
    async start() {
      logger.info({ dataDir: options.dataDir, schemaVersion: schemaVersion(db), mode: options.mode }, 'core started');
      refreshHostInBackground();
      refreshGpusInBackground();
      timers.push(setInterval(refreshHostInBackground, inventory.hostRefreshSeconds * 1000));
      timers.push(setInterval(refreshGpusInBackground, inventory.gpuRefreshSeconds * 1000));
      timers.push(setInterval(() => events.emit('onHeartbeat', { at: new Date().toISOString() }), options.heartbeatMs ?? 5000));
      for (const timer of timers) timer.unref();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...pending]);
      // Fold the WAL into the main file so the database is a single consistent file at rest.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      logger.info('core closed');
    },
  };
}
