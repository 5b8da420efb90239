import { REPORT_SCHEMA_FIELDS, REPORT_SCHEMA_REVOCABLE, REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';
import { bytesToHex, ZERO_BYTES32 } from '../attestation/report/hex';
import { keccak256Bytes, keccak256Into } from '../attestation/report/keccak';
import { encodeLeafInto, leafHashOfEncoded } from '../attestation/report/leaf-encoding';
import { ASSET_KIND_CODES, LEAF_ENCODED_BYTES, MAX_BPS, type AssetLeafInput, type LeafAssetKind } from '../attestation/report/leaf-format';
import { buildMerkleTree, EMPTY_TREE_ROOT, merkleRoot as rootOfLeafHashes } from '../attestation/report/merkle-tree';
import { EAS_DOMAIN_NAME, OFFCHAIN_ATTEST_TYPES, OFFCHAIN_ATTESTATION_VERSION } from '../attestation/report/offchain-attestation';
import { attestDigest, domainSeparator } from './attest-digest';
import { AuditError, fail } from './audit-failure';
import type { NetworkJson } from './bundle-format';
import { address, array, boolean, decimal, exactKeys, hex32, hex32Into, hexBytes, integer, object, string, uint, type Where } from './json-fields';
import { rawSignature, SignatureFormatError, type SignerCheck } from './signature-check';
import { lowerHexInto } from './lower-hex';
import { encodeLeafJson, LEAF_KEYS, smallDecimal, type LeafFacts } from './leaf-json';
import { findSingleEdit } from './single-edit-search';

/**
 * Checks one signed report with its leaves, offline, against the signer the auditor trusts:
 * the attestation (EAS v2 rules, Sietch's schema, the expected network's domain, the UID, the
 * signature), the plain report against what was signed, the report hash, and every leaf against
 * the signed Merkle root. Throws an AuditError naming the report, leaf and field; returns the
 * facts the bundle verifier links across reports (hashes, UIDs, journal head) and sums up.
 */

export const REPORT_KEYS = ['operator', 'sequence', 'epochStart', 'epochEnd', 'assetCount', 'merkleRoot', 'revenue', 'repaid', 'outstanding', 'coverageBps', 'journalHead', 'prevReportHash'] as const;
const UINT32_MAX = 0xffff_ffff;
const SCHEMA_UTF8 = Buffer.from(REPORT_SCHEMA_UID, 'utf8');
const SCHEMA_BYTES = Buffer.from(REPORT_SCHEMA_UID.slice(2), 'hex');
const DATA_BYTES = REPORT_SCHEMA_FIELDS.length * 32;

export interface CheckContext {
  signer: SignerCheck;
  /** The network the auditor expects the attestations to be signed for. */
  network: NetworkJson;
}

export type { LeafFacts } from './leaf-json';

export interface CheckedReport {
  seq: number;
  epochStart: bigint;
  epochEnd: bigint;
  assetCount: number;
  revenue: bigint;
  repaid: bigint;
  outstanding: bigint;
  coverageBps: number;
  journalHead: string;
  prevReportHash: string;
  reportHash: string;
  uid: string;
  refUID: string;
  merkleRoot: string;
  leaves: LeafFacts[];
}


const NUMERIC_FIELDS = new Set(['sequence', 'epochStart', 'epochEnd', 'revenue', 'repaid', 'outstanding', 'assetCount', 'coverageBps']);
const DECIMAL_TEXT = /^(0|[1-9][0-9]*)$/;

/** A 32-byte ABI word as an unsigned integer (most are below 2^64: one read, no string). */
function wordValue(data: Uint8Array, view: DataView, offset: number): bigint {
  for (let i = offset; i < offset + 24; i += 1) if (data[i] !== 0) return BigInt(bytesToHex(data.subarray(offset, offset + 32)));
  return view.getBigUint64(offset + 24);
}

function plainValue(plain: unknown): bigint | null {
  if (typeof plain === 'number' && Number.isSafeInteger(plain) && plain >= 0) return BigInt(plain);
  return typeof plain === 'string' && DECIMAL_TEXT.test(plain) ? BigInt(plain) : null;
}

const SCHEMA_FIELD_NUMERIC = REPORT_SCHEMA_FIELDS.map((field) => NUMERIC_FIELDS.has(field.name));
const wordScratch = new Uint8Array(32);

/**
 * Whether a plain field is plainly the signed word (a canonical number below 10^15, or a hash in
 * lower-case hex): no BigInt, no Buffer. false means "look the careful way", not "different".
 */
function plainlySame(plain: unknown, numeric: boolean, data: Uint8Array, view: DataView, offset: number): boolean {
  if (numeric) {
    const value = typeof plain === 'number' ? (Number.isSafeInteger(plain) && plain >= 0 && plain < 1e15 ? plain : -1) : smallDecimal(plain);
    if (value < 0) return false;
    for (let i = offset; i < offset + 24; i += 1) if (data[i] !== 0) return false;
    return view.getUint32(offset + 24) === Math.floor(value / 2 ** 32) && view.getUint32(offset + 28) === value >>> 0;
  }
  if (!lowerHexInto(plain, 32, wordScratch, 0)) return false;
  for (let i = 0; i < 32; i += 1) if (wordScratch[i] !== data[offset + i]) return false;
  return true;
}

/** The attestation's schema data, word by word, against the plain report fields. */
function compareReportToData(report: Record<string, unknown>, data: Uint8Array, where: Where, dataTampered: boolean): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let index = 0; index < REPORT_SCHEMA_FIELDS.length; index += 1) {
    const field = REPORT_SCHEMA_FIELDS[index]!;
    const offset = index * 32;
    const plain = report[field.name];
    const numeric = SCHEMA_FIELD_NUMERIC[index]!;
    if (plainlySame(plain, numeric, data, view, offset)) continue;
    const same = numeric ? plainValue(plain) === wordValue(data, view, offset) : typeof plain === 'string' && plain.length === 66 && Buffer.from(plain.slice(2), 'hex').equals(data.subarray(offset, offset + 32));
    if (same) continue;
    const signed = numeric ? wordValue(data, view, offset).toString() : bytesToHex(data.subarray(offset, offset + 32));
    const shown = typeof plain === 'string' ? plain.toLowerCase() : JSON.stringify(plain);
    fail(
      dataTampered
        ? { ...where, field: 'attestation.sig.message.data', message: `the signed data (word ${index}, ${field.name}) was changed: it says ${signed}, the report says ${shown}, and the signature no longer matches` }
        : { ...where, field: `report.${field.name}`, message: `report.${field.name} is ${shown}, but the signed attestation says ${signed}` },
    );
  }
}

