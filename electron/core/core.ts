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
import { AttestationNode } from './attestation/node/attestation-node';
import { ReportQueries } from './attestation/node/report-queries';
import { setUpGpuEvidence } from './attestation/node/gpu-evidence-setup';
import { createNvmlEvidenceSource } from './inventory/gpu/evidence/nvml-evidence-source';
import { evidenceRecord, latestEvidenceRecords } from './attestation/node/gpu-evidence-store';
import { KeystoreError } from './keystore/errors';
import { createLedgerHandlers } from './ledger/ledger-handlers';
import { createAuditHandlers } from './audit/audit-handlers';
import { createChainHandlers } from './chain/chain-handlers';
import { ChainService } from './chain/chain-service';
import { createRobotHandlers } from './robots/robot-handlers';
import { RobotService } from './robots/robot-service';
import { FleetService } from './inventory/fleet/fleet-service';
import { createFleetHandlers } from './inventory/fleet/fleet-handlers';
import { createFinanceHandlers } from './finance/finance-handlers';
import { OperatorKeystore } from './keystore/operator-keystore';
import { forgetPassphrase, NoSecretStore, recallPassphrase, rememberPassphrase, type SecretStore } from './keystore/secret-store';
import type { KeyStatus } from '../contract/schemas/node';
import { networkProfile } from './attestation/report/network-profiles';
import { preloadKeccak } from './attestation/report/keccak';
import { sampleLocalGpus } from './inventory/gpu/read-local-gpus';
import type { GpuSampleResult } from './inventory/gpu/types';
import { samplesFromRead } from './inventory/gpu/query-gpu-csv';
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
  /** How GPUs are sampled by the node; defaults to the reader's CSV fast path on the same binary. */
  gpuSampler?: () => Promise<GpuSampleResult>;
  /** Where the host may remember the keystore passphrase (Electron: safeStorage); headless: nowhere. */
  secretStore?: SecretStore;
  /** scrypt cost of the keystore; lower only in tests (production: 2^17). */
  keystoreScryptN?: number;
  /** Overrides of config.node for `sietch node --sample-interval/--epoch`. */
  nodeOverrides?: { sampleIntervalSeconds?: number | undefined; epochSeconds?: number | undefined };
  heartbeatMs?: number;
}

