import { between } from './sim-random';

/**
 * One simulated cleaning robot: cleans a room along an order of nodes, drives back to its dock
 * and charges when its battery runs low, raises and clears errors (a blocked brush is a
 * warning; a blocked wheel stops it until someone takes it over by hand). Pure state: `tick`
 * advances it and says whether something happened that deserves a state message now.
 */
export type SimActivity = 'idle' | 'cleaning' | 'returning' | 'charging' | 'stuck' | 'manual';

export interface SimError {
  type: string;
  /** The v2 level (WARNING/FATAL) and the v3 one (WARNING/URGENT/CRITICAL/FATAL). */
  v2Level: 'WARNING' | 'FATAL';
  v3Level: 'WARNING' | 'URGENT' | 'CRITICAL' | 'FATAL';
  description: string;
  clearsAtS: number | null;
}

export interface SimNode {
  nodeId: string;
  sequenceId: number;
  x: number;
  y: number;
}

export interface SimBehaviour {
  /** Chance per second of cleaning that a fault happens. */
  faultPerSecond: number;
  /** Chance per second that the robot loses its connection (unclean: the last will tells). */
  disconnectPerSecond: number;
}

const SPEED = 0.6; // m/s
const DRAIN_CLEANING = 0.06; // %/s
const DRAIN_IDLE = 0.004;
const CHARGE_RATE = 0.35;
const LOW_BATTERY = 22;
const CHARGED = 95;
const ROOM = { width: 24, height: 16 };
export const SIM_MAP_ID = 'floor-1';

export class SimRobot {
  activity: SimActivity = 'idle';
  batteryPct: number;
  charging = false;
  x: number;
  y: number;
  theta = 0;
  readonly dock: { x: number; y: number };
  orderId = '';
  orderUpdateId = 0;
  orderCount = 0;
  lastNodeId = '';
  lastNodeSequenceId = 0;
  /** The nodes still to reach (the first is the target); empty when no order runs. */
  route: SimNode[] = [];
  actionStatus: 'RUNNING' | 'FINISHED' | 'FAILED' | null = null;
  errors: SimError[] = [];
  private clockS = 0;
  private idleUntilS: number;
  private stuckUntilS = 0;
  private manualUntilS = 0;

  constructor(readonly serialNumber: string, private readonly random: () => number, private readonly behaviour: SimBehaviour) {
    this.dock = { x: Math.round(between(random, 1, ROOM.width - 1) * 10) / 10, y: 0.5 };
    // Start somewhere in a working day so the fleet is varied from the first second.
    this.batteryPct = Math.round(between(random, 18, 100));
    this.x = this.dock.x;
    this.y = this.dock.y;
    this.idleUntilS = between(random, 0, 8);
    if (this.batteryPct < 35) this.startCharging();
  }

  get driving(): boolean {
    return this.activity === 'cleaning' || this.activity === 'returning';
  }

  get operatingMode(): 'AUTOMATIC' | 'MANUAL' {
    return this.activity === 'manual' ? 'MANUAL' : 'AUTOMATIC';
  }

  /** Should the robot drop its connection now (decided by the fleet, which owns the socket)? */
  wantsToDisconnect(seconds: number): boolean {
    return this.random() < this.behaviour.disconnectPerSecond * seconds;
  }

