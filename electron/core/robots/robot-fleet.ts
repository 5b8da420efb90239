import { applyState, breakInterval, emptyFigures, emptyTracker, type FigureTracker, type RobotFigures } from './robot-figures';
import { decodeRobotMessage, INVALID_REASONS, type DecodedMessage, type InvalidReason } from './vda5050/decode-message';
import type { ConnectionState, NormalizedFactsheet, NormalizedState, RobotError } from './vda5050/normalized';
import type { ProtocolMajor } from './vda5050/schemas';
import type { InterfaceNames } from './vda5050/topics';

/** The asset id of a robot (docs/asset-ids.md): identity is manufacturer + serialNumber. */
export function robotAssetId(manufacturer: string, serialNumber: string): string {
  return `robot:${manufacturer}:${serialNumber}`;
}

export type InvalidCounts = Record<InvalidReason, number>;

export interface InvalidSample {
  at: number;
  topic: string;
  reason: InvalidReason;
  detail: string;
  /** The first bytes of the payload, as text, for a person to look at. */
  excerpt: string;
}

export interface RobotRecord {
  id: string;
  manufacturer: string;
  serialNumber: string;
  major: ProtocolMajor;
  interfaceName: string;
  /** From the header of the last valid message. */
  protocolVersion: string | null;
  online: boolean;
  connection: ConnectionState | null;
  firstSeen: number | null;
  lastSeen: number | null;
  lastStateAt: number | null;
  state: NormalizedState | null;
  factsheet: NormalizedFactsheet | null;
  figures: RobotFigures;
  tracker: FigureTracker;
  invalid: InvalidCounts;
  recentInvalid: InvalidSample[];
}

/** What the register journals about a robot (missions and interventions are counted in its figures, not journaled one by one). */
export type RobotEventKind = 'robot.online' | 'robot.offline' | 'robot.connection-broken' | 'robot.hibernating' | 'robot.error-raised' | 'robot.error-cleared';

export interface RobotEvent {
  kind: RobotEventKind;
  robotId: string;
  at: number;
  payload: Record<string, unknown>;
}

/** A robot's state as it goes on its timeline: what it was doing, coarsely. */
export type RobotActivity = 'offline' | 'fault' | 'manual' | 'charging' | 'working' | 'idle';

export interface TimelinePoint {
  robotId: string;
  at: number;
  batteryPct: number | null;
  activity: RobotActivity;
}

export function invalidTotal(counts: InvalidCounts): number {
  let total = 0;
  for (const reason of INVALID_REASONS) total += counts[reason];
  return total;
}

function emptyInvalid(): InvalidCounts {
  return Object.fromEntries(INVALID_REASONS.map((reason) => [reason, 0])) as InvalidCounts;
}

export function activityOf(record: Pick<RobotRecord, 'online' | 'state'>): RobotActivity {
  const state = record.state;
  if (!record.online || !state) return 'offline';
  if (state.errors.some((error) => error.level === 'FATAL')) return 'fault';
  if (state.operatingMode !== 'AUTOMATIC' && state.operatingMode !== 'SEMIAUTOMATIC') return 'manual';
  if (state.charging) return 'charging';
  if (state.orderActive || state.driving) return 'working';
  return 'idle';
}

/** What a restart brings back from the database: identity, figures and their tracker. */
export type RestoredRobot = Pick<RobotRecord, 'manufacturer' | 'serialNumber' | 'major' | 'interfaceName' | 'protocolVersion' | 'firstSeen' | 'lastSeen' | 'lastStateAt' | 'state' | 'factsheet' | 'figures' | 'tracker' | 'invalid'>;

const RECENT_INVALID_PER_ROBOT = 5;
const RECENT_INVALID_FLEET = 20;
const EXCERPT_LENGTH = 160;
/** A timeline point at most this often per robot, unless what it does changes. */
const TIMELINE_STEP_MS = 10_000;

/**
 * The fleet as its messages describe it: one record per robot (manufacturer + serialNumber),
 * online state, latest state, factsheet, figures, and invalid messages counted per robot and
 * per reason. Synchronous and in memory: `ingest` is called for every MQTT message and never
 * throws; whoever persists the fleet drains the dirty ids, events and timeline points.
 */
