import { generateSync } from 'json-schema-faker';
import { officialSchema, type Vda5050Major, type Vda5050Topic } from './vda5050-official';
import { seededRandom } from './seeded-random';

// A generated corpus for the schema conformance test: valid messages from json-schema-faker,
// then mutants of them (fields removed, retyped, pushed past their bounds, timestamps bent),
// which the official validator will mostly — not always — refuse. Seeded: a failure replays.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values that are the wrong type somewhere and the right type elsewhere. */
const ANY_VALUES: Json[] = [null, true, false, 0, -1, 1, 1.5, -0.5, 100, 101, 1e21, 2 ** 53 + 2, '', 'x', 'NONE', [], {}, [1], { x: 1 }];
/** Numbers on and just past the bounds the schemas use (0..1, 0..100, ±π, ≥ 0, ≥ 1, integers). */
const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, 1.0000001, -0.0000001, 100, 100.5, 99.99, 3.14159265359, 3.1415926536, -3.14159265359, -3.2, 2, 2.5, 1e300, -1e300, Number.MAX_SAFE_INTEGER + 2];
/** Every enum value the schemas of both versions use, so a value valid in one place lands in another. */
const ENUM_WORDS = [
  'AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL', 'SERVICE', 'TEACHIN', 'TEACH_IN', 'STARTUP', 'INTERVENED',
  'WARNING', 'URGENT', 'CRITICAL', 'FATAL', 'INFO', 'DEBUG', 'ONLINE', 'OFFLINE', 'CONNECTIONBROKEN', 'CONNECTION_BROKEN', 'HIBERNATING',
  'ENABLED', 'DISABLED', 'AUTOACK', 'REMOTE', 'NONE', 'WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED', 'RETRIABLE', 'FINISHED', 'FAILED',
  'DIFF', 'OMNI', 'FORKLIFT', 'CARRIER', 'NATURAL', 'AUTONOMOUS', 'SUPPORTED', 'REQUIRED', 'INSTANT', 'NODE', 'EDGE', 'ZONE', 'BOOL', 'FLOAT',
  'SOFT', 'SINGLE', 'HARD', 'DRIVE', 'CASTER', 'MECANUM', 'BLOCKED', 'ACCESS', 'CORRIDOR', 'REQUESTED', 'GRANTED', 'automatic',
];
/** Timestamps on both sides of RFC 3339 as JSON Schema validators read it. */
const TIMESTAMPS = [
  '2026-03-01T12:00:00Z', '2026-03-01T12:00:00.123456Z', '2026-03-01t12:00:00z', '2026-03-01 12:00:00Z', '2026-03-01T12:00:00+01:00',
  '2026-03-01T12:00:00+0100', '2026-03-01T12:00:00+01', '2026-03-01T12:00:00', '2026-02-29T12:00:00Z', '2024-02-29T12:00:00Z',
  '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z',
  '2026-03-01T24:00:00Z', '2026-03-01T23:59:60Z', '2026-03-01T22:59:60-01:00', '2026-03-01T12:59:60Z', '2026-03-01T12:00:00+24:00',
  '2026-03-01T12:00:00+01:60', '2026-03-01', '12:00:00Z', '2026-03-01T12:00Z', '2026-3-1T12:00:00Z', ' 2026-03-01T12:00:00Z',
  '2026-03-01T12:00:00.Z', '2026-03-01T12:00:00,5Z', '2026-03-01TT12:00:00Z', '1991-03-11T11:40:03.12Z', '٢٠٢٦-03-01T12:00:00Z',
];

/** A random item; a copy, so a later edit never reaches the shared pools (or makes a cycle). */
function pick<T>(random: () => number, items: readonly T[]): T {
  return structuredClone(items[Math.floor(random() * items.length)]!);
}

/** Every container (object or array) in the document with the path to it. */
function containers(value: Json, path: (string | number)[] = [], out: { node: Json[] | { [key: string]: Json }; path: (string | number)[] }[] = []) {
  if (Array.isArray(value)) {
    out.push({ node: value, path });
    value.forEach((item, index) => containers(item, [...path, index], out));
  } else if (value !== null && typeof value === 'object') {
    out.push({ node: value, path });
    for (const [key, item] of Object.entries(value)) containers(item, [...path, key], out);
  }
  return out;
}

function replacementFor(random: () => number, current: Json): Json {
  const roll = random();
  if (typeof current === 'number' || roll < 0.25) return roll < 0.6 ? pick(random, EDGE_NUMBERS) : pick(random, ANY_VALUES);
  if (typeof current === 'string' && roll < 0.7) return random() < 0.5 ? pick(random, TIMESTAMPS) : pick(random, ENUM_WORDS);
  return pick(random, ANY_VALUES);
}

/** One to three random edits on a deep copy of a valid document. */
export function mutate(random: () => number, valid: Json): Json {
  if (random() < 0.02) return pick(random, [null, [], 'state', 42, [valid]]);
  const document = structuredClone(valid);
  const edits = 1 + Math.floor(random() * 3);
  for (let edit = 0; edit < edits; edit += 1) {
    const all = containers(document);
    const { node } = all[Math.floor(random() * all.length)]!;
    if (Array.isArray(node)) {
      if (node.length === 0 || random() < 0.3) node.push(pick(random, ANY_VALUES));
      else node[Math.floor(random() * node.length)] = replacementFor(random, node[0]!);
      continue;
    }
    const keys = Object.keys(node);
    const roll = random();
    if (keys.length === 0 || roll < 0.1) node[`vendor${Math.floor(random() * 10)}`] = pick(random, ANY_VALUES);
    else if (roll < 0.35) delete node[keys[Math.floor(random() * keys.length)]!];
    else {
      const key = keys[Math.floor(random() * keys.length)]!;
      node[key] = replacementFor(random, node[key]!);
    }
  }
  return document;
}

/** Valid messages from json-schema-faker, each seeded. */
export function validSamples(major: Vda5050Major, topic: Vda5050Topic, count: number, seed: number): Json[] {
  const schema = officialSchema(major, topic);
  const samples: Json[] = [];
  for (let index = 0; index < count; index += 1) {
    samples.push(generateSync(schema as never, { seed: seed + index, optionalsProbability: 0.6, maxItems: 3 }) as Json);
  }
  return samples;
}

export function corpus(major: Vda5050Major, topic: Vda5050Topic, options: { valid: number; mutantsPerValid: number; seed: number }): Json[] {
  const random = seededRandom(options.seed);
  const valid = validSamples(major, topic, options.valid, options.seed);
  const out: Json[] = [...valid];
  for (const sample of valid) for (let index = 0; index < options.mutantsPerValid; index += 1) out.push(mutate(random, sample));
  return out;
}
