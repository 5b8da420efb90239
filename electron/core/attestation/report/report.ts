import { AbiCoder, getAddress, isAddress } from 'ethers';
import { bytesToHex, describe, isBytes32Hex, ZERO_BYTES32 } from './hex';
import { keccak256Bytes } from './keccak';
import { EMPTY_TREE_ROOT } from './merkle-tree';

/**
 * One epoch's report. The field list below is the exact abi.encode order of the report hash;
 * docs/report-format.md writes it out with a worked example. uint64 and money are bigint.
 */
export interface EpochReport {
  /** The operator's address: the signer of the attestation. */
  operator: string;
  sequence: bigint;
  /** Unix seconds, UTC; the epoch is [epochStart, epochEnd). */
  epochStart: bigint;
  epochEnd: bigint;
  assetCount: number;
  /** Root of the epoch's leaves (EMPTY_TREE_ROOT when assetCount is 0). */
  merkleRoot: string;
  /** Integer micro-units. */
  revenue: bigint;
  repaid: bigint;
  outstanding: bigint;
  /** Collateral coverage in basis points; uint32 because coverage can exceed 6.55× (65,535 bps). */
  coverageBps: number;
  /** The journal's head hash when the epoch closed (docs/journal.md). */
  journalHead: string;
  /** reportHash of the previous report; bytes32(0) for the first. */
  prevReportHash: string;
}

export const REPORT_FIELDS = [
  { name: 'operator', type: 'address' },
  { name: 'sequence', type: 'uint64' },
  { name: 'epochStart', type: 'uint64' },
  { name: 'epochEnd', type: 'uint64' },
  { name: 'assetCount', type: 'uint32' },
  { name: 'merkleRoot', type: 'bytes32' },
  { name: 'revenue', type: 'uint256' },
  { name: 'repaid', type: 'uint256' },
  { name: 'outstanding', type: 'uint256' },
  { name: 'coverageBps', type: 'uint32' },
  { name: 'journalHead', type: 'bytes32' },
  { name: 'prevReportHash', type: 'bytes32' },
] as const satisfies readonly { name: keyof EpochReport; type: string }[];

export const REPORT_TYPES: string[] = REPORT_FIELDS.map((field) => field.type);

const MAX = { uint32: 0xffff_ffff, uint64: (1n << 64n) - 1n, uint256: (1n << 256n) - 1n };

export class InvalidReportError extends RangeError {
  override readonly name = 'InvalidReportError';
}

function bad(field: string, expected: string, value: unknown): never {
  throw new InvalidReportError(`report ${field} must be ${expected}, got ${describe(value)}`);
}

/** Throws InvalidReportError naming the first field outside its type, or an inconsistency. */
export function validateReport(report: EpochReport): void {
  if (typeof report.operator !== 'string' || !isAddress(report.operator)) bad('operator', 'an address', report.operator);
  for (const field of ['sequence', 'epochStart', 'epochEnd'] as const) {
    const value = report[field];
    if (typeof value !== 'bigint' || value < 0n || value > MAX.uint64) bad(field, 'a uint64 bigint', value);
  }
  for (const field of ['revenue', 'repaid', 'outstanding'] as const) {
    const value = report[field];
    if (typeof value !== 'bigint' || value < 0n || value > MAX.uint256) bad(field, 'a uint256 bigint (micro-units)', value);
  }
  for (const field of ['assetCount', 'coverageBps'] as const) {
    const value = report[field];
    if (!Number.isInteger(value) || value < 0 || value > MAX.uint32) bad(field, 'a uint32 integer', value);
  }
  for (const field of ['merkleRoot', 'journalHead', 'prevReportHash'] as const) {
    if (!isBytes32Hex(report[field])) bad(field, '0x followed by 64 hex digits', report[field]);
  }
  if (report.epochEnd <= report.epochStart) bad('epochEnd', `after epochStart (${report.epochStart})`, report.epochEnd);
  if ((report.assetCount === 0) !== (report.merkleRoot.toLowerCase() === EMPTY_TREE_ROOT)) {
    bad('merkleRoot', report.assetCount === 0 ? 'the empty root bytes32(0) when assetCount is 0' : 'non-zero when there are assets', report.merkleRoot);
  }
}

/** abi.encode(operator, sequence, …, prevReportHash) in REPORT_FIELDS order. */
export function encodeReport(report: EpochReport): string {
  validateReport(report);
  return AbiCoder.defaultAbiCoder().encode(
    REPORT_TYPES,
    REPORT_FIELDS.map((field) => report[field.name]),
  );
}

/** keccak256(abi.encode(report fields)): chains reports (prevReportHash) and salts the attestation. */
export function reportHash(report: EpochReport): string {
  return bytesToHex(keccak256Bytes(Buffer.from(encodeReport(report).slice(2), 'hex')));
}

export function isFirstReport(report: EpochReport): boolean {
  return report.prevReportHash.toLowerCase() === ZERO_BYTES32;
}

/** The report with addresses checksummed and hashes lower-cased (how it is stored and shown). */
export function normalizeReport(report: EpochReport): EpochReport {
  validateReport(report);
  return {
    ...report,
    operator: getAddress(report.operator),
    merkleRoot: report.merkleRoot.toLowerCase(),
    journalHead: report.journalHead.toLowerCase(),
    prevReportHash: report.prevReportHash.toLowerCase(),
  };
}
