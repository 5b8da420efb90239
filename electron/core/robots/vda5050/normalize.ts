import type { NormalizedConnection, NormalizedFactsheet, NormalizedState, OperatingMode, RobotError } from './normalized';
import type { V2Connection, V2Factsheet, V2State } from './v2-schemas';
import type { V3Connection, V3Factsheet, V3State } from './v3-schemas';

/** v3 TEACH_IN is v2 TEACHIN; STARTUP and INTERVENED have no v2 name and keep theirs. */
function mode(value: V2State['operatingMode'] | V3State['operatingMode']): OperatingMode {
  return value === 'TEACH_IN' ? 'TEACHIN' : value;
}

/**
 * v2 has two levels: WARNING (the robot is ready to start) and FATAL (user intervention
 * required). v3 FATAL keeps that meaning; URGENT and CRITICAL leave the robot able to take
 * a new order without anyone touching it, which is v2's WARNING.
 */
function errorLevel(level: string): RobotError['level'] {
  return level === 'FATAL' ? 'FATAL' : 'WARNING';
}

function errors(list: { errorType: string; errorLevel: string; errorDescription?: string | undefined }[]): RobotError[] {
  return list.map((error) => ({ type: error.errorType, level: errorLevel(error.errorLevel), sourceLevel: error.errorLevel, description: error.errorDescription ?? null }));
}

function orderFailed(actions: { actionStatus: string }[]): boolean {
  return actions.some((action) => action.actionStatus === 'FAILED');
}

export function normalizeV2State(state: V2State): NormalizedState {
  const position = state.agvPosition;
  return {
    headerId: state.headerId,
    timestamp: state.timestamp,
    protocolVersion: state.version,
    operatingMode: mode(state.operatingMode),
    batteryPct: state.batteryState.batteryCharge,
    charging: state.batteryState.charging,
    driving: state.driving,
    paused: state.paused ?? false,
    orderId: state.orderId,
    orderActive: state.nodeStates.length > 0 || state.edgeStates.length > 0,
    orderFailed: orderFailed(state.actionStates),
    position: position ? { x: position.x, y: position.y, theta: position.theta, mapId: position.mapId, localized: position.positionInitialized } : null,
    errors: errors(state.errors),
    emergencyStop: state.safetyState.eStop,
  };
}

export function normalizeV3State(state: V3State): NormalizedState {
  const position = state.mobileRobotPosition;
  return {
    headerId: state.headerId,
    timestamp: state.timestamp,
    protocolVersion: state.version,
    operatingMode: mode(state.operatingMode),
    batteryPct: state.powerSupply.stateOfCharge,
    charging: state.powerSupply.charging,
    driving: state.driving,
    paused: state.paused ?? false,
    orderId: state.orderId,
    orderActive: state.nodeStates.length > 0 || state.edgeStates.length > 0,
    orderFailed: orderFailed(state.actionStates),
    position: position ? { x: position.x, y: position.y, theta: position.theta, mapId: position.mapId, localized: position.localized } : null,
    errors: errors(state.errors),
    emergencyStop: state.safetyState.activeEmergencyStop,
  };
}

export function normalizeConnection(message: V2Connection | V3Connection): NormalizedConnection {
  const state = message.connectionState;
  return { headerId: message.headerId, timestamp: message.timestamp, protocolVersion: message.version, connectionState: state === 'CONNECTIONBROKEN' ? 'CONNECTION_BROKEN' : state };
}

export function normalizeV2Factsheet(sheet: V2Factsheet): NormalizedFactsheet {
  const { typeSpecification: type, physicalParameters: physical } = sheet;
  return {
    protocolVersion: sheet.version,
    seriesName: type.seriesName,
    seriesDescription: type.seriesDescription ?? null,
    robotClass: type.agvClass,
    kinematics: type.agvKinematic,
    maxLoadMassKg: type.maxLoadMass,
    dimensions: { length: physical.length, width: physical.width, height: physical.heightMax },
    maxSpeed: physical.speedMax,
  };
}

export function normalizeV3Factsheet(sheet: V3Factsheet): NormalizedFactsheet {
  const { typeSpecification: type, physicalParameters: physical } = sheet;
  return {
    protocolVersion: sheet.version,
    seriesName: type.seriesName,
    seriesDescription: type.seriesDescription ?? null,
    robotClass: type.mobileRobotClass,
    kinematics: type.mobileRobotKinematics,
    maxLoadMassKg: type.maximumLoadMass,
    dimensions: { length: physical.length, width: physical.width, height: physical.maximumHeight },
    maxSpeed: physical.maximumSpeed,
  };
}
