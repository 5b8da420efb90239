import type { NormalizedConnection, NormalizedFactsheet, NormalizedState } from './normalized';
import { normalizeConnection, normalizeV2Factsheet, normalizeV2State, normalizeV3Factsheet, normalizeV3State } from './normalize';
import { VDA5050_SCHEMAS, type ProtocolMajor } from './schemas';
import { parseRobotTopic, type InterfaceNames } from './topics';
import type { V2Factsheet, V2State } from './v2-schemas';
import type { V3Factsheet, V3State } from './v3-schemas';

/** Larger than any sane factsheet (with 3D envelopes inline); anything beyond is refused unread. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Why a message was refused; counted per robot and per reason. */
export const INVALID_REASONS = ['unknown-topic', 'too-large', 'not-json', 'schema', 'topic-header-mismatch', 'version-mismatch'] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

interface Robot {
  manufacturer: string;
  serialNumber: string;
}

export type DecodedMessage = Robot & { major: ProtocolMajor; interfaceName: string } & (
    | { topic: 'state'; body: NormalizedState }
    | { topic: 'connection'; body: NormalizedConnection }
    | { topic: 'factsheet'; body: NormalizedFactsheet }
  );

export type DecodeResult =
  | { ok: true; message: DecodedMessage }
  /** `robot` is null when the topic itself names no robot of ours. */
  | { ok: false; reason: InvalidReason; detail: string; robot: Robot | null };

const DETAIL_LENGTH = 200;

function clip(text: string): string {
  return text.length > DETAIL_LENGTH ? `${text.slice(0, DETAIL_LENGTH - 1)}…` : text;
}

/**
 * One MQTT message to a normalized robot message, or the reason it is refused. Never throws:
 * the ingestion loop calls it for every message and must not stop on one robot's garbage.
 * Order of checks: topic shape, size, JSON, schema of the topic's version, then the header
 * against the topic (manufacturer, serialNumber, major version).
 */
export function decodeRobotMessage(topic: string, payload: Uint8Array, names: InterfaceNames): DecodeResult {
  const address = parseRobotTopic(topic, names);
  if (!address) return { ok: false, reason: 'unknown-topic', detail: clip(`not a VDA 5050 robot topic: ${topic}`), robot: null };
  const robot = { manufacturer: address.manufacturer, serialNumber: address.serialNumber };
  if (payload.byteLength > MAX_MESSAGE_BYTES) return { ok: false, reason: 'too-large', detail: `${payload.byteLength} bytes (limit ${MAX_MESSAGE_BYTES})`, robot };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: clip((error as Error).message), robot };
  }
  const parsed = VDA5050_SCHEMAS[address.major][address.topic].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: 'schema', detail: clip(issue ? `${issue.path.join('.') || '(message)'}: ${issue.message}` : 'invalid'), robot };
  }
  const header = parsed.data as { manufacturer: string; serialNumber: string; version: string };
  if (header.manufacturer !== address.manufacturer || header.serialNumber !== address.serialNumber) {
    return { ok: false, reason: 'topic-header-mismatch', detail: clip(`header names ${header.manufacturer}/${header.serialNumber}, topic ${address.manufacturer}/${address.serialNumber}`), robot };
  }
  if (!header.version.startsWith(`${address.major}.`)) return { ok: false, reason: 'version-mismatch', detail: clip(`header version "${header.version}" on a v${address.major} topic`), robot };
  const base = { ...robot, major: address.major, interfaceName: address.interfaceName };
  switch (address.topic) {
    case 'state':
      return { ok: true, message: { ...base, topic: 'state', body: address.major === 2 ? normalizeV2State(parsed.data as V2State) : normalizeV3State(parsed.data as V3State) } };
    case 'connection':
      return { ok: true, message: { ...base, topic: 'connection', body: normalizeConnection(parsed.data as Parameters<typeof normalizeConnection>[0]) } };
    case 'factsheet':
      return { ok: true, message: { ...base, topic: 'factsheet', body: address.major === 2 ? normalizeV2Factsheet(parsed.data as V2Factsheet) : normalizeV3Factsheet(parsed.data as V3Factsheet) } };
  }
}