function checkAttestationShape(pkg: Record<string, unknown>, where: Where) {
  exactKeys(pkg, ['sig', 'signer'], where, 'attestation');
  const sig = object(pkg.sig, where, 'attestation.sig');
  exactKeys(sig, ['version', 'uid', 'domain', 'primaryType', 'message', 'types', 'signature'], where, 'attestation.sig');
  if (sig.version !== OFFCHAIN_ATTESTATION_VERSION) fail({ ...where, field: 'attestation.sig.version', message: `not a version ${OFFCHAIN_ATTESTATION_VERSION} offchain attestation` });
  if (sig.primaryType !== 'Attest') fail({ ...where, field: 'attestation.sig.primaryType', message: 'primaryType is not Attest' });
  const types = object(sig.types, where, 'attestation.sig.types');
  const attest = array(types.Attest, where, 'attestation.sig.types.Attest');
  const expected = OFFCHAIN_ATTEST_TYPES.Attest;
  if (Object.keys(types).length !== 1 || attest.length !== expected.length) fail({ ...where, field: 'attestation.sig.types', message: 'EIP-712 types are not those of an EAS v2 offchain attestation' });
  attest.forEach((entry, index) => {
    const item = entry as { name?: unknown; type?: unknown } | null;
    if (item?.name !== expected[index]!.name || item?.type !== expected[index]!.type || Object.keys(item).length !== 2) {
      fail({ ...where, field: `attestation.sig.types.Attest[${index}]`, message: `EIP-712 type ${index} must be ${expected[index]!.type} ${expected[index]!.name}` });
    }
  });
  return sig;
}

