import { describe, expect, it } from 'vitest';
import { toInventoryRobotsJson } from './inventory-robots-json';
import { RobotFleet } from './robot-fleet';
import { connectionMessage, factsheetMessage, json, stateMessage, testRobot } from './robot-test-messages';
import { DEFAULT_INTERFACE_NAMES } from './vda5050/topics';

function fleetAt(start = Date.parse('2026-05-01T08:00:00Z')) {
  let now = start;
  const fleet = new RobotFleet(DEFAULT_INTERFACE_NAMES, () => now);
  return { fleet, advance: (ms: number) => (now += ms), at: () => new Date(now) };
}

describe('RobotFleet', () => {
  it('registers a robot from a valid state, with v2 names for a v3 robot', () => {
    const { fleet, at } = fleetAt();
    const { identity, robot, topic } = testRobot('S3', 3);
    robot.errors.push({ type: 'bumper', v2Level: 'WARNING', v3Level: 'CRITICAL', description: 'front bumper', clearsAtS: null });
    expect(fleet.ingest(topic('state'), json(stateMessage(identity, robot, 1, at())))).toBe(true);
    const [record] = fleet.list();
    expect(record).toMatchObject({ id: 'robot:Acme:S3', online: true, connection: null, protocolVersion: '3.0.0', major: 3 });
    expect(record!.state!.errors).toEqual([{ type: 'bumper', level: 'WARNING', sourceLevel: 'CRITICAL', description: 'front bumper' }]);
    expect(record!.state!.batteryPct).toBe(Math.round(robot.batteryPct * 10) / 10);
  });

  it('normalizes CONNECTIONBROKEN (v2) and CONNECTION_BROKEN (v3); online follows the last connection message', () => {
    const { fleet, at, advance } = fleetAt();
    for (const major of [2, 3] as const) {
      const { identity, topic } = testRobot(`C${major}`, major);
      fleet.ingest(topic('connection'), json(connectionMessage(identity, 0, at(), 'ONLINE')));
      expect(fleet.get(`robot:Acme:C${major}`)).toMatchObject({ online: true, connection: 'ONLINE' });
      advance(1000);
      fleet.ingest(topic('connection'), json(connectionMessage(identity, 1, at(), 'BROKEN')));
      expect(fleet.get(`robot:Acme:C${major}`)).toMatchObject({ online: false, connection: 'CONNECTION_BROKEN' });
    }
    const kinds = fleet.drain().events.map((event) => event.kind);
    expect(kinds).toEqual(['robot.online', 'robot.connection-broken', 'robot.online', 'robot.connection-broken']);
  });

  it('refuses a message whose header names another robot than its topic, and counts it on the topic’s robot', () => {
    const { fleet, at } = fleetAt();
    const { identity, robot } = testRobot('R1', 2);
    const other = testRobot('R2', 2);
    expect(fleet.ingest(other.topic('state'), json(stateMessage(identity, robot, 1, at())))).toBe(false);
    expect(fleet.ingest(other.topic('state'), json(stateMessage({ ...identity, serialNumber: 'R2', manufacturer: 'Other' }, robot, 2, at())))).toBe(false);
    expect(fleet.list()).toEqual([]); // known only from invalid messages: counted, not listed
    expect(fleet.invalidCounts()['topic-header-mismatch']).toBe(2);
    // Once it speaks properly it is listed, and keeps its count.
    expect(fleet.ingest(other.topic('state'), json(stateMessage(other.identity, robot, 3, at())))).toBe(true);
    expect(toInventoryRobotsJson(fleet).robots[0]).toMatchObject({ id: 'robot:Acme:R2', invalidMessages: 2 });
  });

  it('refuses a v3 message on a v2 topic, bad JSON and schema violations, keeping the last few for inspection', () => {
    const { fleet, at } = fleetAt();
    const v3 = testRobot('R1', 3);
    const v2Topic = testRobot('R1', 2).topic('state');
    expect(fleet.ingest(v2Topic, json(stateMessage(v3.identity, v3.robot, 1, at())))).toBe(false);
    const v2 = testRobot('R1', 2);
    const valid = stateMessage(v2.identity, v2.robot, 1, at());
    expect(fleet.ingest(v2Topic, json({ ...valid, version: '3.0.0' }))).toBe(false);
    expect(fleet.ingest(v2Topic, Buffer.from('{"headerId": 1,'))).toBe(false);
    for (let index = 0; index < 6; index += 1) fleet.ingest(v2Topic, json({ ...valid, batteryState: { batteryCharge: 'full', charging: false } }));
    fleet.ingest('uagv/v2/Acme/R1/order', json(valid));
    const counts = fleet.invalidCounts();
    expect(counts).toMatchObject({ schema: 7, 'version-mismatch': 1, 'not-json': 1, 'unknown-topic': 1 });
    expect(fleet.recentInvalid().at(-2)).toMatchObject({ reason: 'schema', detail: 'batteryState.batteryCharge: Invalid input: expected number, received string' });
    expect(toInventoryRobotsJson(fleet)).toEqual({ robots: [], invalidMessages: 10 });
  });

  it('lists what `inventory robots` promises: online, connection, mode, battery, active errors by v2 level', () => {
    const { fleet, at, advance } = fleetAt();
    const { identity, robot, topic } = testRobot('R9', 3);
    fleet.ingest(topic('factsheet'), json(factsheetMessage(identity, 0, at())), true);
    fleet.ingest(topic('connection'), json(connectionMessage(identity, 0, at(), 'ONLINE')));
    robot.errors.push({ type: 'wheelBlocked', v2Level: 'FATAL', v3Level: 'FATAL', description: 'x', clearsAtS: null });
    advance(500);
    fleet.ingest(topic('state'), json(stateMessage(identity, robot, 0, at())));
    const listed = toInventoryRobotsJson(fleet);
    expect(listed).toEqual({
      robots: [
        {
          id: 'robot:Acme:R9',
          manufacturer: 'Acme',
          serialNumber: 'R9',
          protocolVersion: '3.0.0',
          online: true,
          connection: 'ONLINE',
          lastSeen: at().toISOString(),
          operatingMode: 'AUTOMATIC',
          batteryPct: Math.round(robot.batteryPct * 10) / 10,
          errors: [{ type: 'wheelBlocked', level: 'FATAL' }],
          invalidMessages: 0,
        },
      ],
      invalidMessages: 0,
    });
    expect(fleet.get('robot:Acme:R9')!.factsheet).toMatchObject({ seriesName: 'CleanBot S2', robotClass: 'CARRIER', kinematics: 'DIFF', dimensions: { length: 0.7, width: 0.55, height: 0.45 } });
  });

  it('journals errors raised and cleared', () => {
    const { fleet, at, advance } = fleetAt();
    const { identity, robot, topic } = testRobot('E1', 2);
    fleet.ingest(topic('state'), json(stateMessage(identity, robot, 0, at())));
    robot.errors.push({ type: 'brushBlocked', v2Level: 'WARNING', v3Level: 'URGENT', description: 'x', clearsAtS: null });
    advance(1000);
    fleet.ingest(topic('state'), json(stateMessage(identity, robot, 1, at())));
    robot.errors = [];
    advance(1000);
    fleet.ingest(topic('state'), json(stateMessage(identity, robot, 2, at())));
    const events = fleet.drain().events.map((event) => [event.kind, event.payload.type ?? null]);
    expect(events).toEqual([
      ['robot.online', null],
      ['robot.error-raised', 'brushBlocked'],
      ['robot.error-cleared', 'brushBlocked'],
    ]);
  });
});
