import { KNOWN_HEALTH_FLAGS_MASK } from '../attestation/report/health-flags';
import { ASSET_KIND_CODES, LEAF_ENCODED_BYTES, MAX_BPS } from '../attestation/report/leaf-format';
import { lowerHexInto } from './lower-hex';

/**
 * The verifier's hot path for one leaf (8 a report, 70,080 a year of an 8-GPU server): the
 * leaf's JSON written straight into its ABI words, with no input object, no BigInt parsing of
 * small numbers and no hex strings cut up. It decides nothing on its own: as soon as a value is
 * not plainly valid it returns null, and the caller takes the careful path (report-check.ts:
 * leafInput + encodeLeafInto), which accepts what it accepts and names the field that is wrong.
 * So a bundle gets the same answer and the same message either way; only valid leaves are fast.
 * A unit test checks the bytes against encodeLeafInto on real and generated leaves.
 */

export const LEAF_KEYS = ['assetId', 'kind', 'epoch', 'observedBps', 'uptimeBps', 'meanUtilBps', 'p95UtilBps', 'energyWh', 'healthFlags', 'identityOk', 'identityHash', 'revenue', 'hwAttested', 'evidenceHash', 'leafHash'] as const;

/** Per-asset figures of one report, summed by the bundle verifier. */
export interface LeafFacts {
  assetId: string;
  kind: string;
  uptimeBps: number;
  energyWh: bigint;
  revenue: bigint;
  healthFlags: number;
  identityOk: boolean;
  /** The leaf's evidenceHash when it claims hwAttested (its evidence is checked later); null otherwise. */
  evidenceHash: string | null;
}

const TWO_32 = 2 ** 32;

/** A canonical decimal string below 10^15 (so a safe integer, and within uint64) as a number; -1 otherwise. */
export function smallDecimal(value: unknown): number {
  if (typeof value !== 'string' || value.length === 0 || value.length > 15 || (value.length > 1 && value.charCodeAt(0) === 48)) return -1;
  let number = 0;
  for (let i = 0; i < value.length; i += 1) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

const isCount = (value: unknown, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

function hasExactKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  if (Object.keys(value).length !== keys.length) return false;
  for (const key of keys) if (!(key in value)) return false;
  return true;
}

function writeSmall(view: DataView, wordOffset: number, value: number): void {
  view.setUint32(wordOffset + 24, Math.floor(value / TWO_32));
  view.setUint32(wordOffset + 28, value >>> 0);
}

/**
 * One leaf of report `epoch` (its decimal text: the leaf must say exactly that) as abi.encode
 * of its values in target[0 .. 448), and its stored leafHash in stored[storedOffset ..]; its
 * facts, or null when the careful path must look at it. `idHash` gives keccak256(utf8(id)).
 */
export function encodeLeafJson(leaf: unknown, epoch: number, epochText: string, idHash: (assetId: string) => Uint8Array, target: Uint8Array, view: DataView, stored: Uint8Array, storedOffset: number): LeafFacts | null {
  if (leaf === null || typeof leaf !== 'object' || Array.isArray(leaf)) return null;
  const json = leaf as Record<string, unknown>;
  if (!hasExactKeys(json, LEAF_KEYS)) return null;
  const { assetId, kind, observedBps, uptimeBps, meanUtilBps, p95UtilBps, healthFlags, identityOk, hwAttested } = json;
  if (typeof assetId !== 'string' || assetId.length === 0 || typeof kind !== 'string' || !Object.hasOwn(ASSET_KIND_CODES, kind) || json.epoch !== epochText) return null;
  if (!isCount(observedBps, MAX_BPS) || !isCount(uptimeBps, MAX_BPS) || !isCount(meanUtilBps, MAX_BPS) || !isCount(p95UtilBps, MAX_BPS)) return null;
  if (!isCount(healthFlags, 0xffff_ffff) || (healthFlags & ~KNOWN_HEALTH_FLAGS_MASK) >>> 0 !== 0 || typeof identityOk !== 'boolean' || typeof hwAttested !== 'boolean') return null;
  const energyWh = smallDecimal(json.energyWh);
  const revenue = smallDecimal(json.revenue);
  if (energyWh < 0 || revenue < 0) return null;
  target.fill(0, 0, LEAF_ENCODED_BYTES);
  if (!lowerHexInto(json.identityHash, 32, target, 320) || !lowerHexInto(json.evidenceHash, 32, target, 416) || !lowerHexInto(json.leafHash, 32, stored, storedOffset)) return null;
  target.set(idHash(assetId), 0);
  view.setUint32(32 + 28, ASSET_KIND_CODES[kind as keyof typeof ASSET_KIND_CODES]);
  writeSmall(view, 64, epoch);
  view.setUint32(96 + 28, observedBps);
  view.setUint32(128 + 28, uptimeBps);
  view.setUint32(160 + 28, meanUtilBps);
  view.setUint32(192 + 28, p95UtilBps);
  writeSmall(view, 224, energyWh);
  view.setUint32(256 + 28, healthFlags);
  if (identityOk) target[288 + 31] = 1;
  writeSmall(view, 352, revenue);
  if (hwAttested) target[384 + 31] = 1;
  return { assetId, kind, uptimeBps, energyWh: BigInt(energyWh), revenue: BigInt(revenue), healthFlags, identityOk, evidenceHash: hwAttested ? (json.evidenceHash as string) : null };
}
