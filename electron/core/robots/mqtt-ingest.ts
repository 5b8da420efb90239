import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../log/logger';
import { displayBrokerUrl, type BrokerConnection } from './broker-connection';
import type { RobotFleet } from './robot-fleet';
import { robotSubscriptions, type InterfaceNames } from './vda5050/topics';

export interface IngestStatus {
  /** The broker URL with any credentials masked. */
  url: string;
  connected: boolean;
  connectedAt: number | null;
  lastError: string | null;
  reconnects: number;
  messages: number;
}

export interface IngestOptions {
  broker: BrokerConnection;
  names: InterfaceNames;
  logger?: Logger | undefined;
  /** First reconnect delay; doubles on each failure up to `maxBackoffMs`, back to this after a connection. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  connectTimeoutMs?: number;
  clientId?: string;
  /** Called after each batch of messages (debounced by the caller), e.g. to persist. */
  onMessage?: () => void;
}

/**
 * The MQTT side of robot ingestion: connects to the broker, subscribes to every robot's
 * `state`, `connection` and `factsheet` (both versions, on every (re)connection), and hands
 * each message to the fleet. Reconnects with exponential backoff; the fleet keeps every robot
 * while the broker is away, and retained connection messages bring their state back.
 */
export class RobotIngest {
  private client: MqttClient | null = null;
  private readonly status_: IngestStatus;
  private backoffMs: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private connectWaiters: ((connected: boolean) => void)[] = [];
  /** Waiters that give up at the first failed attempt (one-shot commands: a refused connection is an answer). */
  private failFastWaiters = new Set<(connected: boolean) => void>();
  private stopping = false;

  constructor(private readonly fleet: RobotFleet, private readonly options: IngestOptions) {
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.backoffMs = this.initialBackoffMs;
    this.status_ = { url: displayBrokerUrl(options.broker.url), connected: false, connectedAt: null, lastError: null, reconnects: 0, messages: 0 };
  }

  status(): IngestStatus {
    return { ...this.status_ };
  }

  start(): void {
    if (this.client) return;
    const { broker, logger } = this.options;
    const client = mqtt.connect(broker.url, {
      clientId: this.options.clientId ?? `sietch-${process.pid}-${Math.random().toString(16).slice(2, 10)}`,
      clean: true,
      resubscribe: false, // we subscribe on every connect ourselves
      reconnectPeriod: this.initialBackoffMs,
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
      keepalive: 30,
      ...(broker.ca ? { ca: broker.ca } : {}),
      ...(broker.username ? { username: broker.username } : {}),
      ...(broker.password !== undefined ? { password: broker.password } : {}),
    });
    this.client = client;
    client.on('connect', () => {
      this.status_.connected = true;
      this.status_.connectedAt = Date.now();
      this.status_.lastError = null;
      this.backoffMs = this.initialBackoffMs;
      client.options.reconnectPeriod = this.backoffMs;
      logger?.info({ broker: this.status_.url }, 'robots: connected to the MQTT broker');
      client.subscribe(robotSubscriptions(this.options.names), { qos: 1 }, (error) => {
        if (error) {
          this.status_.lastError = `subscribe failed: ${error.message}`;
          logger?.warn({ broker: this.status_.url, err: error.message }, 'robots: subscription refused');
        }
        this.settleWaiters(!error);
      });
    });
    client.on('message', (topic, payload, packet) => {
      this.status_.messages += 1;
      try {
        this.fleet.ingest(topic, payload, packet.retain);
      } catch (error) {
        // The fleet counts bad input itself; this guards the loop against a bug in it.
        logger?.error({ err: error, topic: topic.slice(0, 200) }, 'robots: a message could not be ingested');
      }
      this.options.onMessage?.();
    });
    client.on('error', (error) => {
      this.status_.lastError = error.message;
    });
    client.on('close', () => {
      if (!this.status_.connected) for (const waiter of [...this.failFastWaiters]) waiter(false);
      if (this.status_.connected && !this.stopping) logger?.warn({ broker: this.status_.url, err: this.status_.lastError }, 'robots: lost the MQTT broker; reconnecting');
      this.status_.connected = false;
      // Exponential backoff: mqtt.js reads reconnectPeriod each time it schedules a reconnect.
      client.options.reconnectPeriod = this.backoffMs;
      this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    });
    client.on('reconnect', () => {
      this.status_.reconnects += 1;
    });
  }

  /**
   * Resolves true once connected and subscribed, false if that did not happen within
   * `timeoutMs` — or, with `failFast`, as soon as one attempt fails.
   */
  waitConnected(timeoutMs: number, { failFast = false } = {}): Promise<boolean> {
    if (this.status_.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const settle = (connected: boolean): void => {
        clearTimeout(timer);
        this.connectWaiters = this.connectWaiters.filter((waiter) => waiter !== settle);
        this.failFastWaiters.delete(settle);
        resolve(connected);
      };
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.connectWaiters.push(settle);
      if (failFast) this.failFastWaiters.add(settle);
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.stopping = true;
    this.settleWaiters(false);
    if (!client) return;
    await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
    this.status_.connected = false;
  }

  private settleWaiters(connected: boolean): void {
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const waiter of waiters) waiter(connected);
  }
}
