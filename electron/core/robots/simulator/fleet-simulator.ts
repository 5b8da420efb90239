import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../log/logger';
import { displayBrokerUrl } from '../broker-connection';
import type { ProtocolMajor } from '../vda5050/schemas';
import { DEFAULT_INTERFACE_NAMES, interfaceNameFor, robotTopic } from '../vda5050/topics';
import { connectionMessage, factsheetMessage, stateMessage, type SimIdentity } from './sim-messages';
import { between, simRandom } from './sim-random';
import { SimRobot, type SimBehaviour } from './sim-robot';
import { DEFAULT_SIM_MANUFACTURER, isTopicLevel } from './sim-naming';

export { DEFAULT_SIM_MANUFACTURER, isTopicLevel };

export interface FleetSimulatorOptions {
  brokerUrl: string;
  count: number;
  major: ProtocolMajor;
  manufacturer?: string;
  /** First topic level; default `uagv` (v2) or `vda5050` (v3). */
  interfaceName?: string;
  /** Serial numbers are `<prefix><0001…>`; default `CB2-` or `CB3-`. */
  serialPrefix?: string;
  seed?: number;
  /** A state message at least this often (VDA 5050: at most 30 s apart), and on every event. */
  stateIntervalMs?: number;
  tickMs?: number;
  /** Simulated seconds per real second (tests run a working day faster). */
  timeScale?: number;
  behaviour?: Partial<SimBehaviour>;
  username?: string | undefined;
  password?: string | undefined;
  ca?: string | undefined;
  logger?: Logger;
  /** Every message published, as sent (tests validate them against the official schemas). */
  onPublish?: (topic: string, payload: Buffer) => void;
}

const DEFAULT_BEHAVIOUR: SimBehaviour = { faultPerSecond: 1 / 400, disconnectPerSecond: 1 / 3600 };


interface SimSession {
  identity: SimIdentity;
  robot: SimRobot;
  client: MqttClient | null;
  headerIds: { state: number; connection: number; factsheet: number };
  lastStateAt: number;
  reconnectTimer: NodeJS.Timeout | null;
}

/**
 * A fleet of simulated VDA 5050 cleaning robots, each with its own MQTT connection and last
 * will (connection broken, retained), publishing `connection` and `factsheet` (retained) when
 * it connects and `state` on every event and at least every `stateIntervalMs`.
 */
export class FleetSimulator {
  private readonly sessions: SimSession[] = [];
  private timer: NodeJS.Timeout | null = null;
  private publishedCount = 0;
  private stopped = false;
  private readonly interfaceName: string;

  constructor(private readonly options: FleetSimulatorOptions) {
    const manufacturer = options.manufacturer ?? DEFAULT_SIM_MANUFACTURER;
    if (!isTopicLevel(manufacturer)) throw new RangeError(`manufacturer "${manufacturer}" cannot be an MQTT topic level (no /, +, # or empty)`);
    this.interfaceName = options.interfaceName ?? interfaceNameFor(DEFAULT_INTERFACE_NAMES, options.major);
    const behaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
    const prefix = options.serialPrefix ?? `CB${options.major}-`;
    const seed = options.seed ?? 5050;
    for (let index = 1; index <= options.count; index += 1) {
      const serialNumber = `${prefix}${String(index).padStart(4, '0')}`;
      this.sessions.push({
        identity: { manufacturer, serialNumber, major: options.major },
        robot: new SimRobot(serialNumber, simRandom(seed * 7919 + index * (options.major === 2 ? 104_729 : 130_363)), behaviour),
        client: null,
        headerIds: { state: 0, connection: 0, factsheet: 0 },
        lastStateAt: 0,
        reconnectTimer: null,
      });
    }
  }

  serialNumbers(): string[] {
    return this.sessions.map((session) => session.identity.serialNumber);
  }

  published(): number {
    return this.publishedCount;
  }

  /** Connects every robot; resolves once all are connected, rejects if the broker cannot be reached in time. */
  async start(timeoutMs = 10_000): Promise<void> {
    await Promise.all(this.sessions.map((session) => this.connect(session, timeoutMs, true)));
    const tickMs = this.options.tickMs ?? 1000;
    this.timer = setInterval(() => this.tick(tickMs), tickMs);
  }

  /** Orderly shutdown: every robot says OFFLINE (retained) and disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(
      this.sessions.map(async (session) => {
        if (session.reconnectTimer) clearTimeout(session.reconnectTimer);
        const client = session.client;
        session.client = null;
        if (!client) return;
        if (client.connected) await this.publishAsync(client, session, 'connection', connectionMessage(session.identity, this.nextHeaderId(session, 'connection'), new Date(), 'OFFLINE'), true).catch(() => undefined);
        await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
      }),
    );
  }

  /** Drops a robot's connection without a goodbye (the broker then publishes its last will); it comes back after `downMs`. */
  breakConnection(serialNumber: string, downMs: number): void {
    const session = this.sessions.find((candidate) => candidate.identity.serialNumber === serialNumber);
    if (!session?.client) return;
    const client = session.client;
    session.client = null;
    client.end(true); // forced: the socket is destroyed, no DISCONNECT packet, so the will fires
    session.reconnectTimer = setTimeout(() => {
      session.reconnectTimer = null;
      if (!this.stopped) void this.connect(session, 30_000).catch((error: unknown) => this.options.logger?.warn({ err: (error as Error).message, serialNumber }, 'simulator: robot could not reconnect'));
    }, downMs);
  }

