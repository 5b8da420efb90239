import { describe, expect, it } from 'vitest';
import { VDA5050_SCHEMAS } from '../../electron/core/robots/vda5050/schemas';
import { corpus } from '../support/vda5050-corpus';
import { officialValidator, type Vda5050Major, type Vda5050Topic } from '../support/vda5050-official';

// Our runtime schemas (zod, written from the specification) against the official JSON schemas
// (Ajv 2020-12 + ajv-formats) on a generated corpus: valid samples from json-schema-faker and
// seeded mutants of them. Both must say yes or no on every single document.

const CASES: [Vda5050Major, Vda5050Topic, number][] = [
  [2, 'state', 2001],
  [3, 'state', 3001],
  [2, 'connection', 2002],
  [3, 'connection', 3002],
  [2, 'factsheet', 2003],
  [3, 'factsheet', 3003],
];
const VALID_SAMPLES = 250;
const MUTANTS_PER_VALID = 8;

describe('VDA 5050 schemas: ours accept exactly what the official ones accept', () => {
  for (const [major, topic, seed] of CASES) {
    it(`v${major} ${topic}: ${VALID_SAMPLES} generated + ${VALID_SAMPLES * MUTANTS_PER_VALID} mutated documents`, () => {
      const official = officialValidator(major, topic);
      const ours = VDA5050_SCHEMAS[major][topic];
      const documents = corpus(major, topic, { valid: VALID_SAMPLES, mutantsPerValid: MUTANTS_PER_VALID, seed });
      let accepted = 0;
      const disagreements: { document: unknown; official: boolean; errors: unknown }[] = [];
      for (const document of documents) {
        const expected = official(document);
        const actual = ours.safeParse(document).success;
        if (expected) accepted += 1;
        if (expected !== actual && disagreements.length < 3) disagreements.push({ document, official: expected, errors: expected ? ours.safeParse(document).error?.issues.slice(0, 3) : official.errors });
      }
      expect(disagreements).toEqual([]);
      // The corpus is worth something only if it holds plenty of both answers.
      expect(accepted).toBeGreaterThan(documents.length * 0.1);
      expect(documents.length - accepted).toBeGreaterThan(documents.length * 0.4);
    }, 120_000);
  }
});
