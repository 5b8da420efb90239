// Valid VDA 5050 messages for unit tests, built by the simulator's own builders so the tests
// exercise the same shapes a fleet sends. (Official-schema validity of these builders is
// checked in test/integration/robots-fleet.test.ts.)
import { connectionMessage, factsheetMessage, stateMessage, type SimIdentity } from './simulator/sim-messages';
import { simRandom } from './simulator/sim-random';
import { SimRobot } from './simulator/sim-robot';
import { robotTopic } from './vda5050/topics';

export function testRobot(serialNumber = 'R1', major: 2 | 3 = 2, manufacturer = 'Acme'): { identity: SimIdentity; robot: SimRobot; topic: (leaf: 'state' | 'connection' | 'factsheet') => string } {
  const identity = { manufacturer, serialNumber, major };
  const robot = new SimRobot(serialNumber, simRandom(7), { faultPerSecond: 0, disconnectPerSecond: 0 });
  return { identity, robot, topic: (leaf) => robotTopic(major === 2 ? 'uagv' : 'vda5050', major, manufacturer, serialNumber, leaf) };
}

export const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

export { connectionMessage, factsheetMessage, stateMessage };
