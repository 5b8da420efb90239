import { getAddress } from 'ethers';
import { describe } from '../attestation/report/hex';
import { fail, type AuditFailure } from './audit-failure';
import { lowerHexInto } from './lower-hex';

/**
 * Fast, strict readers of untrusted bundle JSON. The verifier reads 8,760 reports a year per
 * node: a zod schema per report would cost more than the signature check, so these are plain
 * type tests that throw an AuditError naming the file, report, leaf and JSON path.
 */
export type Where = Pick<AuditFailure, 'file' | 'report' | 'leaf'>;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

export function object(value: unknown, where: Where, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail({ ...where, field: path || null, message: `${path || 'the file'} must be a JSON object` });
  return value as Record<string, unknown>;
}

export function array(value: unknown, where: Where, path: string): unknown[] {
  if (!Array.isArray(value)) fail({ ...where, field: path, message: `${path} must be a JSON array` });
  return value;
}

/** Refuses fields nobody wrote: in a canonical bundle every byte means something. */
export function exactKeys(value: Record<string, unknown>, keys: readonly string[], where: Where, path: string): void {
  const actual = Object.keys(value);
  if (actual.length === keys.length && keys.every((key) => key in value)) return;
  const missing = keys.filter((key) => !(key in value));
  const extra = actual.filter((key) => !keys.includes(key));
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (missing.length > 0) fail({ ...where, field: at(missing[0]!), message: `${at(missing[0]!)} is missing` });
  fail({ ...where, field: at(extra[0]!), message: `${at(extra[0]!)} is not a field of this format` });
}

export function string(value: unknown, where: Where, path: string): string {
  if (typeof value !== 'string') fail({ ...where, field: path, message: `${path} must be a string, got ${describe(value)}` });
  return value;
}

const scratch32 = new Uint8Array(32);

/**
 * Hashes are lower-case hex, as Sietch writes them: one spelling per value, so that no byte of
 * a bundle can change without changing what it says (an upper-case digit would be the same hash).
 */
export function hex32(value: unknown, where: Where, path: string): string {
  return hex32Into(value, where, path, scratch32, 0);
}

/** hex32, decoded into target[offset .. offset + 32) on the way (the verifier needs most hashes as bytes). */
export function hex32Into(value: unknown, where: Where, path: string, target: Uint8Array, offset: number): string {
  if (!lowerHexInto(value, 32, target, offset)) fail({ ...where, field: path, message: `${path} must be 0x followed by 64 lower-case hex digits, got ${describe(value)}` });
  return value;
}

const checksummed = new Map<string, boolean>();

/** Addresses are in their EIP-55 checksummed spelling (cached: a bundle repeats the same few). */
export function address(value: unknown, where: Where, path: string): string {
  if (typeof value !== 'string' || !ADDRESS.test(value)) fail({ ...where, field: path, message: `${path} must be an address (0x + 40 hex digits), got ${describe(value)}` });
  let ok = checksummed.get(value);
  if (ok === undefined) {
    ok = getAddress(value) === value;
    if (checksummed.size > 10_000) checksummed.clear();
    checksummed.set(value, ok);
  }
  if (!ok) fail({ ...where, field: path, message: `${path} ${value} is not in its checksummed spelling (${getAddress(value)})` });
  return value;
}

export function hexBytes(value: unknown, where: Where, path: string): string {
  if (typeof value !== 'string' || !/^0x([0-9a-f]{2})*$/.test(value)) fail({ ...where, field: path, message: `${path} must be 0x and lower-case hex bytes` });
  return value;
}

/** A non-negative integer written as a decimal string (uint64, uint256, money). */
export function decimal(value: unknown, where: Where, path: string): bigint {
  if (typeof value !== 'string' || !DECIMAL.test(value)) fail({ ...where, field: path, message: `${path} must be a decimal string, got ${describe(value)}` });
  return BigInt(value);
}

/** A decimal string or a JSON integer (EAS packages write uint64 either way). */
export function uint(value: unknown, where: Where, path: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return decimal(value, where, path);
}

export function integer(value: unknown, where: Where, path: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) fail({ ...where, field: path, message: `${path} must be an integer 0..${max}, got ${describe(value)}` });
  return value;
}

export function boolean(value: unknown, where: Where, path: string): boolean {
  if (typeof value !== 'boolean') fail({ ...where, field: path, message: `${path} must be true or false, got ${describe(value)}` });
  return value;
}