export class RobotFleet {
  private readonly robots = new Map<string, RobotRecord>();
  /** Robots known only from invalid messages: counted, not listed until a valid message names them. */
  private readonly shadows = new Map<string, RobotRecord>();
  private readonly unattributed = emptyInvalid();
  private readonly recent: InvalidSample[] = [];
  private readonly dirty = new Set<string>();
  private events: RobotEvent[] = [];
  private timeline: TimelinePoint[] = [];
  private readonly lastPoint = new Map<string, { at: number; activity: RobotActivity }>();
  private received = 0;

  constructor(private readonly names: InterfaceNames, private readonly now: () => number = Date.now) {}

  /** Ingests one MQTT message. Returns false when it was refused (and counted). */
  ingest(topic: string, payload: Uint8Array, retained = false): boolean {
    this.received += 1;
    const at = this.now();
    let result;
    try {
      result = decodeRobotMessage(topic, payload, this.names);
    } catch (error) {
      // decodeRobotMessage does not throw; if it ever does, it is still one counted bad message.
      result = { ok: false as const, reason: 'schema' as const, detail: `decoder failed: ${(error as Error).message}`, robot: null };
    }
    if (!result.ok) {
      this.countInvalid(topic, payload, result.reason, result.detail, result.robot, at);
      return false;
    }
    this.apply(result.message, retained ? retainedTime(result.message, at) : at, retained);
    return true;
  }

  list(): RobotRecord[] {
    return [...this.robots.values()];
  }

  get(id: string): RobotRecord | undefined {
    return this.robots.get(id);
  }

  messagesReceived(): number {
    return this.received;
  }

  /** Invalid messages, fleet-wide: those on listed robots, on robots never seen valid, and on no robot's topic. */
  invalidCounts(): InvalidCounts {
    const total = { ...this.unattributed };
    for (const record of [...this.robots.values(), ...this.shadows.values()]) for (const reason of INVALID_REASONS) total[reason] += record.invalid[reason];
    return total;
  }

  recentInvalid(): InvalidSample[] {
    return [...this.recent];
  }

  restore(saved: RestoredRobot): void {
    const id = robotAssetId(saved.manufacturer, saved.serialNumber);
    // Online is what this session hears: a restart knows nothing yet (retained messages follow within a second).
    const tracker = { ...saved.tracker };
    breakInterval(tracker);
    this.robots.set(id, { ...saved, id, online: false, connection: null, tracker, recentInvalid: [] });
  }

  /** The robots changed since the last call, and what happened to them, for the persistence side. */
  drain(): { ids: string[]; events: RobotEvent[]; timeline: TimelinePoint[] } {
    const drained = { ids: [...this.dirty], events: this.events, timeline: this.timeline };
    this.dirty.clear();
    this.events = [];
    this.timeline = [];
    return drained;
  }

  hasChanges(): boolean {
    return this.dirty.size > 0;
  }

  private record(message: DecodedMessage): RobotRecord {
    const id = robotAssetId(message.manufacturer, message.serialNumber);
    let record = this.robots.get(id);
    if (!record) {
      const shadow = this.shadows.get(id);
      this.shadows.delete(id);
      record = shadow ?? newRecord(id, message.manufacturer, message.serialNumber, message.major, message.interfaceName);
      this.robots.set(id, record);
    }
    record.major = message.major;
    record.interfaceName = message.interfaceName;
    return record;
  }

  private apply(message: DecodedMessage, at: number, retained: boolean): void {
    const record = this.record(message);
    record.protocolVersion = message.body.protocolVersion;
    record.firstSeen ??= at;
    record.lastSeen = Math.max(record.lastSeen ?? at, at);
    this.dirty.add(record.id);
    switch (message.topic) {
      case 'connection':
        this.applyConnection(record, message.body.connectionState, at);
        break;
      case 'factsheet':
        record.factsheet = message.body;
        break;
      case 'state':
        this.applyState(record, message.body, at, retained);
        break;
    }
    this.noteTimeline(record, at);
  }

