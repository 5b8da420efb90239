import mqtt from 'mqtt';
import { afterAll, bench, describe } from 'vitest';
import { startEmbeddedBroker } from '../../electron/core/robots/embedded-broker';
import { RobotIngest } from '../../electron/core/robots/mqtt-ingest';
import { invalidTotal, RobotFleet } from '../../electron/core/robots/robot-fleet';
import { stateMessage } from '../../electron/core/robots/simulator/sim-messages';
import { simRandom } from '../../electron/core/robots/simulator/sim-random';
import { SimRobot } from '../../electron/core/robots/simulator/sim-robot';
import { robotSubscriptions, robotTopic, type InterfaceNames } from '../../electron/core/robots/vda5050/topics';

// Robot ingestion over MQTT — receive, size check, JSON, schema of the topic's version, header
// against topic, v2/v3 normalization, the fleet's figures and events — against a bare mqtt
// subscription that only JSON.parses, on the same broker (aedes, in process) in the same run,
// fed the same state messages of 100 robots (50 × 2.1, 50 × 3.0) by the same publisher.
// Each side listens under its own interface names, so each message reaches exactly one of them.
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const MESSAGES = smoke ? 500 : 20_000;
const ROBOTS = 100;
const options = smoke ? { time: 100, iterations: 2, warmupIterations: 0 } : { time: 8_000, iterations: 5, warmupIterations: 1 };

const broker = await startEmbeddedBroker();
const OURS: InterfaceNames = { v2: 'bench-ours', v3: 'bench-ours3' };
const BARE: InterfaceNames = { v2: 'bench-bare', v3: 'bench-bare3' };

/** The same payloads for both sides; only the first topic level differs. */
const robots = Array.from({ length: ROBOTS }, (_, index) => {
  const major = index % 2 === 0 ? 2 : 3;
  const serialNumber = `B${String(index).padStart(4, '0')}`;
  return { major: major as 2 | 3, serialNumber, sim: new SimRobot(serialNumber, simRandom(index + 1), { faultPerSecond: 0.05, disconnectPerSecond: 0 }) };
});
const payloads: { major: 2 | 3; serialNumber: string; payload: Buffer }[] = [];
for (let index = 0; index < MESSAGES; index += 1) {
  const robot = robots[index % ROBOTS]!;
  robot.sim.tick(2);
  payloads.push({ major: robot.major, serialNumber: robot.serialNumber, payload: Buffer.from(JSON.stringify(stateMessage({ manufacturer: 'Bench', serialNumber: robot.serialNumber, major: robot.major }, robot.sim, index, new Date(Date.UTC(2026, 4, 1) + index * 10)))) });
}
const topicsFor = (names: InterfaceNames) => payloads.map(({ major, serialNumber }) => robotTopic(major === 2 ? names.v2 : names.v3, major, 'Bench', serialNumber, 'state'));
const ourTopics = topicsFor(OURS);
const bareTopics = topicsFor(BARE);

const publisher = await mqtt.connectAsync(broker.url, { clientId: 'bench-publisher' });

// Ours: the production path, RobotIngest feeding a RobotFleet.
let ourReceived = 0;
let ourWaiter: (() => void) | null = null;
let ourTarget = 0;
const fleet = new RobotFleet(OURS);
const ours = new RobotIngest(fleet, {
  broker: { url: broker.url },
  names: OURS,
  onMessage: () => {
    ourReceived += 1;
    if (ourReceived >= ourTarget && ourWaiter) ourWaiter();
  },
});
ours.start();
if (!(await ours.waitConnected(5000))) throw new Error('ingest did not connect');

// Bare: a subscription that only parses the JSON.
let bareReceived = 0;
let bareWaiter: (() => void) | null = null;
let bareTarget = 0;
let parsedSink = 0;
const bare = await mqtt.connectAsync(broker.url, { clientId: 'bench-bare' });
await bare.subscribeAsync(robotSubscriptions(BARE), { qos: 1 });
bare.on('message', (_topic, payload) => {
  parsedSink += (JSON.parse(payload.toString('utf8')) as { headerId: number }).headerId & 1;
  bareReceived += 1;
  if (bareReceived >= bareTarget && bareWaiter) bareWaiter();
});

/** Publishes every message (QoS 0) and resolves when the side has received them all. */
async function roundTrip(topics: string[], side: 'ours' | 'bare'): Promise<void> {
  const done = new Promise<void>((resolve) => {
    if (side === 'ours') {
      ourTarget = ourReceived + MESSAGES;
      ourWaiter = resolve;
    } else {
      bareTarget = bareReceived + MESSAGES;
      bareWaiter = resolve;
    }
  });
  for (let index = 0; index < MESSAGES; index += 1) publisher.publish(topics[index]!, payloads[index]!.payload, { qos: 0 });
  await done;
}

afterAll(async () => {
  const refused = invalidTotal(fleet.invalidCounts());
  process.stderr.write(`robots-ingest: ${fleet.list().length} robots, ${fleet.messagesReceived()} messages ingested, ${refused} refused (parsed sink ${parsedSink})\n`);
  if (refused !== 0 || fleet.list().length !== ROBOTS) throw new Error('the benchmark messages were not all ingested as valid');
  await ours.stop();
  await bare.endAsync();
  await publisher.endAsync();
  await broker.close();
});

describe(`ingest ${MESSAGES.toLocaleString('en')} VDA 5050 state messages of ${ROBOTS} robots over MQTT`, () => {
  bench('bare mqtt subscription, JSON.parse only (baseline)', () => roundTrip(bareTopics, 'bare'), options);
  bench('RobotIngest → RobotFleet: validate (v2/v3 schemas), check header vs topic, normalize, figures', () => roundTrip(ourTopics, 'ours'), options);
});
