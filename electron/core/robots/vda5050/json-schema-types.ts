import { z } from 'zod';
import { isRfc3339DateTime } from './date-time';

// The building blocks of the VDA 5050 schemas, with JSON Schema's meaning rather than zod's
// defaults where the two differ. Objects are open (JSON Schema allows properties it does not
// list), so a robot that sends a vendor field is not refused for it; zod's default object
// accepts such properties and leaves them out of its output, which is all ingestion needs
// (and measurably faster than keeping them).

/** JSON Schema `integer`: any number without a fraction, also beyond 2^53 (zod's .int() stops at safe integers). */
export const integer = z.number().refine(Number.isInteger, { message: 'expected an integer' });

/** JSON Schema `string` with `format: date-time` (RFC 3339). */
export const dateTime = z.string().refine(isRfc3339DateTime, { message: 'expected an RFC 3339 date-time' });

/** An object that also accepts properties it does not list (they are dropped from the output). */
export const open = z.object;

/** A required `number` with an inclusive range; either bound may be left out. */
export function ranged(minimum?: number, maximum?: number) {
  let schema = z.number();
  if (minimum !== undefined) schema = schema.min(minimum);
  if (maximum !== undefined) schema = schema.max(maximum);
  return schema;
}

export const nonNegativeInteger = integer.refine((value) => value >= 0, { message: 'expected an integer ≥ 0' });

/** ±π as the VDA 5050 v3 schemas write it (11 decimals), not Math.PI: the bound is part of the contract. */
export const THETA_BOUND = 3.14159265359;
export const theta = ranged(-THETA_BOUND, THETA_BOUND);

/** `{referenceKey, referenceValue}` pairs on errors and information. */
export const reference = open({ referenceKey: z.string(), referenceValue: z.string() });

/** `{x, y, z, theta?}`: where a load's bounding box sits. */
export const boundingBoxReference = open({ x: z.number(), y: z.number(), z: z.number(), theta: z.number().optional() });

/** Header fields every message carries. */
export const headerFields = {
  headerId: integer,
  timestamp: dateTime,
  version: z.string(),
  manufacturer: z.string(),
  serialNumber: z.string(),
};
