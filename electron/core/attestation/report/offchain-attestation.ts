import { getAddress, Signature, solidityPackedKeccak256, toUtf8Bytes, hexlify } from 'ethers';
import { encodeReportAttestationData, REPORT_SCHEMA_REVOCABLE, REPORT_SCHEMA_UID } from './eas-schema';
import { isBytes32Hex, ZERO_ADDRESS, ZERO_BYTES32 } from './hex';
import type { NetworkProfile } from './network-profiles';
import { InvalidReportError, isFirstReport, reportHash, validateReport, type EpochReport } from './report';

/**
 * A report as an EAS offchain attestation, version 2 — the format of eas-sdk's
 * `Offchain.signOffchainAttestation` (v2.x), rebuilt on ethers so the product does not ship
 * the SDK. Tests verify our packages with the SDK itself.
 */
export const OFFCHAIN_ATTESTATION_VERSION = 2;
export const EAS_DOMAIN_NAME = 'EAS Attestation';

/** EIP-712 types of a version-2 offchain attestation, in EAS's order (verifiers compare them exactly). */
export const OFFCHAIN_ATTEST_TYPES = {
  Attest: [
    { name: 'version', type: 'uint16' },
    { name: 'schema', type: 'bytes32' },
    { name: 'recipient', type: 'address' },
    { name: 'time', type: 'uint64' },
    { name: 'expirationTime', type: 'uint64' },
    { name: 'revocable', type: 'bool' },
    { name: 'refUID', type: 'bytes32' },
    { name: 'data', type: 'bytes' },
    { name: 'salt', type: 'bytes32' },
  ],
} as const;

export type AttestTypes = { Attest: { name: string; type: string }[] };

export interface OffchainAttestationDomain {
  name: string;
  version: string;
  chainId: bigint;
  verifyingContract: string;
}

export interface OffchainAttestationMessage {
  version: number;
  /** The schema UID (lower-case hex). */
  schema: string;
  recipient: string;
  time: bigint;
  expirationTime: bigint;
  revocable: boolean;
  refUID: string;
  data: string;
  salt: string;
}

/** eas-sdk's SignedOffchainAttestation. */
export interface SignedOffchainAttestation {
  version: number;
  uid: string;
  domain: OffchainAttestationDomain;
  primaryType: string;
  message: OffchainAttestationMessage;
  types: AttestTypes;
  signature: { v: number; r: string; s: string };
}

/** eas-sdk's AttestationShareablePackageObject: what easscan.org and the SDK take. */
export interface SignedReportPackage {
  sig: SignedOffchainAttestation;
  signer: string;
}

/** What can sign: an ethers Wallet, or the keystore's operator signer. */
export interface TypedDataSigner {
  readonly address: string;
  signTypedData(domain: OffchainAttestationDomain, types: AttestTypes, value: OffchainAttestationMessage): Promise<string>;
}

/**
 * What the node signs reports with: the operator's address and one operation. The keystore's
 * unlocked signer is one (it never exposes the key nor a general signTypedData).
 */
export interface ReportSigner {
  readonly address: string;
  signReport(report: EpochReport, options: ReportAttestationOptions): Promise<SignedReportPackage>;
}

export interface ReportAttestationOptions {
  network: NetworkProfile;
  /** The previous report's attestation UID; bytes32(0) exactly when the report is the first. */
  refUID: string;
}

export function attestationDomain(network: NetworkProfile): OffchainAttestationDomain {
  return { name: EAS_DOMAIN_NAME, version: network.easVersion, chainId: BigInt(network.chainId), verifyingContract: getAddress(network.easAddress) };
}

export function attestTypes(): AttestTypes {
  return { Attest: OFFCHAIN_ATTEST_TYPES.Attest.map((field) => ({ ...field })) };
}

/**
 * The version-2 offchain UID as EAS computes it. Note the EAS quirk: `schema` enters as the
 * UTF-8 bytes of its 0x-hex string, not as 32 bytes; the attester is not part of it (the
 * zero address stands in), and the trailing uint32 is always 0.
 */
export function offchainAttestationUid(message: OffchainAttestationMessage): string {
  return solidityPackedKeccak256(
    ['uint16', 'bytes', 'address', 'address', 'uint64', 'uint64', 'bool', 'bytes32', 'bytes', 'bytes32', 'uint32'],
    [OFFCHAIN_ATTESTATION_VERSION, hexlify(toUtf8Bytes(message.schema)), message.recipient, ZERO_ADDRESS, message.time, message.expirationTime, message.revocable, message.refUID, message.data, message.salt, 0],
  );
}

/**
 * The unsigned attestation of a report: everything but the signature. Deterministic — the
 * salt is the report hash — so a report re-signed after a crash gives the same UID and, with
 * ECDSA's deterministic nonces (RFC 6979), the same signature bytes.
 */
export function reportAttestationRequest(report: EpochReport, options: ReportAttestationOptions) {
  validateReport(report);
  if (!isBytes32Hex(options.refUID)) throw new InvalidReportError(`refUID must be 0x followed by 64 hex digits, got ${options.refUID}`);
  const refUID = options.refUID.toLowerCase();
  if (isFirstReport(report) !== (refUID === ZERO_BYTES32)) {
    throw new InvalidReportError(isFirstReport(report) ? 'the first report (prevReportHash 0) must have refUID 0' : 'a report with a previous report must reference its attestation UID (refUID)');
  }
  const message: OffchainAttestationMessage = {
    version: OFFCHAIN_ATTESTATION_VERSION,
    schema: REPORT_SCHEMA_UID,
    recipient: ZERO_ADDRESS,
    time: report.epochEnd,
    expirationTime: 0n,
    revocable: REPORT_SCHEMA_REVOCABLE,
    refUID,
    data: encodeReportAttestationData(report),
    salt: reportHash(report),
  };
  return { domain: attestationDomain(options.network), primaryType: 'Attest' as const, types: attestTypes(), message, uid: offchainAttestationUid(message) };
}

/** Signs a report once, as an EAS offchain attestation, with the operator's key. */
export async function signReportAttestation(report: EpochReport, options: ReportAttestationOptions, signer: TypedDataSigner): Promise<SignedReportPackage> {
  const signerAddress = getAddress(signer.address);
  if (getAddress(report.operator) !== signerAddress) throw new InvalidReportError(`report operator ${report.operator} is not the signer ${signerAddress}`);
  const { domain, primaryType, types, message, uid } = reportAttestationRequest(report, options);
  const signature = Signature.from(await signer.signTypedData(domain, types, message));
  return {
    sig: { version: OFFCHAIN_ATTESTATION_VERSION, uid, domain, primaryType, message, types, signature: { v: signature.v, r: signature.r, s: signature.s } },
    signer: signerAddress,
  };
}

/** A ReportSigner over any typed-data signer (an ethers Wallet in tests and tools). */
export function typedDataReportSigner(signer: TypedDataSigner): ReportSigner {
  return Object.freeze({
    address: getAddress(signer.address),
    signReport: (report: EpochReport, options: ReportAttestationOptions) => signReportAttestation(report, options, signer),
  });
}
