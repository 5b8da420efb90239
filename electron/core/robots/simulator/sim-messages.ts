import type { ProtocolMajor } from '../vda5050/schemas';
import { SIM_MAP_ID, type SimRobot } from './sim-robot';

// The VDA 5050 messages of a simulated robot, for 2.1 or 3.0. Every one of them validates
// against the official schema of its version (test/integration/robots-fleet.test.ts checks).

export const SIM_SERIES = 'CleanBot S2';
export const PROTOCOL_VERSION: Record<ProtocolMajor, string> = { 2: '2.1.0', 3: '3.0.0' };

export interface SimIdentity {
  manufacturer: string;
  serialNumber: string;
  major: ProtocolMajor;
}

function header(identity: SimIdentity, headerId: number, at: Date) {
  return { headerId, timestamp: at.toISOString(), version: PROTOCOL_VERSION[identity.major], manufacturer: identity.manufacturer, serialNumber: identity.serialNumber };
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function connectionMessage(identity: SimIdentity, headerId: number, at: Date, state: 'ONLINE' | 'OFFLINE' | 'BROKEN'): Record<string, unknown> {
  const broken = identity.major === 2 ? 'CONNECTIONBROKEN' : 'CONNECTION_BROKEN';
  return { ...header(identity, headerId, at), connectionState: state === 'BROKEN' ? broken : state };
}

export function stateMessage(identity: SimIdentity, robot: SimRobot, headerId: number, at: Date): Record<string, unknown> {
  const v2 = identity.major === 2;
  const nodeStates = robot.route.map((node) => ({ nodeId: node.nodeId, sequenceId: node.sequenceId, released: true, nodePosition: { x: node.x, y: node.y, mapId: SIM_MAP_ID } }));
  const edgeStates = robot.route.map((node) => ({ edgeId: `e${node.sequenceId - 1}`, sequenceId: node.sequenceId - 1, released: true }));
  const actionStates = robot.actionStatus === null ? [] : [{ actionId: `${robot.orderId}-clean`, actionType: 'clean', actionStatus: robot.actionStatus }];
  // Truncated, not rounded: theta must stay within ±π (3.14159265359 in the v3 schema), and rounding π up leaves it.
  const position = { x: round(robot.x), y: round(robot.y), theta: Math.trunc(robot.theta * 1000) / 1000, mapId: SIM_MAP_ID };
  const speed = robot.driving ? 0.6 : 0;
  const errors = robot.errors.map((error) => ({ errorType: error.type, errorLevel: v2 ? error.v2Level : error.v3Level, errorDescription: error.description, errorReferences: robot.orderId ? [{ referenceKey: 'orderId', referenceValue: robot.orderId }] : [] }));
  const common = {
    ...header(identity, headerId, at),
    orderId: robot.orderId,
    orderUpdateId: robot.orderUpdateId,
    lastNodeId: robot.lastNodeId,
    lastNodeSequenceId: robot.lastNodeSequenceId,
    nodeStates,
    edgeStates,
    driving: robot.driving,
    paused: false,
    operatingMode: robot.operatingMode,
    velocity: { vx: speed, vy: 0, omega: 0 },
    loads: [],
    actionStates,
    errors,
    information: [],
  };
  const battery = round(robot.batteryPct, 1);
  const voltage = round(22 + (battery / 100) * 7.2, 2);
  const reach = Math.round(battery * 40);
  if (v2) {
    return {
      ...common,
      agvPosition: { ...position, positionInitialized: true, localizationScore: 0.97 },
      batteryState: { batteryCharge: battery, batteryVoltage: voltage, charging: robot.charging, reach },
      safetyState: { eStop: 'NONE', fieldViolation: false },
    };
  }
  return {
    ...common,
    instantActionStates: [],
    mobileRobotPosition: { ...position, localized: true, localizationScore: 0.97 },
    powerSupply: { stateOfCharge: battery, batteryVoltage: voltage, charging: robot.charging, range: reach },
    safetyState: { activeEmergencyStop: 'NONE', fieldViolation: false },
  };
}

export function factsheetMessage(identity: SimIdentity, headerId: number, at: Date): Record<string, unknown> {
  const base = header(identity, headerId, at);
  if (identity.major === 2) {
    return {
      ...base,
      typeSpecification: { seriesName: SIM_SERIES, seriesDescription: 'Autonomous floor-cleaning robot (simulated)', agvKinematic: 'DIFF', agvClass: 'CARRIER', maxLoadMass: 0, localizationTypes: ['NATURAL'], navigationTypes: ['AUTONOMOUS'] },
      physicalParameters: { speedMin: 0, speedMax: 1, accelerationMax: 0.5, decelerationMax: 0.8, heightMin: 0.4, heightMax: 0.45, width: 0.55, length: 0.7 },
      protocolLimits: { maxStringLens: {}, maxArrayLens: {}, timing: { minOrderInterval: 1, minStateInterval: 1, defaultStateInterval: 10 } },
      protocolFeatures: { optionalParameters: [], agvActions: [{ actionType: 'clean', actionScopes: ['NODE', 'EDGE'] }] },
      agvGeometry: {},
      loadSpecification: {},
    };
  }
  return {
    ...base,
    typeSpecification: { seriesName: SIM_SERIES, seriesDescription: 'Autonomous floor-cleaning robot (simulated)', mobileRobotKinematics: 'DIFF', mobileRobotClass: 'CARRIER', maximumLoadMass: 0, localizationTypes: ['NATURAL'], navigationTypes: ['AUTONOMOUS'] },
    physicalParameters: { minimumSpeed: 0, maximumSpeed: 1, maximumAcceleration: 0.5, maximumDeceleration: 0.8, minimumHeight: 0.4, maximumHeight: 0.45, width: 0.55, length: 0.7 },
    protocolLimits: { maximumStringLengths: {}, maximumArrayLengths: {}, timing: { minimumOrderInterval: 1, minimumStateInterval: 1, defaultStateInterval: 10 } },
    protocolFeatures: { optionalParameters: [], mobileRobotActions: [{ actionType: 'clean', actionScopes: ['NODE', 'EDGE'], pauseAllowed: true, cancelAllowed: true }] },
    mobileRobotGeometry: {},
    loadSpecification: {},
  };
}