function checkDomain(sig: Record<string, unknown>, network: NetworkJson, where: Where): Uint8Array {
  const domain = object(sig.domain, where, 'attestation.sig.domain');
  exactKeys(domain, ['name', 'version', 'chainId', 'verifyingContract'], where, 'attestation.sig.domain');
  const name = string(domain.name, where, 'attestation.sig.domain.name');
  const version = string(domain.version, where, 'attestation.sig.domain.version');
  const chainId = uint(domain.chainId, where, 'attestation.sig.domain.chainId');
  const contract = address(domain.verifyingContract, where, 'attestation.sig.domain.verifyingContract');
  if (name !== EAS_DOMAIN_NAME) fail({ ...where, field: 'attestation.sig.domain.name', message: `domain name is not "${EAS_DOMAIN_NAME}"` });
  if (chainId !== BigInt(network.chainId)) fail({ ...where, field: 'attestation.sig.domain.chainId', message: `signed for chain ${chainId}, expected ${network.chainId} (${network.name})` });
  if (contract.toLowerCase() !== network.easAddress.toLowerCase()) fail({ ...where, field: 'attestation.sig.domain.verifyingContract', message: `signed for EAS contract ${contract}, expected ${network.easAddress}` });
  if (version !== network.easVersion) fail({ ...where, field: 'attestation.sig.domain.version', message: `signed for EAS version ${version}, expected ${network.easVersion}` });
  return domainSeparator({ name, version, chainId, verifyingContract: contract });
}

/** The offchain UID as EAS computes it for version 2 (offchain-attestation.ts has the ethers form), into target. */
function offchainUidInto(recipient: Uint8Array, time: bigint, expirationTime: bigint, revocable: boolean, refUID: Uint8Array, data: Uint8Array, salt: Uint8Array, target: Uint8Array): void {
  const size = 2 + SCHEMA_UTF8.length + 20 + 20 + 8 + 8 + 1 + 32 + data.length + 32 + 4;
  // Reused between reports: every byte below is written each time, except the zero attester and the zero trailer.
  if (uidPacked.length !== size) uidPacked = new Uint8Array(size);
  const packed = uidPacked;
  const view = new DataView(packed.buffer);
  let at = 0;
  view.setUint16(at, OFFCHAIN_ATTESTATION_VERSION);
  at += 2;
  packed.set(SCHEMA_UTF8, at);
  at += SCHEMA_UTF8.length;
  packed.set(recipient, at);
  at += 40; // recipient, then the zero attester
  view.setBigUint64(at, time);
  view.setBigUint64(at + 8, expirationTime);
  at += 16;
  packed[at] = revocable ? 1 : 0;
  at += 1;
  packed.set(refUID, at);
  packed.set(data, at + 32);
  packed.set(salt, at + 32 + data.length);
  keccak256Into(packed, target, 0);
}

let uidPacked = new Uint8Array(0);

/** Byte buffers of one report's check, reused for the next (checkReport runs to the end before another starts). */
const scratch = {
  refUID: new Uint8Array(32),
  salt: new Uint8Array(32),
  uid: new Uint8Array(32),
  data: new Uint8Array(DATA_BYTES),
  /** abi.encode(operator, …schema fields): the zero padding before the operator is never written. */
  reportEncoding: new Uint8Array(32 + DATA_BYTES),
  computed: new Uint8Array(32),
};

/** The recipient, once checked to be the zero address. */
const ZERO_RECIPIENT = new Uint8Array(20);

