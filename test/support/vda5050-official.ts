import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The official VDA 5050 JSON schemas, read in place from ../shared/fixtures (never copied into the repo). */
export const VDA5050_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/vda5050/', import.meta.url));

export type Vda5050Major = 2 | 3;
export type Vda5050Topic = 'state' | 'connection' | 'factsheet';

const FOLDER: Record<Vda5050Major, string> = { 2: 'v2.1.0', 3: 'v3.0.0-main' };

export function officialSchema(major: Vda5050Major, topic: Vda5050Topic): Record<string, unknown> {
  return JSON.parse(readFileSync(`${VDA5050_FIXTURES}${FOLDER[major]}/${topic}.schema`, 'utf8')) as Record<string, unknown>;
}

const cache = new Map<string, ValidateFunction>();

/**
 * The reference validator: Ajv (draft 2020-12) with ajv-formats for `date-time`. Not strict,
 * because the official schemas carry non-standard keywords (`subtopic`, `unit`).
 */
export function officialValidator(major: Vda5050Major, topic: Vda5050Topic): ValidateFunction {
  const key = `${major}/${topic}`;
  let validate = cache.get(key);
  if (!validate) {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    (addFormats as unknown as (instance: Ajv2020) => void)(ajv);
    validate = ajv.compile(officialSchema(major, topic));
    cache.set(key, validate);
  }
  return validate;
}
