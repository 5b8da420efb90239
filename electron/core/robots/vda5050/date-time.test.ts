import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRfc3339DateTime } from './date-time';

const ajv = new Ajv2020();
(addFormats as unknown as (instance: Ajv2020) => void)(ajv);
const reference = ajv.compile({ type: 'string', format: 'date-time' });

const digits = (min: number, max: number) => fc.integer({ min, max }).map((value) => String(value).padStart(2, '0'));
/** Strings near the grammar: mostly well-formed parts, often with one part bent. */
const nearDateTime = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }).map((year) => String(year).padStart(4, '0')), fc.constantFrom('199', '20260', '')),
    digits(0, 14),
    digits(0, 32),
    fc.constantFrom('T', 't', ' ', '\t', 'x', 'TT', ''),
    digits(0, 25),
    digits(0, 61),
    digits(0, 61),
    fc.constantFrom('', '.1', '.123456789', '.', ',5'),
    fc.oneof(fc.constantFrom('Z', 'z', '', 'UTC', '+', '-'), fc.tuple(fc.constantFrom('+', '-'), digits(0, 25), fc.constantFrom(':', ''), fc.oneof(digits(0, 61), fc.constant(''))).map((parts) => parts.join(''))),
  )
  .map(([year, month, day, separator, hour, minute, second, fraction, offset]) => `${year}-${month}-${day}${separator}${hour}:${minute}:${second}${fraction}${offset}`);

describe('RFC 3339 date-time', () => {
  it('accepts the forms robots send', () => {
    for (const text of ['1991-03-11T11:40:03.12Z', '2026-11-24T15:00:00.000Z', '2026-11-24T16:00:00+01:00', '2016-12-31T23:59:60Z']) expect(isRfc3339DateTime(text)).toBe(true);
  });

  it('refuses impossible days, missing offsets and stray text', () => {
    for (const text of ['2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-03-01T12:00:00', '2026-03-01', '2026-03-01T12:00:00Z junk', '2026-03-01T12:59:60Z']) expect(isRfc3339DateTime(text)).toBe(false);
  });

  it('agrees with the JSON Schema reference validator (Ajv + ajv-formats) on near-miss strings', () => {
    fc.assert(
      fc.property(nearDateTime, (text) => isRfc3339DateTime(text) === reference(text)),
      { numRuns: 20_000 },
    );
  });

  it('agrees with it on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => isRfc3339DateTime(text) === reference(text)),
      { numRuns: 5_000 },
    );
  });
});