function leafInput(leaf: Record<string, unknown>, where: Where, path: string, seq: bigint): { input: AssetLeafInput; leafHash: string } {
  exactKeys(leaf, LEAF_KEYS, where, path);
  const assetId = string(leaf.assetId, where, `${path}.assetId`);
  const at = { ...where, leaf: assetId };
  const kind = string(leaf.kind, at, `${path}.kind`);
  if (!(kind in ASSET_KIND_CODES)) fail({ ...at, field: `${path}.kind`, message: `kind must be ${Object.keys(ASSET_KIND_CODES).join(' | ')}, got "${kind}"` });
  const epoch = decimal(leaf.epoch, at, `${path}.epoch`);
  if (epoch !== seq) fail({ ...at, field: `${path}.epoch`, message: `the leaf says epoch ${epoch}, but it sits in report ${seq}` });
  const input: AssetLeafInput = {
    assetId,
    kind: kind as LeafAssetKind,
    epoch,
    observedBps: integer(leaf.observedBps, at, `${path}.observedBps`, MAX_BPS),
    uptimeBps: integer(leaf.uptimeBps, at, `${path}.uptimeBps`, MAX_BPS),
    meanUtilBps: integer(leaf.meanUtilBps, at, `${path}.meanUtilBps`, MAX_BPS),
    p95UtilBps: integer(leaf.p95UtilBps, at, `${path}.p95UtilBps`, MAX_BPS),
    energyWh: decimal(leaf.energyWh, at, `${path}.energyWh`),
    healthFlags: integer(leaf.healthFlags, at, `${path}.healthFlags`, UINT32_MAX),
    identityOk: boolean(leaf.identityOk, at, `${path}.identityOk`),
    // encodeLeafInto checks both hashes (and names them): no second regex here, this runs 8 times a report.
    identityHash: string(leaf.identityHash, at, `${path}.identityHash`),
    revenue: decimal(leaf.revenue, at, `${path}.revenue`),
    hwAttested: boolean(leaf.hwAttested, at, `${path}.hwAttested`),
    evidenceHash: string(leaf.evidenceHash, at, `${path}.evidenceHash`),
  };
  return { input, leafHash: hex32(leaf.leafHash, at, `${path}.leafHash`) };
}

/** keccak256 of each asset id seen: a bundle names the same assets in every report. */
const assetIdHashes = new Map<string, Uint8Array>();

function assetIdHashOf(assetId: string): Uint8Array {
  let hash = assetIdHashes.get(assetId);
  if (!hash) {
    if (assetIdHashes.size > 1_000_000) assetIdHashes.clear();
    hash = keccak256Bytes(Buffer.from(assetId, 'utf8'));
    assetIdHashes.set(assetId, hash);
  }
  return hash;
}

function encodeLeaf(input: AssetLeafInput, where: Where, path: string, target: Uint8Array, view: DataView): void {
  try {
    encodeLeafInto(input, target, 0, view, assetIdHashOf(input.assetId));
  } catch (error) {
    // encodeLeafInto names the field first: `leaf "<id>": <field> must be …`.
    const message = error instanceof Error ? error.message : String(error);
    const field = /^leaf "[^"]*": ([A-Za-z]+) /.exec(message)?.[1];
    fail({ ...where, leaf: input.assetId, field: field ? `${path}.${field}` : path, message });
  }
}

const MAX_SAFE_SEQ = BigInt(Number.MAX_SAFE_INTEGER);
const leafScratch = new Uint8Array(LEAF_ENCODED_BYTES);
const innerLeafHash = new Uint8Array(32);

