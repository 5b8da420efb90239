import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dcgmScrape } from '../../../../../test/support/dcgm-fixtures';
import { parseExposition } from './parse-exposition';

// Fuzzing the exposition parser (fast-check; a failure prints its seed and shrunk case to replay).
// Properties: (1) a document we write from random families and series parses back to exactly
// what was written; (2) any text, and any mutation of a real capture, gives a result or a
// positioned error — never an exception, never a partial document.

const metricName = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,12}$/);
const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/).filter((name) => !name.startsWith('__'));
const labelValue = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '"', '\\', '\n', '{', '}', ',', '=', 'é', '#'), maxLength: 12 });
const sampleValue = fc.oneof(fc.double({ noNaN: true }), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, Number(9223372036854775794n), 140737488355328));

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0'; // String(-0) is "0"
  return String(value);
}

const family = fc.record({
  name: metricName,
  type: fc.constantFrom('counter', 'gauge', 'untyped'),
  // Blanks right after the name separate it from the text, so a help text cannot start with one.
  help: fc.option(fc.string({ unit: fc.constantFrom('a', ' ', '\\', '\n', 'é', '"'), maxLength: 10 }).filter((help) => !help.startsWith(' ')), { nil: null }),
  series: fc.uniqueArray(fc.record({ labels: fc.uniqueArray(fc.tuple(labelName, labelValue), { selector: ([name]) => name, maxLength: 4 }), value: sampleValue, timestampMs: fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: null }) }), {
    selector: (series) => JSON.stringify([...series.labels].sort(([a], [b]) => (a < b ? -1 : 1))),
    minLength: 1,
    maxLength: 4,
  }),
});

describe('parseExposition, fuzzed', () => {
  it('reads back exactly what was written', () => {
    fc.assert(
      fc.property(fc.uniqueArray(family, { selector: (f) => f.name, maxLength: 5 }), fc.constantFrom(' ', '\t', '  '), (families, blank) => {
        const lines: string[] = [];
        for (const f of families) {
          if (f.help !== null) lines.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
          lines.push(`# TYPE ${f.name} ${f.type}`);
          for (const series of f.series) {
            const labels = series.labels.length === 0 ? '' : `{${series.labels.map(([name, value]) => `${name}="${escapeLabel(value)}"`).join(',')}}`;
            lines.push(`${f.name}${labels}${blank}${formatValue(series.value)}${series.timestampMs === null ? '' : `${blank}${series.timestampMs}`}`);
          }
        }
        const result = parseExposition(lines.join('\n') + '\n');
        if (!result.ok) throw new Error(`${result.error.message} at ${result.error.line}:${result.error.column}\n${lines.join('\n')}`);
        const expected = families.flatMap((f) => f.series.map((series) => ({ name: f.name, labels: Object.fromEntries(series.labels), value: series.value, timestampMs: series.timestampMs })));
        expect(result.value.samples).toEqual(expected);
        for (const f of families) expect(result.value.families.get(f.name)).toEqual({ name: f.name, type: f.type, help: f.help });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('m', '_', '1', ' ', '\t', '\n', '\r', '{', '}', '"', '\\', '=', ',', '#', 'e', '.', '+', '-', 'N', 'a', 'I', 'n', 'f', '\u0000'), maxLength: 80 }), (text) => {
        const result = parseExposition(text);
        if (!result.ok) {
          expect(result.error.line).toBeGreaterThanOrEqual(1);
          expect(result.error.column).toBeGreaterThanOrEqual(1);
          expect(result.error.message.length).toBeGreaterThan(0);
        } else for (const sample of result.value.samples) expect(typeof sample.value).toBe('number');
      }),
      { numRuns: 2000 },
    );
  });

  it('survives every mutation of a real capture: a result, or an error on a line that exists', () => {
    const scrape = dcgmScrape('a100Mig');
    const lineCount = scrape.split('\n').length;
    fc.assert(
      fc.property(fc.nat(scrape.length - 1), fc.nat(6), fc.string({ maxLength: 4 }), (at, cut, insert) => {
        const result = parseExposition(scrape.slice(0, at) + insert + scrape.slice(at + cut));
        if (!result.ok) expect(result.error.line).toBeLessThanOrEqual(lineCount + 1);
        else expect(result.value.samples.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });
});
