import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../electron/core/config/config';
import type { Core } from '../../electron/core/core';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/core/robots/embedded-broker';
import { FleetSimulator } from '../../electron/core/robots/simulator/fleet-simulator';
import { connectionMessage, factsheetMessage, stateMessage } from '../../electron/core/robots/simulator/sim-messages';
import { simRandom } from '../../electron/core/robots/simulator/sim-random';
import { SimRobot } from '../../electron/core/robots/simulator/sim-robot';
import { startTestCore } from '../support/core-fixture';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';
import { officialValidator, type Vda5050Topic } from '../support/vda5050-official';

// The robots end to end on a real broker (aedes, in process, 127.0.0.1) and a real core on a
// real SQLite file: 50 simulated robots of each protocol version, every message they publish
// checked against the official schema, the register against what they said, a broker restart
// mid-run, and an unclean disconnect that the last will reports.

const tempDir = useTempDirs();
const PER_VERSION = 50;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

interface Published {
  invalid: { topic: string; errors: unknown }[];
  count: number;
  /** The last state each robot published, by serial number. */
  lastState: Map<string, Record<string, unknown>>;
}

function recorder(): Published & { onPublish: (major: 2 | 3) => (topic: string, payload: Buffer) => void } {
  const published: Published = { invalid: [], count: 0, lastState: new Map() };
  return {
    ...published,
    get count() {
      return published.count;
    },
    onPublish: (major) => (topic, payload) => {
      published.count += 1;
      const leaf = topic.split('/')[4] as Vda5050Topic;
      const message = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
      const validate = officialValidator(major, leaf);
      if (!validate(message) && published.invalid.length < 5) published.invalid.push({ topic, errors: validate.errors });
      if (leaf === 'state') published.lastState.set(String(message.serialNumber), message);
    },
  };
}

async function startCore(dataDir: string, brokerUrl: string): Promise<Core> {
  const core = startTestCore(dataDir, undefined, undefined, { config: configSchema.parse({ robots: { broker: { url: brokerUrl } } }) });
  await core.start({ node: false });
  cleanup.push(() => core.close());
  return core;
}

function startFleet(brokerUrl: string, major: 2 | 3, onPublish: (topic: string, payload: Buffer) => void): FleetSimulator {
  // Four simulated seconds per second and frequent faults: orders, charging and errors happen within the test.
  const simulator = new FleetSimulator({ brokerUrl, count: PER_VERSION, major, timeScale: 4, tickMs: 500, stateIntervalMs: 2000, behaviour: { faultPerSecond: 1 / 40, disconnectPerSecond: 0 }, onPublish });
  cleanup.push(() => simulator.stop());
  return simulator;
}

async function startBroker(port = 0): Promise<EmbeddedBroker> {
  const broker = await startEmbeddedBroker({ port });
  cleanup.push(() => broker.close());
  return broker;
}

/** What a v2 or v3 state message says, in the register's (v2) names. */
function expectedFrom(message: Record<string, unknown>) {
  const v2 = String(message.version).startsWith('2.');
  const battery = (v2 ? (message.batteryState as { batteryCharge: number }).batteryCharge : (message.powerSupply as { stateOfCharge: number }).stateOfCharge) as number;
  const errors = (message.errors as { errorType: string; errorLevel: string }[]).map((error) => ({ type: error.errorType, level: error.errorLevel === 'FATAL' ? 'FATAL' : 'WARNING', sourceLevel: error.errorLevel }));
  return { batteryPct: battery, operatingMode: message.operatingMode, errors };
}

