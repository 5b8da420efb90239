import type { RobotDetail, RobotFleetView, RobotSourceStatus, RobotSummary } from '../../contract/schemas/robots';
import type { AssetRegister } from '../assets/asset-register';
import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import type { Logger } from '../log/logger';
import { BrokerConfigError, displayBrokerUrl, resolveBrokerConnection, type BrokerConnection } from './broker-connection';
import type { EmbeddedBroker } from './embedded-broker';
import type { RobotIngest } from './mqtt-ingest';
import { per100Hours } from './robot-figures';
import { activityOf, invalidTotal, type InvalidSample, type RobotRecord, RobotFleet } from './robot-fleet';
import type { RobotsConfig } from './robots-config';
import { RobotStore } from './robot-store';
import type { FleetSimulator } from './simulator/fleet-simulator';
import { robotSubscriptions } from './vda5050/topics';

export interface RobotServiceDeps {
  db: Db;
  register: AssetRegister;
  journal: Journal;
  logger: Logger;
  config: RobotsConfig;
  /** `sietch serve --simulate`: an embedded broker and a simulated fleet in this process. */
  simulate: boolean;
  /** Robots were written (batched, about once a second). */
  onRobotsChanged(ids: string[]): void;
  /** Robots whose asset row changed in a way the Inventory shows (new, or another health). */
  onAssetsChanged(ids: string[]): void;
}

/** One robot as the attestation node samples it. */
export interface RobotNodeSample {
  assetId: string;
  /** Online (a valid state or ONLINE connection, no later OFFLINE/broken) and heard from within STALE_AFTER_MS. */
  present: boolean;
  /** Present and without a FATAL error. */
  healthy: boolean;
  /** Health flag names of the report format: 'robot-error' (any active error), 'missing' (not present). */
  flags: string[];
  batteryPct: number | null;
}

/** Robots must send a state at least every 30 s; three missed ones and the robot no longer counts as present. */
export const STALE_AFTER_MS = 90_000;
const FLUSH_MS = 1000;
const PRUNE_MS = 10 * 60_000;
const SIMULATED_PER_VERSION = 12;
const EVENTS_IN_DETAIL = 100;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function toSummary(record: RobotRecord): RobotSummary {
  return {
    id: record.id,
    manufacturer: record.manufacturer,
    serialNumber: record.serialNumber,
    protocolMajor: record.major,
    protocolVersion: record.protocolVersion,
    seriesName: record.factsheet?.seriesName ?? null,
    online: record.online,
    connection: record.connection,
    activity: activityOf(record),
    firstSeen: iso(record.firstSeen),
    lastSeen: iso(record.lastSeen),
    operatingMode: record.state?.operatingMode ?? null,
    batteryPct: record.state?.batteryPct ?? null,
    charging: record.state?.charging ?? null,
    errors: record.state?.errors ?? [],
    autonomousHours: record.figures.autonomousMs / 3_600_000,
    missionsCompleted: record.figures.missionsCompleted,
    invalidMessages: invalidTotal(record.invalid),
  };
}

function toSample(sample: InvalidSample) {
  return { at: new Date(sample.at).toISOString(), topic: sample.topic, reason: sample.reason, detail: sample.detail, excerpt: sample.excerpt };
}

/**
 * Robots over VDA 5050: the broker connection (the site's, or an embedded one), the fleet
 * model, its persistence into the asset register, and — under --simulate — a simulated fleet.
 * Created once in core.ts; `start` and `stop` are its one hook into the core's life.
 */
export class RobotService {
  private readonly fleet: RobotFleet;
  private readonly store: RobotStore;
  private ingest: RobotIngest | null = null;
  private broker: EmbeddedBroker | null = null;
  private simulators: FleetSimulator[] = [];
  private mode: RobotSourceStatus['mode'] = 'off';
  private startError: string | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly shownHealth = new Map<string, string>();