export interface Core {
  readonly handlers: ApiHandlers;
  readonly events: EventBus;
  readonly db: Db;
  readonly node: AttestationNode;
  readonly keystore: OperatorKeystore;
  /** Robots over VDA 5050 (MQTT); `robots.robotNodeSamples()` is what the node samples. */
  readonly robots: RobotService;
  /** Fleet sources (dcgm-exporter, Prometheus); `fleet.latestSamples()` is what the node samples for fleet hosts. */
  readonly fleet: FleetService;
  /** Runs the first sweeps, the periodic timers and (unless told not to) the attestation node. */
  start(options?: { node?: boolean }): Promise<void>;
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
      hostId: () => hosts.assetId(),
      simulated: options.simulate ?? false,
      onChange: assetsChanged,
      onSourceChange: (status) => events.emit('onGpuSourceChanged', status),
    },
    { missingAfterSweeps: inventory.missingAfterSweeps, sampleRetentionMs: inventory.sampleRetentionHours * 3600_000 },
  );
  const nodeConfig = { ...options.config.node, ...Object.fromEntries(Object.entries(options.nodeOverrides ?? {}).filter(([, value]) => value !== undefined)) };
  const timeoutMs = inventory.nvidiaSmiTimeoutSeconds * 1000;
  const gpuReader = options.gpuReader;
  // Hardware-rooted GPU evidence (docs/gpu-evidence.md): asks the node's local GPUs each epoch.
  const gpuEvidence = setUpGpuEvidence(nodeConfig.gpuEvidence, {
    db,
    logger,
    targets: () => node.localGpus(),
    nvmlSource: () => createNvmlEvidenceSource({ timeoutMs: nodeConfig.gpuEvidence.timeoutSeconds * 1000 }),
    onCollected: (assetIds) => events.emit('onGpuEvidenceChanged', { assetIds, at: new Date().toISOString() }),
  });
  const node = new AttestationNode(
    {
      db,
      journal,
      logger,
      evidence: gpuEvidence.collector,
      onEpochClosed: (epoch) => events.emit('onReportsChanged', { seqs: [epoch.seq], at: new Date().toISOString() }),
      onReportsSigned: (seqs) => {
        events.emit('onReportsChanged', { seqs, at: new Date().toISOString() });
        chain.wake();
      },
      sampler: {
        hostId: () => hosts.assetId(),
        sample: options.gpuSampler ?? (gpuReader ? async () => samplesFromRead(await gpuReader()) : () => sampleLocalGpus({ ...(options.gpuBinary ? { binary: options.gpuBinary } : {}), timeoutMs })),
        // The fleet hosts' GPUs and the robots come from their services' memory (created below).
        fleet: () => fleet.latestSamples(),
        robots: () => {
          const source = robots.status();
          return source.mode === 'off' ? null : { connected: source.connected, robots: robots.robotNodeSamples() };
        },
      },
    },
    {
      sampleIntervalMs: nodeConfig.sampleIntervalSeconds * 1000,
      epochMs: nodeConfig.epochSeconds * 1000,
      unknownGraceMs: nodeConfig.unknownGraceSeconds * 1000,
      rawRetentionMs: nodeConfig.rawRetentionHours * 3600_000,
      rollupRetentionMs: nodeConfig.rollupRetentionDays * 86_400_000,
      network: networkProfile(nodeConfig.networkProfile),
    },
  );
  const reports = new ReportQueries(db);
  const keystore = new OperatorKeystore({ dataDir: options.dataDir, ...(options.keystoreScryptN ? { scryptN: options.keystoreScryptN } : {}) });
  const chain = new ChainService({
    db,
    dataDir: options.dataDir,
    config: options.config.chain,
    logger,
    signer: () => keystore.signer(),
    epochSeconds: () => node.options.epochMs / 1000,
    onChange: (seqs) => events.emit('onChainPublicationsChanged', { seqs, at: new Date().toISOString() }),
  });
  const secrets = options.secretStore ?? new NoSecretStore();
  let remembered = false;
  const keyStatus = (): KeyStatus => ({ state: keystore.state(), address: keystore.address(), canRemember: secrets.isSecure(), remembered });
  /** Keystore failures become API errors with the keystore's own (key-free) message. */
  async function keyAction(action: () => Promise<unknown>): Promise<KeyStatus> {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof KeystoreError)) throw error;
      const code = error.code === 'wrong-passphrase' ? 'unauthorized' : error.code === 'keystore-exists' ? 'conflict' : error.code === 'keystore-missing' ? 'not-found' : 'invalid-input';
      throw new ApiError(code, error.message);
    }
    node.setSigner(keystore.signer());
    chain.wake();
    return keyStatus();
  }
  const nodeStatus = () => {
    const status = node.status();
    const [lastReport] = reports.list(undefined, 1);
    const { sampleIntervalMs, epochMs, network } = node.options;
    const nextEnd = status.lastTickAt === null ? null : (Math.floor(status.lastTickAt / epochMs) + 1) * epochMs;
    return {
      running: status.running,
      simulated: options.simulate ?? false,
      sampleIntervalSeconds: sampleIntervalMs / 1000,
      epochSeconds: epochMs / 1000,
      network: { id: network.id, name: network.name, chainId: network.chainId, easAddress: network.easAddress },
      signer: status.signer,
      ticks: status.ticks,
      lastTickAt: status.lastTickAt === null ? null : new Date(status.lastTickAt).toISOString(),
      samplesStored: status.samplesStored,
      reports: reports.counts(),
      lastReport: lastReport ?? null,
      nextEpochEndsAt: nextEnd === null ? null : new Date(nextEnd).toISOString(),
    };
  };
  const fleet = new FleetService(
    { db, register, journal, logger, onChange: assetsChanged, onSourcesChanged: () => events.emit('onFleetSourcesChanged', { at: new Date().toISOString() }) },
    { config: options.config.fleet, missingAfterSweeps: inventory.missingAfterSweeps, sampleRetentionMs: inventory.sampleRetentionHours * 3600_000 },
  );
  const robots = new RobotService({
    db,
    register,
    journal,
    logger,
    config: options.config.robots,
    simulate: options.simulate ?? false,
    onRobotsChanged: (ids) => events.emit('onRobotsChanged', { ids, at: new Date().toISOString() }),
    onAssetsChanged: assetsChanged,
  });
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

  function refreshFleetInBackground(): void {
    if (closed) return;
    track(fleet.refresh()).catch((error: unknown) => logger.warn({ err: error }, 'fleet sweep failed'));
  }

  function refreshGpusInBackground(): void {
    if (closed) return;
    track(gpus.refresh()).catch((error: unknown) => logger.warn({ err: error }, 'GPU sweep failed'));
  }

  /** A passphrase remembered in the OS keychain unlocks the key at start-up; a stale one is forgotten. */
  async function unlockWithRememberedPassphrase(): Promise<void> {
    const passphrase = await recallPassphrase(secrets).catch(() => null);
    if (passphrase === null || keystore.state() === 'absent') return;
    try {
      await keystore.unlock(passphrase);
      remembered = true;
      node.setSigner(keystore.signer());
    } catch (error) {
      logger.warn({ code: (error as KeystoreError).code }, 'the remembered passphrase no longer unlocks the operator key; it is forgotten');
      await forgetPassphrase(secrets).catch(() => undefined);
    }
  }

  const handlers: ApiHandlers = {
    ...createLedgerHandlers({ db, journal, emit: (event, payload) => events.emit(event, payload) }),
    ...createAuditHandlers({ db, emit: (event, payload) => events.emit(event, payload) }),
    ...createChainHandlers(chain),
    ...createRobotHandlers(robots),
    ...createFleetHandlers(fleet, track),
    ...createFinanceHandlers({ db, journal, emit: (event, payload) => events.emit(event, payload as never), unknownGraceMs: nodeConfig.unknownGraceSeconds * 1000 }),
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
    'node.status': async () => nodeStatus(),
    'node.start': async () => {
      node.start();
      return nodeStatus();
    },
    'node.stop': async () => {
      await node.stop();
      return nodeStatus();
    },
    'attest.gpu.status': async () => gpuEvidence.status(),
    'attest.gpu.latest': async () => ({ records: latestEvidenceRecords(db) }),
    'attest.gpu.get': async ({ assetId, epochSeq }) => {
      const found = evidenceRecord(db, assetId, epochSeq);
      if (!found) throw new ApiError('not-found', epochSeq === undefined ? `no GPU evidence for ${assetId}` : `no GPU evidence for ${assetId} in epoch ${epochSeq}`);
      return found;
    },
    'node.reports.list': async ({ beforeSeq, limit }) => ({ reports: reports.list(beforeSeq, limit) }),
    'node.report.get': async ({ seq }) => {
      const detail = reports.detail(seq);
      if (!detail) throw new ApiError('not-found', `no report ${seq}`);
      return detail;
    },
    'node.key.status': async () => keyStatus(),
    // A new key is unlocked right away: the operator just typed the passphrase.
    'node.key.create': ({ passphrase }) => keyAction(async () => keystore.unlock((await keystore.create(passphrase), passphrase))),
    'node.key.import': ({ privateKey, mnemonic, passphrase }) =>
      keyAction(async () => {
        await (privateKey !== undefined ? keystore.importPrivateKey(privateKey, passphrase) : keystore.importMnemonic(mnemonic!, passphrase));
        await keystore.unlock(passphrase);
      }),
    'node.key.unlock': async ({ passphrase, remember }) => {
      if (remember && !secrets.isSecure()) throw new ApiError('unavailable', 'this machine has no OS keychain that encrypts secrets (or it stores them in plain text): the passphrase cannot be remembered');
      return keyAction(async () => {
        await keystore.unlock(passphrase);
        // Only once the passphrase proved right, and only into a keychain that encrypts it.
        if (remember) {
          await rememberPassphrase(secrets, passphrase);
          remembered = true;
        }
      });
    },
    'node.key.lock': async ({ forget }) => {
      keystore.lock();
      node.setSigner(null);
      if (forget) {
        await forgetPassphrase(secrets);
        remembered = false;
      }
      return keyStatus();
    },
    'journal.verify': async () => journal.verify(),
    'journal.list': async ({ afterSeq, limit }) => ({ entries: journal.list(afterSeq, limit) }),
  };

  return {
    handlers,
    events,
    db,
    node,
    keystore,
    fleet,
    robots,
    async start(startOptions = {}) {
      await preloadKeccak(); // the fast keccak (WASM) for leaves and trees, loaded once
      await unlockWithRememberedPassphrase();
      logger.info({ dataDir: options.dataDir, schemaVersion: schemaVersion(db), mode: options.mode }, 'core started');
      refreshHostInBackground();
      refreshGpusInBackground();
      refreshFleetInBackground();
      timers.push(setInterval(refreshHostInBackground, inventory.hostRefreshSeconds * 1000));
      timers.push(setInterval(refreshGpusInBackground, inventory.gpuRefreshSeconds * 1000));
      timers.push(setInterval(refreshFleetInBackground, options.config.fleet.refreshSeconds * 1000));
      timers.push(setInterval(() => events.emit('onHeartbeat', { at: new Date().toISOString() }), options.heartbeatMs ?? 5000));
      for (const timer of timers) timer.unref();
      await robots.start();
      if (startOptions.node !== false) node.start();
      chain.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      await node.stop();
      await chain.stop();
      await robots.stop();
      await Promise.allSettled([...pending]);
      // Fold the WAL into the main file so the database is a single consistent file at rest.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      logger.info('core closed');
    },
  };
}