  private applyConnection(record: RobotRecord, state: ConnectionState, at: number): void {
    const wasOnline = record.online;
    const changed = record.connection !== state;
    record.connection = state;
    if (state === 'ONLINE' || state === 'HIBERNATING') {
      record.online = true;
      if (!wasOnline || changed) this.emit(state === 'ONLINE' ? 'robot.online' : 'robot.hibernating', record, at, {});
      return;
    }
    record.online = false;
    breakInterval(record.tracker);
    if (wasOnline || changed) this.emit(state === 'OFFLINE' ? 'robot.offline' : 'robot.connection-broken', record, at, {});
  }

  private applyState(record: RobotRecord, state: NormalizedState, at: number, retained: boolean): void {
    if (!retained && !record.online) {
      // A valid state means the robot is talking to the broker, whatever the last connection message said.
      record.online = true;
      this.emit('robot.online', record, at, { via: 'state' });
    }
    const outcome = applyState(record.figures, record.tracker, state, at, !retained && record.online);
    record.state = state;
    record.lastStateAt = at;
    for (const error of outcome.raised) this.emit('robot.error-raised', record, at, errorPayload(error));
    for (const key of outcome.cleared) {
      const [type, level] = key.split('|');
      this.emit('robot.error-cleared', record, at, { type, level });
    }
  }

  private emit(kind: RobotEventKind, record: RobotRecord, at: number, payload: Record<string, unknown>): void {
    this.events.push({ kind, robotId: record.id, at, payload });
  }

  private noteTimeline(record: RobotRecord, at: number): void {
    const activity = activityOf(record);
    const last = this.lastPoint.get(record.id);
    if (last && last.activity === activity && at - last.at < TIMELINE_STEP_MS) return;
    this.lastPoint.set(record.id, { at, activity });
    this.timeline.push({ robotId: record.id, at, batteryPct: record.state?.batteryPct ?? null, activity });
  }

  private countInvalid(topic: string, payload: Uint8Array, reason: InvalidReason, detail: string, robot: { manufacturer: string; serialNumber: string } | null, at: number): void {
    const sample: InvalidSample = { at, topic: topic.slice(0, 300), reason, detail, excerpt: excerpt(payload) };
    this.recent.push(sample);
    if (this.recent.length > RECENT_INVALID_FLEET) this.recent.shift();
    if (!robot) {
      this.unattributed[reason] += 1;
      return;
    }
    const id = robotAssetId(robot.manufacturer, robot.serialNumber);
    let record = this.robots.get(id);
    if (!record) {
      record = this.shadows.get(id);
      if (!record) {
        const major = topic.split('/')[1] === 'v3' ? 3 : 2;
        record = newRecord(id, robot.manufacturer, robot.serialNumber, major, topic.split('/')[0] ?? '');
        this.shadows.set(id, record);
      }
    } else this.dirty.add(id);
    record.invalid[reason] += 1;
    record.recentInvalid.push(sample);
    if (record.recentInvalid.length > RECENT_INVALID_PER_ROBOT) record.recentInvalid.shift();
  }
}

function newRecord(id: string, manufacturer: string, serialNumber: string, major: ProtocolMajor, interfaceName: string): RobotRecord {
  return {
    id,
    manufacturer,
    serialNumber,
    major,
    interfaceName,
    protocolVersion: null,
    online: false,
    connection: null,
    firstSeen: null,
    lastSeen: null,
    lastStateAt: null,
    state: null,
    factsheet: null,
    figures: emptyFigures(),
    tracker: emptyTracker(),
    invalid: emptyInvalid(),
    recentInvalid: [],
  };
}

function errorPayload(error: RobotError): Record<string, unknown> {
  return { type: error.type, level: error.level, sourceLevel: error.sourceLevel, ...(error.description ? { description: error.description } : {}) };
}

/** A retained message was sent earlier: it counts as seen when the robot sent it, never later than now. */
function retainedTime(message: DecodedMessage, now: number): number {
  const sent = 'timestamp' in message.body ? Date.parse(message.body.timestamp) : Number.NaN;
  return Number.isFinite(sent) ? Math.min(sent, now) : now;
}

function excerpt(payload: Uint8Array): string {
  const head = Buffer.from(payload.buffer, payload.byteOffset, Math.min(payload.byteLength, EXCERPT_LENGTH * 4)).toString('utf8');
  return head.length > EXCERPT_LENGTH ? `${head.slice(0, EXCERPT_LENGTH - 1)}…` : head;
}