describe('the simulator’s messages at the edges', () => {
  it('stay valid by the official schemas at ±π, empty and full batteries, every error level and connection state', () => {
    for (const major of [2, 3] as const) {
      const identity = { manufacturer: 'Edge', serialNumber: 'E1', major };
      const robot = new SimRobot('E1', simRandom(1), { faultPerSecond: 0, disconnectPerSecond: 0 });
      robot.errors = [
        { type: 'a', v2Level: 'WARNING', v3Level: 'WARNING', description: 'x', clearsAtS: null },
        { type: 'b', v2Level: 'WARNING', v3Level: 'URGENT', description: 'x', clearsAtS: null },
        { type: 'c', v2Level: 'WARNING', v3Level: 'CRITICAL', description: 'x', clearsAtS: null },
        { type: 'd', v2Level: 'FATAL', v3Level: 'FATAL', description: 'x', clearsAtS: null },
      ];
      for (const [theta, battery] of [[Math.PI, 0], [-Math.PI, 100], [3.14159265358979, 99.96]] as const) {
        robot.theta = theta;
        robot.batteryPct = battery;
        const message = stateMessage(identity, robot, 1, new Date());
        expect(officialValidator(major, 'state')(message), JSON.stringify(officialValidator(major, 'state').errors)).toBe(true);
      }
      for (const state of ['ONLINE', 'OFFLINE', 'BROKEN'] as const) expect(officialValidator(major, 'connection')(connectionMessage(identity, 1, new Date(), state))).toBe(true);
      expect(officialValidator(major, 'factsheet')(factsheetMessage(identity, 1, new Date()))).toBe(true);
    }
  });
});

