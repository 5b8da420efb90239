import type { ProtocolMajor, RobotTopic } from './schemas';

/** The first topic level per major version: `uagv` for 2.x and `vda5050` for 3.0 unless configured otherwise. */
export interface InterfaceNames {
  v2: string;
  v3: string;
}

export const DEFAULT_INTERFACE_NAMES: InterfaceNames = { v2: 'uagv', v3: 'vda5050' };

export const ROBOT_TOPICS: readonly RobotTopic[] = ['state', 'connection', 'factsheet'];
const MAJORS: readonly ProtocolMajor[] = [2, 3];

/** What a robot topic names: `{interfaceName}/{v2|v3}/{manufacturer}/{serialNumber}/{topic}`. */
export interface TopicAddress {
  major: ProtocolMajor;
  interfaceName: string;
  manufacturer: string;
  serialNumber: string;
  topic: RobotTopic;
}

/** The subscriptions for every major version and topic we read. */
export function robotSubscriptions(names: InterfaceNames): string[] {
  return MAJORS.flatMap((major) => ROBOT_TOPICS.map((topic) => `${interfaceNameFor(names, major)}/v${major}/+/+/${topic}`));
}

export function interfaceNameFor(names: InterfaceNames, major: ProtocolMajor): string {
  return major === 2 ? names.v2 : names.v3;
}

export function robotTopic(interfaceName: string, major: ProtocolMajor, manufacturer: string, serialNumber: string, topic: RobotTopic): string {
  return `${interfaceName}/v${major}/${manufacturer}/${serialNumber}/${topic}`;
}

/**
 * Reads a topic back into its parts, or null when it is not one of ours (wrong level count,
 * unknown major or topic, an empty manufacturer or serial). The broker only delivers what we
 * subscribed to, but a shared broker, a wildcard or a misbehaving robot may still send oddities.
 */
export function parseRobotTopic(topic: string, names: InterfaceNames): TopicAddress | null {
  const levels = topic.split('/');
  if (levels.length !== 5) return null;
  const [interfaceName, version, manufacturer, serialNumber, leaf] = levels as [string, string, string, string, string];
  const major = version === 'v2' ? 2 : version === 'v3' ? 3 : null;
  if (major === null || interfaceName !== interfaceNameFor(names, major)) return null;
  if (!(ROBOT_TOPICS as readonly string[]).includes(leaf) || manufacturer === '' || serialNumber === '') return null;
  return { major, interfaceName, manufacturer, serialNumber, topic: leaf as RobotTopic };
}
