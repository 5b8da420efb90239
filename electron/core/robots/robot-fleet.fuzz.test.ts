import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidTotal, RobotFleet } from './robot-fleet';
import { connectionMessage, factsheetMessage, json, stateMessage, testRobot } from './robot-test-messages';
import { MAX_MESSAGE_BYTES } from './vda5050/decode-message';
import { DEFAULT_INTERFACE_NAMES } from './vda5050/topics';

// 10,000 malformed messages of every kind at one fleet: none may throw, each must be counted
// (per robot where the topic names one, per reason always), and the fleet must still take a
// valid message afterwards.

const at = new Date('2026-05-01T08:00:00Z');
const robots = [testRobot('F2', 2), testRobot('F3', 3)];
const valid = robots.flatMap(({ identity, robot, topic }) => [
  { topic: topic('state'), message: stateMessage(identity, robot, 1, at) },
  { topic: topic('connection'), message: connectionMessage(identity, 1, at, 'ONLINE') },
  { topic: topic('factsheet'), message: factsheetMessage(identity, 1, at) },
]);
const HUGE = Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20);
const REQUIRED: Record<string, string[]> = {
  state: ['headerId', 'timestamp', 'version', 'manufacturer', 'serialNumber', 'orderId', 'nodeStates', 'edgeStates', 'driving', 'actionStates', 'operatingMode', 'errors', 'safetyState'],
  connection: ['headerId', 'timestamp', 'version', 'manufacturer', 'serialNumber', 'connectionState'],
  factsheet: ['version', 'manufacturer', 'serialNumber', 'typeSpecification', 'physicalParameters', 'protocolLimits', 'protocolFeatures', 'loadSpecification'],
};
const leaf = (topic: string) => topic.split('/')[4]!;

const wrongType = fc.oneof(fc.constant(null), fc.boolean().map((value) => (value ? 'true' : [])), fc.constant({ nested: 1 }), fc.constant(-0.5), fc.string());

const malformed: fc.Arbitrary<{ topic: string; payload: Buffer }> = fc.oneof(
  // Not JSON at all (or cut short).
  fc.tuple(fc.constantFrom(...valid), fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.nat()).map(([{ topic, message }, bytes, cut]) => {
    const text = JSON.stringify(message);
    const payload = cut % 2 === 0 ? Buffer.from(text.slice(0, cut % text.length || 1)) : Buffer.concat([Buffer.from([0x7b]), Buffer.from(bytes), Buffer.from('\u0000')]);
    return { topic, payload };
  }),
  // JSON, but not an object.
  fc.tuple(fc.constantFrom(...valid), fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer()))).map(([{ topic }, value]) => ({ topic, payload: json(value) })),
  // A required field missing.
  fc.tuple(fc.constantFrom(...valid), fc.nat()).map(([{ topic, message }, pick]) => {
    const fields = REQUIRED[leaf(topic)]!;
    const copy: Record<string, unknown> = { ...message };
    delete copy[fields[pick % fields.length]!];
    return { topic, payload: json(copy) };
  }),
  // A required field of the wrong type.
  fc.tuple(fc.constantFrom(...valid), fc.nat(), wrongType).map(([{ topic, message }, pick, value]) => {
    const fields = REQUIRED[leaf(topic)]!.filter((field) => typeof (message as Record<string, unknown>)[field] !== typeof value || Array.isArray(value) !== Array.isArray((message as Record<string, unknown>)[field]));
    const field = fields[pick % fields.length]!;
    return { topic, payload: json({ ...message, [field]: value }) };
  }),
  // Huge.
  fc.constantFrom(...valid).map(({ topic }) => ({ topic, payload: HUGE })),
  // Topics that are not robot topics.
  fc.tuple(fc.array(fc.stringMatching(/^[a-z0-9+#]{0,6}$/), { minLength: 0, maxLength: 7 }), fc.constantFrom(...valid)).map(([levels, { message }]) => ({ topic: levels.length === 5 ? `x/${levels.join('/')}` : levels.join('/'), payload: json(message) })),
  // The header names another robot (or another version) than the topic.
  fc.tuple(fc.constantFrom(...valid), fc.constantFrom('manufacturer', 'serialNumber', 'version')).map(([{ topic, message }, field]) => ({ topic, payload: json({ ...message, [field]: field === 'version' ? '1.1.0' : 'someone-else' }) })),
);

describe('robot ingestion fuzz', () => {
  it('counts 10,000 malformed messages without a crash and still takes valid ones', () => {
    const fleet = new RobotFleet(DEFAULT_INTERFACE_NAMES, () => at.getTime());
    const messages = fc.sample(malformed, { numRuns: 10_000, seed: 5050 });
    let refused = 0;
    for (const { topic, payload } of messages) {
      expect(() => (fleet.ingest(topic, payload) ? undefined : (refused += 1))).not.toThrow();
    }
    expect(refused).toBe(10_000);
    expect(fleet.messagesReceived()).toBe(10_000);
    const counts = fleet.invalidCounts();
    expect(invalidTotal(counts)).toBe(10_000);
    for (const reason of ['unknown-topic', 'too-large', 'not-json', 'schema', 'topic-header-mismatch', 'version-mismatch'] as const) expect(counts[reason]).toBeGreaterThan(0);
    expect(fleet.list()).toEqual([]);
    expect(fleet.recentInvalid()).toHaveLength(20);
    // Ingestion is not blocked: the robots that sent garbage are listed once they send a valid state, with their counts.
    for (const { topic, message } of valid.filter((item) => leaf(item.topic) === 'state')) expect(fleet.ingest(topic, json(message))).toBe(true);
    const listed = fleet.list();
    expect(listed.map((record) => record.id).sort()).toEqual(['robot:Acme:F2', 'robot:Acme:F3']);
    expect(listed.reduce((sum, record) => sum + invalidTotal(record.invalid), 0)).toBeLessThan(10_000);
    expect(listed.every((record) => invalidTotal(record.invalid) > 1000)).toBe(true);
  });
});