  /** Connects one robot; with `failFast`, a refused first attempt rejects at once instead of retrying until the timeout. */
  private connect(session: SimSession, timeoutMs: number, failFast = false): Promise<void> {
    const { identity } = session;
    const connectionTopic = robotTopic(this.interfaceName, identity.major, identity.manufacturer, identity.serialNumber, 'connection');
    const will = connectionMessage(identity, this.nextHeaderId(session, 'connection'), new Date(), 'BROKEN');
    const client = mqtt.connect(this.options.brokerUrl, {
      clientId: `sim-${identity.manufacturer}-${identity.serialNumber}-${Math.random().toString(16).slice(2, 8)}`,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: timeoutMs,
      keepalive: 30,
      will: { topic: connectionTopic, payload: Buffer.from(JSON.stringify(will)), qos: 1, retain: true },
      ...(this.options.username ? { username: this.options.username } : {}),
      ...(this.options.password !== undefined ? { password: this.options.password } : {}),
      ...(this.options.ca ? { ca: this.options.ca } : {}),
    });
    session.client = client;
    // Every (re)connection announces the robot again, as a real one does after a broker restart.
    client.on('connect', () => {
      if (session.client !== client) return;
      const now = new Date();
      this.publish(client, session, 'connection', connectionMessage(identity, this.nextHeaderId(session, 'connection'), now, 'ONLINE'), true);
      this.publish(client, session, 'factsheet', factsheetMessage(identity, this.nextHeaderId(session, 'factsheet'), now), true);
      this.publishState(session, now.getTime());
    });
    let lastError: string | null = null;
    client.on('error', (error) => (lastError = error.message)); // it reconnects on its own
    return new Promise((resolve, reject) => {
      const fail = (): void => {
        clearTimeout(timer);
        client.end(true);
        reject(new Error(`cannot reach the MQTT broker at ${displayBrokerUrl(this.options.brokerUrl)}${lastError ? `: ${lastError}` : ` within ${Math.round(timeoutMs / 1000)} s`}`));
      };
      const timer = setTimeout(fail, timeoutMs);
      const onClose = (): void => {
        if (failFast) fail();
      };
      client.once('close', onClose);
      client.once('connect', () => {
        clearTimeout(timer);
        client.off('close', onClose);
        resolve();
      });
    });
  }

  private tick(tickMs: number): void {
    const seconds = (tickMs / 1000) * (this.options.timeScale ?? 1);
    const now = Date.now();
    const interval = this.options.stateIntervalMs ?? 10_000;
    for (const session of this.sessions) {
      const event = session.robot.tick(seconds);
      if (!session.client?.connected) continue;
      if (session.robot.wantsToDisconnect(seconds)) {
        this.breakConnection(session.identity.serialNumber, between(Math.random, 5_000, 20_000));
        continue;
      }
      if (event || now - session.lastStateAt >= interval) this.publishState(session, now);
    }
  }

  private publishState(session: SimSession, now: number): void {
    const client = session.client;
    if (!client?.connected) return;
    session.lastStateAt = now;
    this.publish(client, session, 'state', stateMessage(session.identity, session.robot, this.nextHeaderId(session, 'state'), new Date(now)), false);
  }

  private nextHeaderId(session: SimSession, topic: keyof SimSession['headerIds']): number {
    const id = session.headerIds[topic];
    session.headerIds[topic] = id + 1;
    return id;
  }

  private publish(client: MqttClient, session: SimSession, topic: 'state' | 'connection' | 'factsheet', message: Record<string, unknown>, retain: boolean): void {
    void this.publishAsync(client, session, topic, message, retain).catch(() => undefined);
  }

  private publishAsync(client: MqttClient, session: SimSession, topic: 'state' | 'connection' | 'factsheet', message: Record<string, unknown>, retain: boolean): Promise<void> {
    const { identity } = session;
    const fullTopic = robotTopic(this.interfaceName, identity.major, identity.manufacturer, identity.serialNumber, topic);
    const payload = Buffer.from(JSON.stringify(message));
    this.publishedCount += 1;
    this.options.onPublish?.(fullTopic, payload);
    // State is QoS 0 (the next one supersedes it); connection and factsheet are QoS 1, retained.
    return new Promise((resolve, reject) => client.publish(fullTopic, payload, { qos: topic === 'state' ? 0 : 1, retain }, (error) => (error ? reject(error) : resolve())));
  }
}