  constructor(private readonly deps: RobotServiceDeps, private readonly now: () => number = Date.now) {
    this.fleet = new RobotFleet(deps.config.interfaceNames, now);
    this.store = new RobotStore(deps.db, deps.register, deps.journal);
    for (const saved of this.store.load()) this.fleet.restore(saved);
  }

  async start(): Promise<void> {
    const { config, logger } = this.deps;
    // mqtt and aedes are loaded only when robots are on: they would add ~0.5 s to every start
    // of the command line (doctor, inventory, audit) that never talks to a broker.
    const startEmbeddedBroker = async (options: { port: number }): Promise<EmbeddedBroker> => (await import('./embedded-broker')).startEmbeddedBroker(options);
    let connection: BrokerConnection | null = null;
    try {
      if (this.deps.simulate) {
        // A demo never touches the site's broker: its own, on a free loopback port.
        this.broker = await startEmbeddedBroker({ port: 0 });
        connection = { url: this.broker.url };
        this.mode = 'embedded';
      } else if (config.broker.url) {
        connection = resolveBrokerConnection({ ...config.broker, url: config.broker.url });
        this.mode = 'external';
      } else if (config.embeddedBroker.enabled) {
        this.broker = await startEmbeddedBroker({ port: config.embeddedBroker.port });
        connection = { url: this.broker.url };
        this.mode = 'embedded';
      }
    } catch (error) {
      // A broker that cannot start (port taken, unreadable CA) leaves robots off; the rest of Sietch runs.
      this.startError = error instanceof BrokerConfigError ? error.message : `cannot start the robots' broker: ${(error as Error).message}`;
      logger.warn({ err: this.startError }, 'robots: no broker');
      return;
    }
    if (!connection) return;
    const { RobotIngest } = await import('./mqtt-ingest');
    this.ingest = new RobotIngest(this.fleet, { broker: connection, names: config.interfaceNames, logger });
    this.ingest.start();
    this.timers.push(setInterval(() => this.flush(), FLUSH_MS));
    this.timers.push(setInterval(() => this.prune(), PRUNE_MS));
    for (const timer of this.timers) timer.unref();
    if (this.deps.simulate) await this.startSimulatedFleet(connection.url);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    await Promise.allSettled(this.simulators.map((simulator) => simulator.stop()));
    this.simulators = [];
    await this.ingest?.stop();
    this.ingest = null;
    await this.broker?.close();
    this.broker = null;
    this.flush();
  }

  /**
   * The robots as the attestation node samples them, synchronously from memory (no I/O): every
   * robot known to the register, present or not. The node calls this on each sampler tick.
   */
  robotNodeSamples(): RobotNodeSample[] {
    const now = this.now();
    return this.fleet.list().map((record) => {
      const heard = record.lastSeen !== null && now - record.lastSeen <= STALE_AFTER_MS;
      const present = record.online && (heard || record.connection === 'HIBERNATING');
      const errors = record.state?.errors ?? [];
      const flags: string[] = [];
      if (present && errors.length > 0) flags.push('robot-error');
      if (!present) flags.push('missing');
      return { assetId: record.id, present, healthy: present && !errors.some((error) => error.level === 'FATAL'), flags, batteryPct: record.state?.batteryPct ?? null };
    });
  }

  status(): RobotSourceStatus {
    const ingest = this.ingest?.status();
    return {
      mode: this.mode,
      brokerUrl: ingest?.url ?? (this.deps.config.broker.url ? displayBrokerUrl(this.deps.config.broker.url) : null),
      connected: ingest?.connected ?? false,
      lastError: ingest?.lastError ?? this.startError,
      messages: ingest?.messages ?? 0,
      subscriptions: this.mode === 'off' ? [] : robotSubscriptions(this.deps.config.interfaceNames),
      simulated: this.simulators.length > 0,
    };
  }

