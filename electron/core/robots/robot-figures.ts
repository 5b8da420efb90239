import type { NormalizedState, OperatingMode, RobotError } from './vda5050/normalized';

/**
 * The figures that show a rented robot earns its keep, accumulated from its state messages.
 * How each is computed is documented in docs/robots.md; in short:
 * - observed time: time between consecutive state messages while online (gaps capped);
 * - autonomous runtime: the part of it spent in AUTOMATIC mode with an order in progress or driving;
 * - missions: orders whose nodes and edges ran out under the same orderId (failed when an action FAILED);
 * - distance: straight lines between consecutive localized positions on the same map (jumps dropped);
 * - errors: errors raised (a type and level not active in the previous state);
 * - interventions: a robot coming to need a person (manual-type mode, FATAL error, manual e-stop).
 */
export interface RobotFigures {
  observedMs: number;
  autonomousMs: number;
  missionsCompleted: number;
  missionsFailed: number;
  distanceM: number;
  errorsRaised: number;
  interventions: number;
}

/** What the figures need to remember between two state messages (persisted with the robot). */
export interface FigureTracker {
  lastStateAt: number | null;
  previous: Pick<NormalizedState, 'operatingMode' | 'orderId' | 'orderActive' | 'driving'> | null;
  countedOrderId: string | null;
  lastPosition: { x: number; y: number; mapId: string } | null;
  activeErrors: string[];
  needsPerson: boolean;
}

/** VDA 5050 asks for a state at least every 30 s; a longer silence counts only this much. */
export const MAX_STATE_GAP_MS = 60_000;
/** A robot does not move faster than this (m/s); a longer jump is a relocalization, not driving. */
const MAX_PLAUSIBLE_SPEED = 5;
const JUMP_ALLOWANCE_M = 0.5;

const PERSON_MODES: ReadonlySet<OperatingMode> = new Set(['MANUAL', 'SERVICE', 'TEACHIN', 'INTERVENED']);

export function emptyFigures(): RobotFigures {
  return { observedMs: 0, autonomousMs: 0, missionsCompleted: 0, missionsFailed: 0, distanceM: 0, errorsRaised: 0, interventions: 0 };
}

export function emptyTracker(): FigureTracker {
  return { lastStateAt: null, previous: null, countedOrderId: null, lastPosition: null, activeErrors: [], needsPerson: false };
}

export function errorKey(error: Pick<RobotError, 'type' | 'sourceLevel'>): string {
  return `${error.type}|${error.sourceLevel}`;
}

export function needsPerson(state: Pick<NormalizedState, 'operatingMode' | 'errors' | 'emergencyStop'>): boolean {
  return PERSON_MODES.has(state.operatingMode) || state.emergencyStop === 'MANUAL' || state.errors.some((error) => error.level === 'FATAL');
}

export interface StateOutcome {
  raised: RobotError[];
  cleared: string[];
  missionCompleted: string | null;
  missionFailed: string | null;
  intervention: boolean;
}

/**
 * Folds one state message (received at `at`) into the figures. `countTime` is false for a
 * retained message: it tells what the robot last said, not that time passed while it worked.
 */
export function applyState(figures: RobotFigures, tracker: FigureTracker, state: NormalizedState, at: number, countTime: boolean): StateOutcome {
  const previous = tracker.previous;
  if (countTime && tracker.lastStateAt !== null && previous !== null && at > tracker.lastStateAt) {
    const elapsed = Math.min(at - tracker.lastStateAt, MAX_STATE_GAP_MS);
    figures.observedMs += elapsed;
    // The interval is credited to what the robot said it was doing at its start.
    if (previous.operatingMode === 'AUTOMATIC' && (previous.orderActive || previous.driving)) figures.autonomousMs += elapsed;
  }

  let missionCompleted: string | null = null;
  let missionFailed: string | null = null;
  if (previous && previous.orderActive && !state.orderActive && previous.orderId === state.orderId && state.orderId !== '' && tracker.countedOrderId !== state.orderId) {
    tracker.countedOrderId = state.orderId;
    if (state.orderFailed) {
      figures.missionsFailed += 1;
      missionFailed = state.orderId;
    } else {
      figures.missionsCompleted += 1;
      missionCompleted = state.orderId;
    }
  }

  const position = state.position;
  if (position && position.localized) {
    const last = tracker.lastPosition;
    if (last && last.mapId === position.mapId && tracker.lastStateAt !== null) {
      const step = Math.hypot(position.x - last.x, position.y - last.y);
      const limit = (MAX_PLAUSIBLE_SPEED * Math.max(at - tracker.lastStateAt, 0)) / 1000 + JUMP_ALLOWANCE_M;
      if (Number.isFinite(step) && step <= limit) figures.distanceM += step;
    }
    tracker.lastPosition = { x: position.x, y: position.y, mapId: position.mapId };
  }

  const before = new Set(tracker.activeErrors);
  const now = new Map(state.errors.map((error) => [errorKey(error), error]));
  const raised = [...now].filter(([key]) => !before.has(key)).map(([, error]) => error);
  const cleared = [...before].filter((key) => !now.has(key));
  figures.errorsRaised += raised.length;
  tracker.activeErrors = [...now.keys()];

  const person = needsPerson(state);
  // Only a change we saw counts: a robot first seen already in MANUAL is not an intervention we observed.
  const intervention = person && !tracker.needsPerson && previous !== null;
  if (intervention) figures.interventions += 1;
  tracker.needsPerson = person;

  tracker.previous = { operatingMode: state.operatingMode, orderId: state.orderId, orderActive: state.orderActive, driving: state.driving };
  tracker.lastStateAt = countTime ? at : null;
  return { raised, cleared, missionCompleted, missionFailed, intervention };
}

/** The connection ended (or its state is unknown): the next state starts a new interval. */
export function breakInterval(tracker: FigureTracker): void {
  tracker.lastStateAt = null;
}

/** Per 100 hours of autonomous runtime, or null before there is any runtime to divide by. */
export function per100Hours(count: number, autonomousMs: number): number | null {
  if (autonomousMs <= 0) return null;
  return (count * 100 * 3_600_000) / autonomousMs;
}
