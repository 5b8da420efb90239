// One shape for a robot's messages, whichever protocol version it speaks. Names follow
// VDA 5050 2.x where both versions have the thing (operating modes, error levels), because
// that is what operators and the `inventory robots` contract know; see docs/robots.md.

/** v2 modes, plus the two v3 modes that have no v2 counterpart (STARTUP, INTERVENED). */
export type OperatingMode = 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL' | 'SERVICE' | 'TEACHIN' | 'STARTUP' | 'INTERVENED';
export type ErrorLevel = 'WARNING' | 'FATAL';
export type ConnectionState = 'ONLINE' | 'OFFLINE' | 'CONNECTION_BROKEN' | 'HIBERNATING';

export interface RobotError {
  type: string;
  /** v2 name: FATAL when user intervention is required (v3 FATAL), else WARNING. */
  level: ErrorLevel;
  /** The level as sent (v3 has WARNING, URGENT, CRITICAL, FATAL). */
  sourceLevel: string;
  description: string | null;
}

export interface RobotPosition {
  x: number;
  y: number;
  theta: number;
  mapId: string;
  /** v2 `positionInitialized`, v3 `localized`. */
  localized: boolean;
}

export interface NormalizedState {
  headerId: number;
  timestamp: string;
  protocolVersion: string;
  operatingMode: OperatingMode;
  /** v2 `batteryState.batteryCharge`, v3 `powerSupply.stateOfCharge`, in %. */
  batteryPct: number;
  charging: boolean;
  driving: boolean;
  paused: boolean;
  orderId: string;
  /** Nodes or edges still to traverse: the order is in progress. */
  orderActive: boolean;
  /** Some action of the order failed. */
  orderFailed: boolean;
  position: RobotPosition | null;
  errors: RobotError[];
  /** v2 `safetyState.eStop`, v3 `safetyState.activeEmergencyStop`. */
  emergencyStop: 'NONE' | 'AUTOACK' | 'MANUAL' | 'REMOTE';
}

export interface NormalizedConnection {
  headerId: number;
  timestamp: string;
  protocolVersion: string;
  /** v2 `CONNECTIONBROKEN` is `CONNECTION_BROKEN`. */
  connectionState: ConnectionState;
}

export interface NormalizedFactsheet {
  protocolVersion: string;
  seriesName: string;
  seriesDescription: string | null;
  /** v2 `agvClass`, v3 `mobileRobotClass`. */
  robotClass: string;
  /** v2 `agvKinematic`, v3 `mobileRobotKinematics`. */
  kinematics: string;
  maxLoadMassKg: number;
  /** Metres; v2 `heightMax`, v3 `maximumHeight`. */
  dimensions: { length: number; width: number; height: number };
  maxSpeed: number;
}