describe('robots over a real MQTT broker', () => {
  it(`registers ${PER_VERSION} robots of each protocol version with the states they published, all valid by the official schemas`, async () => {
    const broker = await startBroker();
    const core = await startCore(tempDir(), broker.url);
    const published = recorder();
    const fleets = [startFleet(broker.url, 2, published.onPublish(2)), startFleet(broker.url, 3, published.onPublish(3))];
    await Promise.all(fleets.map((fleet) => fleet.start()));

    const list = () => core.handlers['robots.list']({});
    await until('100 robots online with a state', async () => (await list()).robots.filter((robot) => robot.online && robot.operatingMode !== null).length === 2 * PER_VERSION, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 6000)); // let orders, errors and charging happen

    // Quiesce: stop publishing, then the register must match each robot's last state exactly.
    await Promise.all(fleets.map((fleet) => fleet.stop()));
    cleanup.length = 0;
    cleanup.push(() => core.close(), () => broker.close());
    expect(published.invalid).toEqual([]);
    expect(published.count).toBeGreaterThan(2 * PER_VERSION * 5);
    await until('every robot offline after the orderly stop', async () => (await list()).robots.every((robot) => robot.connection === 'OFFLINE'), 10_000);
    const { robots, invalid, source } = await list();
    expect(robots).toHaveLength(2 * PER_VERSION);
    expect(invalid.total).toBe(0);
    expect(source).toMatchObject({ mode: 'external', connected: true });
    for (const robot of robots) {
      const last = published.lastState.get(robot.serialNumber);
      expect(last, robot.id).toBeDefined();
      expect({ batteryPct: robot.batteryPct, operatingMode: robot.operatingMode, errors: robot.errors.map(({ type, level, sourceLevel }) => ({ type, level, sourceLevel })) }).toEqual(expectedFrom(last!));
      expect(robot.protocolVersion).toBe(robot.protocolMajor === 2 ? '2.1.0' : '3.0.0');
      expect(robot.online).toBe(false);
    }
    // Something happened in that minute of simulated work.
    expect(robots.some((robot) => robot.errors.length > 0) || robots.some((robot) => robot.missionsCompleted > 0)).toBe(true);
    expect(robots.reduce((sum, robot) => sum + robot.autonomousHours, 0)).toBeGreaterThan(0);

    // The asset register holds them as robots, discovered once each, journaled.
    const assets = await core.handlers['inventory.assets.list']({ kind: 'robot' });
    expect(assets.assets.map((asset) => asset.id).sort()).toEqual(robots.map((robot) => robot.id).sort());
    const detail = await core.handlers['robots.get']({ id: 'robot:SietchSim:CB3-0001', hours: 24 });
    expect(detail.events.map((event) => event.kind)).toContain('asset.discovered');
    expect(detail.events.map((event) => event.kind)).toContain('robot.offline');
    expect(detail.factsheet).toMatchObject({ seriesName: 'CleanBot S2', dimensions: { length: 0.7, width: 0.55, height: 0.45 } });
    expect(detail.timeline.length).toBeGreaterThan(1);
    expect((await core.handlers['journal.verify']({})).ok).toBe(true);
  }, 90_000);

  it('loses no robot when the broker stops and comes back mid-run', async () => {
    const first = await startBroker();
    const core = await startCore(tempDir(), first.url);
    const published = recorder();
    const fleets = [startFleet(first.url, 2, published.onPublish(2)), startFleet(first.url, 3, published.onPublish(3))];
    await Promise.all(fleets.map((fleet) => fleet.start()));
    const list = () => core.handlers['robots.list']({});
    await until('100 robots online', async () => (await list()).robots.filter((robot) => robot.online).length === 2 * PER_VERSION, 30_000);

    await first.close();
    await until('the core sees the broker gone', async () => !(await list()).source.connected, 10_000);
    expect((await list()).robots).toHaveLength(2 * PER_VERSION);
    const restartedAt = Date.now();
    await startBroker(first.port); // same address, empty: no retained messages survive

    await until(
      'every robot heard again after the restart',
      async () => {
        const { robots, source } = await list();
        return source.connected && robots.length === 2 * PER_VERSION && robots.every((robot) => robot.online && Date.parse(robot.lastSeen!) >= restartedAt);
      },
      45_000,
    );
    const { robots, invalid } = await list();
    expect(new Set(robots.map((robot) => robot.id)).size).toBe(2 * PER_VERSION);
    expect(invalid.total).toBe(0);
    expect(published.invalid).toEqual([]);
  }, 120_000);

  it('shows a robot that drops its connection uncleanly as connection broken (its last will), then back online', async () => {
    const broker = await startBroker();
    const core = await startCore(tempDir(), broker.url);
    const published = recorder();
    const v2 = new FleetSimulator({ brokerUrl: broker.url, count: 3, major: 2, stateIntervalMs: 1000, behaviour: { faultPerSecond: 0, disconnectPerSecond: 0 }, onPublish: published.onPublish(2) });
    const v3 = new FleetSimulator({ brokerUrl: broker.url, count: 3, major: 3, stateIntervalMs: 1000, behaviour: { faultPerSecond: 0, disconnectPerSecond: 0 }, onPublish: published.onPublish(3) });
    cleanup.push(() => v2.stop(), () => v3.stop());
    await Promise.all([v2.start(), v3.start()]);
    const get = (id: string) => core.handlers['robots.get']({ id, hours: 1 });
    await until('six robots online', async () => (await core.handlers['robots.list']({})).robots.filter((robot) => robot.online).length === 6, 15_000);

    v2.breakConnection('CB2-0002', 3000);
    v3.breakConnection('CB3-0003', 3000);
    for (const id of ['robot:SietchSim:CB2-0002', 'robot:SietchSim:CB3-0003']) {
      await until(`${id} connection broken`, async () => (await get(id)).robot.connection === 'CONNECTION_BROKEN', 10_000);
      const detail = await get(id);
      expect(detail.robot.online).toBe(false);
      expect(detail.robot.activity).toBe('offline');
      expect(detail.events.map((event) => event.kind)).toContain('robot.connection-broken');
      const asset = await core.handlers['inventory.asset.get']({ id });
      expect(asset.asset.health).toEqual({ status: 'unknown', reasons: ['robot-connection-broken'] });
      expect(core.robots.robotNodeSamples().find((sample) => sample.assetId === id)).toMatchObject({ present: false, healthy: false, flags: ['missing'] });
    }
    expect((await get('robot:SietchSim:CB2-0001')).robot.connection).toBe('ONLINE');
    for (const id of ['robot:SietchSim:CB2-0002', 'robot:SietchSim:CB3-0003']) await until(`${id} back online`, async () => (await get(id)).robot.connection === 'ONLINE', 15_000);
    expect(core.robots.robotNodeSamples().every((sample) => sample.present)).toBe(true);
    expect(published.invalid).toEqual([]);
  }, 60_000);
});