  list(): RobotFleetView {
    const byReason = this.fleet.invalidCounts();
    const robots = this.fleet
      .list()
      .map(toSummary)
      .sort((a, b) => a.id.localeCompare(b.id));
    return { robots, invalid: { total: invalidTotal(byReason), byReason }, recentInvalid: this.fleet.recentInvalid().map(toSample), source: this.status() };
  }

  detail(id: string, hours: number): RobotDetail | null {
    const record = this.fleet.get(id);
    if (!record) return null;
    const { figures, state, factsheet } = record;
    this.flush(); // the timeline includes what arrived this second
    return {
      robot: toSummary(record),
      interfaceName: record.interfaceName,
      factsheet: factsheet
        ? { seriesName: factsheet.seriesName, seriesDescription: factsheet.seriesDescription, robotClass: factsheet.robotClass, kinematics: factsheet.kinematics, maxLoadMassKg: factsheet.maxLoadMassKg, dimensions: factsheet.dimensions, maxSpeed: factsheet.maxSpeed }
        : null,
      position: state?.position ?? null,
      orderId: state && state.orderId !== '' ? state.orderId : null,
      emergencyStop: state?.emergencyStop ?? null,
      figures: {
        observedHours: figures.observedMs / 3_600_000,
        autonomousHours: figures.autonomousMs / 3_600_000,
        missionsCompleted: figures.missionsCompleted,
        missionsFailed: figures.missionsFailed,
        distanceKm: figures.distanceM / 1000,
        errorsRaised: figures.errorsRaised,
        interventions: figures.interventions,
        errorsPer100h: per100Hours(figures.errorsRaised, figures.autonomousMs),
        interventionsPer100h: per100Hours(figures.interventions, figures.autonomousMs),
      },
      invalid: record.invalid,
      recentInvalid: record.recentInvalid.map(toSample),
      timeline: this.store.timeline(id, this.now() - hours * 3_600_000).map((point) => ({ at: new Date(point.at).toISOString(), batteryPct: point.batteryPct, activity: point.activity })),
      events: this.deps.journal.listForEntity(id, EVENTS_IN_DETAIL),
    };
  }

  /** Writes what changed since the last flush (one transaction) and tells the listeners. */
  flush(): void {
    if (!this.fleet.hasChanges()) return;
    let written: string[];
    try {
      written = this.store.flush(this.fleet, new Date(this.now()));
    } catch (error) {
      this.deps.logger.error({ err: error }, 'robots: could not save the fleet; will retry');
      return;
    }
    if (written.length === 0) return;
    const assets = written.filter((id) => {
      const health = this.deps.register.get(id)?.health_status ?? '';
      const changed = this.shownHealth.get(id) !== health;
      this.shownHealth.set(id, health);
      return changed;
    });
    this.deps.onRobotsChanged(written);
    if (assets.length > 0) this.deps.onAssetsChanged(assets);
  }

  private prune(): void {
    try {
      this.store.prune(this.now() - this.deps.config.timelineRetentionHours * 3_600_000);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'robots: could not prune the timeline');
    }
  }

  private async startSimulatedFleet(brokerUrl: string): Promise<void> {
    const { interfaceNames } = this.deps.config;
    const { FleetSimulator } = await import('./simulator/fleet-simulator');
    this.simulators = [
      new FleetSimulator({ brokerUrl, count: SIMULATED_PER_VERSION, major: 2, interfaceName: interfaceNames.v2, stateIntervalMs: 5000, logger: this.deps.logger }),
      new FleetSimulator({ brokerUrl, count: SIMULATED_PER_VERSION, major: 3, interfaceName: interfaceNames.v3, stateIntervalMs: 5000, logger: this.deps.logger }),
    ];
    try {
      await Promise.all(this.simulators.map((simulator) => simulator.start()));
    } catch (error) {
      this.deps.logger.warn({ err: (error as Error).message }, 'robots: the simulated fleet could not start');
    }
  }
}