function sameWord(a: Uint8Array, b: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + 32; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
const leafScratchView = new DataView(leafScratch.buffer);

function hashOfLeafJson(leaf: Record<string, unknown>, seq: bigint): string {
  const { input } = leafInput(leaf, { file: null, report: null, leaf: null }, 'leaf', seq);
  leafScratch.fill(0);
  encodeLeafInto(input, leafScratch, 0, leafScratchView);
  return bytesToHex(leafHashOfEncoded(leafScratch));
}

/**
 * The leaves against the signed root. On a mismatch, finds which leaf (its stored leafHash is
 * proven by the root when only its values were changed) and which field.
 */
function checkLeaves(leavesValue: unknown, seq: bigint, assetCount: number, merkleRoot: string, where: Where): LeafFacts[] {
  const leaves = array(leavesValue, where, 'leaves');
  if (leaves.length !== assetCount) fail({ ...where, field: 'leaves', message: `the report counts ${assetCount} assets, the bundle holds ${leaves.length} leaves` });
  const computed = new Uint8Array(leaves.length * 32);
  const stored = new Uint8Array(leaves.length * 32);
  const facts: LeafFacts[] = new Array(leaves.length);
  const seen = new Set<string>();
  const mismatched: number[] = [];
  // The fast path (leaf-json.ts) takes plainly valid leaves; anything else goes the careful way, which names what is wrong.
  const fast = seq <= MAX_SAFE_SEQ;
  const epoch = Number(seq);
  const epochText = seq.toString();
  for (let i = 0; i < leaves.length; i += 1) {
    const notSeen = (assetId: string) => {
      if (seen.has(assetId)) fail({ ...where, leaf: assetId, field: `leaves[${i}].assetId`, message: `asset ${assetId} appears twice in one report` });
      seen.add(assetId);
    };
    let leafFacts = fast ? encodeLeafJson(leaves[i], epoch, epochText, assetIdHashOf, leafScratch, leafScratchView, stored, i * 32) : null;
    if (leafFacts !== null) notSeen(leafFacts.assetId);
    else {
      const path = `leaves[${i}]`;
      const { input, leafHash } = leafInput(object(leaves[i], where, path), where, path, seq);
      notSeen(input.assetId);
      leafScratch.fill(0);
      encodeLeaf(input, where, path, leafScratch, leafScratchView);
      Buffer.from(stored.buffer, i * 32, 32).write(leafHash.slice(2), 'hex');
      leafFacts = { assetId: input.assetId, kind: input.kind, uptimeBps: input.uptimeBps, energyWh: input.energyWh, revenue: input.revenue, healthFlags: input.healthFlags, identityOk: input.identityOk, evidenceHash: input.hwAttested ? input.evidenceHash! : null };
    }
    // The OZ standard leaf: keccak(keccak(abi.encode(values))), straight into `computed`.
    keccak256Into(leafScratch, innerLeafHash, 0);
    keccak256Into(innerLeafHash, computed, i * 32);
    if (!sameWord(computed, stored, i * 32)) mismatched.push(i);
    facts[i] = leafFacts;
  }
  const root = rootOfLeafHashes(computed);
  if (root === merkleRoot && mismatched.length === 0) return facts;
  explainLeafMismatch(leaves as Record<string, unknown>[], seq, merkleRoot, root, stored, mismatched, where);
}

function explainLeafMismatch(leaves: Record<string, unknown>[], seq: bigint, merkleRoot: string, root: string, stored: Uint8Array, mismatched: number[], where: Where): never {
  const leafAt = (i: number) => ({ ...where, leaf: String(leaves[i]!.assetId) });
  if (root === merkleRoot) {
    const i = mismatched[0]!;
    fail({ ...leafAt(i), field: `leaves[${i}].leafHash`, message: `leafHash was changed: the leaf's values hash to ${hashOfLeafJson(leaves[i]!, seq)}, which the signed root holds` });
  }
  const storedRootMatches = buildMerkleTree(stored).root === merkleRoot;
  if (storedRootMatches && mismatched.length === 1) {
    // The stored leaf hashes are the signed ones: this leaf's values were changed.
    const i = mismatched[0]!;
    const target = bytesToHex(stored.subarray(i * 32, i * 32 + 32));
    const edit = findSingleEdit(leaves[i]!, (candidate) => hashOfLeafJson(candidate, seq) === target, { skip: ['leafHash'] });
    if (edit) fail({ ...leafAt(i), field: `leaves[${i}].${edit.path}`, message: `${edit.path} is ${JSON.stringify(edit.found)}, but the signed Merkle root holds ${JSON.stringify(edit.original)}` });
    fail({ ...leafAt(i), field: `leaves[${i}]`, message: `the leaf's values do not hash to the leaf hash under the signed root (${target}): a value was changed` });
  }
  // Values and their leafHash changed together, or a leaf added or swapped: search each leaf.
  for (let i = 0; i < leaves.length; i += 1) {
    const others = leaves.map((leaf, j) => (j === i ? null : hashOfLeafJson(leaf, seq)));
    const edit = findSingleEdit(
      leaves[i]!,
      (candidate) => {
        const hashes = new Uint8Array(leaves.length * 32);
        others.forEach((hash, j) => Buffer.from(hashes.buffer, j * 32, 32).write((hash ?? hashOfLeafJson(candidate, seq)).slice(2), 'hex'));
        return buildMerkleTree(hashes).root === merkleRoot;
      },
      { skip: ['leafHash'], maxTries: 5_000 },
    );
    if (edit) fail({ ...leafAt(i), field: `leaves[${i}].${edit.path}`, message: `${edit.path} is ${JSON.stringify(edit.found)}, but the signed Merkle root holds ${JSON.stringify(edit.original)}` });
  }
  fail({ ...where, field: 'leaves', message: `the leaves build the root ${root}, but the report signed ${merkleRoot}: a leaf was changed, added or removed` });
}

/**
 * Checks one report entry: `{ report, reportHash, attestation, leaves }` (the bundle's report
 * file or a proof's equivalent without every leaf: pass `leaves: null` to skip the tree).
 */
export function checkReport(entry: Record<string, unknown>, context: CheckContext, where: Where, options: { leaves: boolean } = { leaves: true }): CheckedReport {
  const report = object(entry.report, where, 'report');
  exactKeys(report, REPORT_KEYS, where, 'report');
  const pkg = object(entry.attestation, where, 'attestation');
  const sig = checkAttestationShape(pkg, where);
  const domain = checkDomain(sig, context.network, where);
  const message = object(sig.message, where, 'attestation.sig.message');
  exactKeys(message, ['version', 'schema', 'recipient', 'time', 'expirationTime', 'revocable', 'refUID', 'data', 'salt'], where, 'attestation.sig.message');
  const m = (key: string) => `attestation.sig.message.${key}`;
  if (message.version !== OFFCHAIN_ATTESTATION_VERSION) fail({ ...where, field: m('version'), message: `message version must be ${OFFCHAIN_ATTESTATION_VERSION}` });
  if (hex32(message.schema, where, m('schema')) !== REPORT_SCHEMA_UID) fail({ ...where, field: m('schema'), message: `schema ${String(message.schema)} is not the Sietch report schema ${REPORT_SCHEMA_UID}` });
  const recipient = address(message.recipient, where, m('recipient'));
  if (!/^0x0{40}$/.test(recipient)) fail({ ...where, field: m('recipient'), message: 'recipient is not the zero address' });
  const time = uint(message.time, where, m('time'));
  const expirationTime = uint(message.expirationTime, where, m('expirationTime'));
  if (expirationTime !== 0n) fail({ ...where, field: m('expirationTime'), message: 'expirationTime is not 0' });
  if (boolean(message.revocable, where, m('revocable')) !== REPORT_SCHEMA_REVOCABLE) fail({ ...where, field: m('revocable'), message: 'revocable differs from the schema (irrevocable)' });
  const refBytes = scratch.refUID;
  const refUID = hex32Into(message.refUID, where, m('refUID'), refBytes, 0);
  const data = scratch.data;
  if (!lowerHexInto(message.data, DATA_BYTES, data, 0)) {
    // Not exactly the schema's words in lower-case hex: say which.
    hexBytes(message.data, where, m('data'));
    fail({ ...where, field: m('data'), message: `data must be ${REPORT_SCHEMA_FIELDS.length} ABI words` });
  }
  const saltBytes = scratch.salt;
  const salt = hex32Into(message.salt, where, m('salt'), saltBytes, 0);
  const uid = hex32Into(sig.uid, where, 'attestation.sig.uid', scratch.uid, 0);
  const signatureJson = object(sig.signature, where, 'attestation.sig.signature');
  exactKeys(signatureJson, ['v', 'r', 's'], where, 'attestation.sig.signature');
  let signature;
  try {
    signature = rawSignature(hex32(signatureJson.r, where, 'attestation.sig.signature.r'), hex32(signatureJson.s, where, 'attestation.sig.signature.s'), integer(signatureJson.v, where, 'attestation.sig.signature.v', 255));
  } catch (error) {
    if (error instanceof SignatureFormatError) fail({ ...where, field: `attestation.sig.signature.${error.part}`, message: error.message });
    throw error;
  }

  const digest = attestDigest(domain, { version: OFFCHAIN_ATTESTATION_VERSION, schema: SCHEMA_BYTES, recipient: ZERO_RECIPIENT, time, expirationTime, revocable: REPORT_SCHEMA_REVOCABLE, refUID: refBytes, data, salt: saltBytes });
  const signedBy = context.signer.check(digest, signature);
  if (signedBy !== null) {
    // Say which part changed when the plain report still holds what was signed.
    compareReportToData(report, data, where, true);
    fail({ ...where, field: 'attestation.sig.signature', message: `signed by ${signedBy}, expected ${context.signer.expected}` });
  }
  compareReportToData(report, data, where, false);
  const signer = context.signer.expected;
  if (address(pkg.signer, where, 'attestation.signer').toLowerCase() !== signer.toLowerCase()) fail({ ...where, field: 'attestation.signer', message: `the package names ${String(pkg.signer)} as signer, but ${signer} signed it` });
  if (address(report.operator, where, 'report.operator').toLowerCase() !== signer.toLowerCase()) fail({ ...where, field: 'report.operator', message: `report.operator is ${String(report.operator)}, but ${signer} signed it` });

  const sequence = decimal(report.sequence, where, 'report.sequence');
  const epochStart = decimal(report.epochStart, where, 'report.epochStart');
  const epochEnd = decimal(report.epochEnd, where, 'report.epochEnd');
  if (epochEnd <= epochStart) fail({ ...where, field: 'report.epochEnd', message: 'the epoch ends before it starts' });
  if (time !== epochEnd) fail({ ...where, field: m('time'), message: `time ${time} is not the epoch end ${epochEnd}` });
  // The report hash: abi.encode(operator, …schema fields) = the operator's word, then the data.
  const encoded = scratch.reportEncoding;
  encoded.set(context.signer.addressBytes, 12);
  encoded.set(data, 32);
  keccak256Into(encoded, scratch.computed, 0);
  // Hashes compared as bytes; the hex of a computed one is only spelt out when it differs (salt and uid are lower-case hex, checked above).
  const reportHash = sameWord(scratch.computed, saltBytes, 0) ? salt : bytesToHex(scratch.computed);
  if (salt !== reportHash) fail({ ...where, field: m('salt'), message: `salt is not the report hash ${reportHash}` });
  if (hex32(entry.reportHash, where, 'reportHash') !== reportHash) fail({ ...where, field: 'reportHash', message: `reportHash is ${String(entry.reportHash)}, the report hashes to ${reportHash}` });
  offchainUidInto(ZERO_RECIPIENT, time, expirationTime, REPORT_SCHEMA_REVOCABLE, refBytes, data, saltBytes, scratch.computed);
  if (!sameWord(scratch.computed, scratch.uid, 0)) fail({ ...where, field: 'attestation.sig.uid', message: `uid is ${uid}, the attestation's UID is ${bytesToHex(scratch.computed)}` });
  const prevReportHash = hex32(report.prevReportHash, where, 'report.prevReportHash');
  if ((prevReportHash === ZERO_BYTES32) !== (refUID === ZERO_BYTES32)) fail({ ...where, field: m('refUID'), message: 'refUID and prevReportHash disagree on whether this is the first report' });

  const assetCount = integer(report.assetCount, where, 'report.assetCount', UINT32_MAX);
  const merkleRoot = hex32(report.merkleRoot, where, 'report.merkleRoot');
  if ((assetCount === 0) !== (merkleRoot === EMPTY_TREE_ROOT)) fail({ ...where, field: 'report.merkleRoot', message: 'the root must be zero exactly when the report has no assets' });
  const leaves = options.leaves ? checkLeaves(entry.leaves, sequence, assetCount, merkleRoot, where) : [];
  return {
    seq: Number(sequence),
    epochStart,
    epochEnd,
    assetCount,
    revenue: decimal(report.revenue, where, 'report.revenue'),
    repaid: decimal(report.repaid, where, 'report.repaid'),
    outstanding: decimal(report.outstanding, where, 'report.outstanding'),
    coverageBps: integer(report.coverageBps, where, 'report.coverageBps', UINT32_MAX),
    journalHead: hex32(report.journalHead, where, 'report.journalHead'),
    prevReportHash,
    reportHash,
    uid,
    refUID,
    merkleRoot,
    leaves,
  };
}

/** Reads one leaf on its own (a proof's leaf): its input, the hash its values give, and the leafHash it claims. */
export function readLeafJson(leaf: unknown, seq: bigint, where: Where, path: string): { value: Record<string, unknown>; input: AssetLeafInput; computed: string; stored: string } {
  const value = object(leaf, where, path);
  const { input, leafHash } = leafInput(value, where, path, seq);
  leafScratch.fill(0);
  encodeLeaf(input, where, path, leafScratch, leafScratchView);
  return { value, input, computed: bytesToHex(leafHashOfEncoded(leafScratch)), stored: leafHash };
}

/** The hash a leaf's JSON values give (for the single-edit search of a proof). */
export const leafJsonHash = hashOfLeafJson;

export { AuditError };