  /** Advances `seconds`; true when the state changed in a way worth an immediate message. */
  tick(seconds: number): boolean {
    this.clockS += seconds;
    let event = this.clearExpiredErrors();
    switch (this.activity) {
      case 'idle':
        this.batteryPct = Math.max(0, this.batteryPct - DRAIN_IDLE * seconds);
        if (this.clockS >= this.idleUntilS) event = this.startOrder() || event;
        break;
      case 'cleaning':
        this.batteryPct = Math.max(0, this.batteryPct - DRAIN_CLEANING * seconds);
        if (this.batteryPct < LOW_BATTERY && !this.hasError('batteryLow')) {
          this.raise({ type: 'batteryLow', v2Level: 'WARNING', v3Level: 'URGENT', description: `battery at ${Math.round(this.batteryPct)} %, returning to the dock after this room`, clearsAtS: null });
          event = true;
        }
        if (this.random() < this.behaviour.faultPerSecond * seconds) event = this.fault() || event;
        else event = this.drive(seconds) || event;
        break;
      case 'returning':
        this.batteryPct = Math.max(0, this.batteryPct - DRAIN_CLEANING * seconds);
        if (this.moveTowards(this.dock, seconds)) {
          this.startCharging();
          event = true;
        }
        break;
      case 'charging':
        this.batteryPct = Math.min(100, this.batteryPct + CHARGE_RATE * seconds);
        if (this.batteryPct >= CHARGED) {
          this.charging = false;
          this.activity = 'idle';
          this.idleUntilS = this.clockS + between(this.random, 2, 10);
          this.errors = this.errors.filter((error) => error.type !== 'batteryLow');
          event = true;
        }
        break;
      case 'stuck':
        if (this.clockS >= this.stuckUntilS) {
          // Someone came: the robot is driven by hand for a moment, then handed back.
          this.activity = 'manual';
          this.manualUntilS = this.clockS + between(this.random, 6, 15);
          event = true;
        }
        break;
      case 'manual':
        if (this.clockS >= this.manualUntilS) {
          this.errors = this.errors.filter((error) => error.v2Level !== 'FATAL');
          this.activity = this.route.length > 0 ? 'cleaning' : 'idle';
          if (this.route.length > 0) this.actionStatus = 'RUNNING';
          event = true;
        }
        break;
    }
    return event;
  }

  private hasError(type: string): boolean {
    return this.errors.some((error) => error.type === type);
  }

  private raise(error: SimError): void {
    if (!this.hasError(error.type)) this.errors.push(error);
  }

  private clearExpiredErrors(): boolean {
    const before = this.errors.length;
    this.errors = this.errors.filter((error) => error.clearsAtS === null || error.clearsAtS > this.clockS);
    return this.errors.length !== before;
  }

  private startOrder(): boolean {
    if (this.batteryPct < 35) {
      this.startCharging();
      return true;
    }
    this.orderCount += 1;
    this.orderId = `clean-${this.serialNumber}-${this.orderCount}`;
    this.orderUpdateId = 0;
    const stops = 4 + Math.floor(this.random() * 5);
    this.route = [];
    for (let index = 0; index < stops; index += 1) {
      this.route.push({ nodeId: `n${index + 1}`, sequenceId: index * 2 + 2, x: Math.round(between(this.random, 1, ROOM.width - 1) * 10) / 10, y: Math.round(between(this.random, 1.5, ROOM.height - 1) * 10) / 10 });
    }
    this.lastNodeId = 'dock';
    this.lastNodeSequenceId = 0;
    this.actionStatus = 'RUNNING';
    this.activity = 'cleaning';
    return true;
  }

  private drive(seconds: number): boolean {
    const target = this.route[0];
    if (!target) return false;
    if (!this.moveTowards(target, seconds)) return false;
    this.lastNodeId = target.nodeId;
    this.lastNodeSequenceId = target.sequenceId;
    this.route.shift();
    if (this.route.length === 0) {
      this.actionStatus = 'FINISHED';
      if (this.batteryPct < 35 || this.hasError('batteryLow')) this.activity = 'returning';
      else {
        this.activity = 'idle';
        this.idleUntilS = this.clockS + between(this.random, 3, 15);
      }
    }
    return true;
  }

  /** Moves towards a point; true once there. */
  private moveTowards(target: { x: number; y: number }, seconds: number): boolean {
    const dx = target.x - this.x;
    const dy = target.y - this.y;
    const distance = Math.hypot(dx, dy);
    const step = SPEED * seconds;
    if (distance > 0) this.theta = Math.atan2(dy, dx);
    if (distance <= step) {
      this.x = target.x;
      this.y = target.y;
      return true;
    }
    this.x += (dx / distance) * step;
    this.y += (dy / distance) * step;
    return false;
  }

  private startCharging(): void {
    this.activity = 'charging';
    this.charging = true;
    this.x = this.dock.x;
    this.y = this.dock.y;
  }

  private fault(): boolean {
    if (this.random() < 0.6) {
      this.raise({ type: 'brushBlocked', v2Level: 'WARNING', v3Level: 'URGENT', description: 'side brush blocked; cleaning continues at reduced quality', clearsAtS: this.clockS + between(this.random, 8, 30) });
      return true;
    }
    this.raise({ type: 'wheelBlocked', v2Level: 'FATAL', v3Level: 'FATAL', description: 'drive wheel blocked; the robot needs a person', clearsAtS: null });
    this.activity = 'stuck';
    this.stuckUntilS = this.clockS + between(this.random, 10, 30);
    return true;
  }
}
