import { canonicalJson } from '../../journal/canonical';
import { KNOWN_HEALTH_FLAGS_MASK } from './health-flags';
import { bytesToHex, describe, isBytes32Hex, ZERO_BYTES32 } from './hex';
import { keccak256Bytes, keccak256Into } from './keccak';
import { ASSET_KIND_CODES, LEAF_ENCODED_BYTES, MAX_BPS, type AssetLeafInput, type LeafValues } from './leaf-format';

const UINT64_MAX = (1n << 64n) - 1n;
const UINT256_MAX = (1n << 256n) - 1n;

/** The leaf's assetId: keccak256 of the asset id's UTF-8 bytes, as 0x-hex. */
export function assetIdHash(assetId: string): string {
  return bytesToHex(keccak256Bytes(Buffer.from(assetId, 'utf8')));
}

/**
 * The leaf's identityHash: keccak256 of the RFC 8785 canonical JSON of the registered
 * identity (e.g. {uuid, serial, pciBusId}); anyone holding the identity can recompute it.
 */
export function identityHashOf(identity: Record<string, unknown>): string {
  return bytesToHex(keccak256Bytes(Buffer.from(canonicalJson(identity), 'utf8')));
}

function fail(input: AssetLeafInput, field: string, expected: string, value: unknown): never {
  throw new RangeError(`leaf ${describe(input.assetId)}: ${field} must be ${expected}, got ${describe(value)}`);
}

function checkInteger(input: AssetLeafInput, field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) fail(input, field, `an integer 0..${max}`, value);
  return value;
}

function checkBigint(input: AssetLeafInput, field: string, value: bigint, max: bigint, type: string): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > max) fail(input, field, `a ${type} bigint`, value);
  return value;
}

function checkBoolean(input: AssetLeafInput, field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(input, field, 'a boolean', value);
  return value;
}

function kindCode(input: AssetLeafInput): number {
  const code = (ASSET_KIND_CODES as Record<string, number>)[input.kind];
  if (code === undefined) fail(input, 'kind', Object.keys(ASSET_KIND_CODES).join(' | '), input.kind);
  return code;
}

function checkHealthFlags(input: AssetLeafInput): number {
  const flags = checkInteger(input, 'healthFlags', input.healthFlags, 0xffff_ffff);
  if ((flags & ~KNOWN_HEALTH_FLAGS_MASK) >>> 0 !== 0) fail(input, 'healthFlags', 'made of HEALTH_FLAG_BITS', `0x${flags.toString(16)}`);
  return flags;
}

function writeHash(input: AssetLeafInput, field: string, value: string, target: Uint8Array, offset: number): void {
  if (!isBytes32Hex(value)) fail(input, field, '0x followed by 64 hex digits', value);
  Buffer.from(target.buffer, target.byteOffset + offset, 32).write(value.slice(2), 'hex');
}

/**
 * abi.encode(values) of one leaf, written into target[offset .. offset + 448). target must be
 * zero there (a fresh Uint8Array is): only non-zero bytes are written. Throws a RangeError
 * naming the asset and the field for any value out of its Solidity type's range.
 * Hot path (100,000 calls per epoch): no closures, no strings unless something is wrong.
 * `idHash`, when given, must be keccak256(utf8(input.assetId)).
 */
export function encodeLeafInto(input: AssetLeafInput, target: Uint8Array, offset: number, view = new DataView(target.buffer, target.byteOffset, target.byteLength), idHash?: Uint8Array): void {
  if (typeof input.assetId !== 'string' || input.assetId.length === 0) fail(input, 'assetId', 'a non-empty string', input.assetId);
  if (target.byteLength < offset + LEAF_ENCODED_BYTES) throw new RangeError('leaf target buffer too small');
  // Word i of the leaf starts at offset + 32 i; small integers sit in its last 4 bytes, uint64 in its last 8.
  // A caller that sees the same assets again and again (the audit verifier) passes their cached id hash.
  target.set(idHash ?? keccak256Bytes(Buffer.from(input.assetId, 'utf8')), offset);
  view.setUint32(offset + 32 + 28, kindCode(input));
  view.setBigUint64(offset + 64 + 24, checkBigint(input, 'epoch', input.epoch, UINT64_MAX, 'uint64'));
  view.setUint32(offset + 96 + 28, checkInteger(input, 'observedBps', input.observedBps, MAX_BPS));
  view.setUint32(offset + 128 + 28, checkInteger(input, 'uptimeBps', input.uptimeBps, MAX_BPS));
  view.setUint32(offset + 160 + 28, checkInteger(input, 'meanUtilBps', input.meanUtilBps, MAX_BPS));
  view.setUint32(offset + 192 + 28, checkInteger(input, 'p95UtilBps', input.p95UtilBps, MAX_BPS));
  view.setBigUint64(offset + 224 + 24, checkBigint(input, 'energyWh', input.energyWh, UINT64_MAX, 'uint64'));
  view.setUint32(offset + 256 + 28, checkHealthFlags(input));
  if (checkBoolean(input, 'identityOk', input.identityOk)) target[offset + 288 + 31] = 1;
  writeHash(input, 'identityHash', input.identityHash, target, offset + 320);
  const revenue = checkBigint(input, 'revenue', input.revenue, UINT256_MAX, 'uint256');
  if (revenue <= UINT64_MAX) view.setBigUint64(offset + 352 + 24, revenue);
  else for (let limb = 0; limb < 4; limb += 1) view.setBigUint64(offset + 352 + limb * 8, (revenue >> BigInt(192 - limb * 64)) & UINT64_MAX);
  if (checkBoolean(input, 'hwAttested', input.hwAttested ?? false)) target[offset + 384 + 31] = 1;
  if (input.evidenceHash !== undefined) writeHash(input, 'evidenceHash', input.evidenceHash, target, offset + 416);
}

/** abi.encode(values) of one leaf. */
export function encodeLeaf(input: AssetLeafInput): Uint8Array {
  const out = new Uint8Array(LEAF_ENCODED_BYTES);
  encodeLeafInto(input, out, 0);
  return out;
}

/** The OZ standard leaf hash: keccak256(keccak256(abi.encode(values))). */
const innerHash = new Uint8Array(32);

export function leafHashOfEncoded(encoded: Uint8Array): Uint8Array {
  keccak256Into(encoded, innerHash, 0);
  return keccak256Bytes(innerHash);
}

export function leafHash(input: AssetLeafInput): string {
  return bytesToHex(leafHashOfEncoded(encodeLeaf(input)));
}

/** The leaf's values in LEAF_FIELDS order, as OZ's StandardMerkleTree and an auditor take them. */
export function leafValues(input: AssetLeafInput): LeafValues {
  encodeLeaf(input); // same validation as the tree
  return [
    assetIdHash(input.assetId),
    ASSET_KIND_CODES[input.kind],
    input.epoch,
    input.observedBps,
    input.uptimeBps,
    input.meanUtilBps,
    input.p95UtilBps,
    input.energyWh,
    input.healthFlags,
    input.identityOk,
    input.identityHash.toLowerCase(),
    input.revenue,
    input.hwAttested ?? false,
    (input.evidenceHash ?? ZERO_BYTES32).toLowerCase(),
  ];
}
