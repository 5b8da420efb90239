import { describe, expect, it } from 'vitest';
import { applyState, emptyFigures, emptyTracker, MAX_STATE_GAP_MS, per100Hours } from './robot-figures';
import type { NormalizedState } from './vda5050/normalized';

function state(overrides: Partial<NormalizedState> = {}): NormalizedState {
  return {
    headerId: 0,
    timestamp: '2026-05-01T08:00:00Z',
    protocolVersion: '2.1.0',
    operatingMode: 'AUTOMATIC',
    batteryPct: 80,
    charging: false,
    driving: false,
    paused: false,
    orderId: '',
    orderActive: false,
    orderFailed: false,
    position: { x: 0, y: 0, theta: 0, mapId: 'm', localized: true },
    errors: [],
    emergencyStop: 'NONE',
    ...overrides,
  };
}

/** Feeds states 10 s apart and returns the figures. */
function run(states: NormalizedState[], stepMs = 10_000) {
  const figures = emptyFigures();
  const tracker = emptyTracker();
  const outcomes = states.map((item, index) => applyState(figures, tracker, item, index * stepMs, true));
  return { figures, outcomes };
}

describe('robot figures', () => {
  it('counts autonomous runtime for intervals that start in AUTOMATIC with an order or driving', () => {
    const { figures } = run([state({ orderId: 'o1', orderActive: true, driving: true }), state({ orderId: 'o1', orderActive: true }), state({ charging: true }), state({ operatingMode: 'MANUAL', driving: true }), state()]);
    expect(figures.observedMs).toBe(40_000);
    expect(figures.autonomousMs).toBe(20_000); // the first two intervals; charging and manual do not count
  });

  it('caps a silence at MAX_STATE_GAP_MS', () => {
    const { figures } = run([state({ driving: true }), state({ driving: true })], 3_600_000);
    expect(figures.observedMs).toBe(MAX_STATE_GAP_MS);
    expect(figures.autonomousMs).toBe(MAX_STATE_GAP_MS);
  });

  it('counts a mission once when its nodes and edges run out under the same orderId; failed when an action failed', () => {
    const { figures } = run([
      state({ orderId: 'o1', orderActive: true }),
      state({ orderId: 'o1', orderActive: false }),
      state({ orderId: 'o1', orderActive: false }),
      state({ orderId: 'o2', orderActive: true }),
      state({ orderId: 'o2', orderActive: false, orderFailed: true }),
      state({ orderId: 'o3', orderActive: true }),
      state({ orderId: 'o4', orderActive: false }), // o3 replaced before it ended: not counted
    ]);
    expect(figures).toMatchObject({ missionsCompleted: 1, missionsFailed: 1 });
  });

  it('adds straight-line distance between localized positions on the same map, dropping relocalization jumps', () => {
    const at = (x: number, y: number, mapId = 'm', localized = true) => state({ position: { x, y, theta: 0, mapId, localized } });
    const { figures } = run([at(0, 0), at(3, 4), at(3, 4), at(500, 4), at(503, 8), at(0, 0, 'other'), at(0, 1, 'other'), at(5, 1, 'other', false)]);
    // 5 + 0 + (jump of 497 m in 10 s dropped) + 5 + (map change) + 1 + (not localized) = 11
    expect(figures.distanceM).toBeCloseTo(11, 9);
  });

  it('counts errors raised and interventions (a robot coming to need a person)', () => {
    const warning = { type: 'brush', level: 'WARNING' as const, sourceLevel: 'URGENT', description: null };
    const fatal = { type: 'wheel', level: 'FATAL' as const, sourceLevel: 'FATAL', description: null };
    const { figures, outcomes } = run([
      state({ operatingMode: 'MANUAL' }), // first sight: not an intervention we saw happen
      state(),
      state({ errors: [warning] }),
      state({ errors: [warning, fatal] }),
      state({ errors: [fatal], operatingMode: 'MANUAL' }), // the same need, still one intervention
      state(),
      state({ emergencyStop: 'MANUAL' }),
      state({ operatingMode: 'INTERVENED' }),
    ]);
    expect(figures.errorsRaised).toBe(2);
    expect(figures.interventions).toBe(2); // the FATAL error, then the manual e-stop (INTERVENED continues that need)
    expect(outcomes[5]!.cleared).toEqual(['wheel|FATAL']);
  });

  it('expresses counts per 100 hours of autonomous runtime', () => {
    expect(per100Hours(3, 50 * 3_600_000)).toBe(6);
    expect(per100Hours(3, 0)).toBeNull();
  });
});
