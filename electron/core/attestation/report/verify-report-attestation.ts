import { getAddress, isAddress, Signature, verifyTypedData } from 'ethers';
import { decodeReportAttestationData, REPORT_SCHEMA_REVOCABLE, REPORT_SCHEMA_UID } from './eas-schema';
import { ZERO_ADDRESS, ZERO_BYTES32 } from './hex';
import type { NetworkProfile } from './network-profiles';
import { attestationDomain, EAS_DOMAIN_NAME, OFFCHAIN_ATTEST_TYPES, OFFCHAIN_ATTESTATION_VERSION, offchainAttestationUid, type SignedReportPackage } from './offchain-attestation';
import { reportHash, validateReport, type EpochReport } from './report';
import { signedReportFromJson } from './signed-report-json';

export type ReportVerification = { ok: true; report: EpochReport; uid: string; reportHash: string } | { ok: false; reason: string };

export interface ExpectedReportSigner {
  /** The operator's address from the verifier's own records — never from the package. */
  signer: string;
  /** The network the verifier expects; without it any chain's domain is accepted (and named in nothing). */
  network?: NetworkProfile;
}

const sameTypes = (types: unknown) => JSON.stringify(types) === JSON.stringify(OFFCHAIN_ATTEST_TYPES);

/**
 * Everything a lender's verifier checks about one signed report, with ethers only (the same
 * checks as eas-sdk's verifyOffchainAttestationSignature, plus Sietch's: our schema, no
 * recipient, no expiry, irrevocable, time = epoch end, salt = report hash). Never throws for
 * a bad package: it says why it is bad. Takes the package object or its parsed JSON.
 */
export function verifySignedReport(pkg: unknown, expected: ExpectedReportSigner): ReportVerification {
  try {
    return check(signedReportFromJson(pkg), expected);
  } catch (error) {
    return { ok: false, reason: `malformed package: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function check(pkg: SignedReportPackage, expected: ExpectedReportSigner): ReportVerification {
  const fail = (reason: string): ReportVerification => ({ ok: false, reason });
  const { sig } = pkg;
  if (!isAddress(expected.signer)) return fail('expected signer is not an address');
  if (sig.version !== OFFCHAIN_ATTESTATION_VERSION || sig.message.version !== OFFCHAIN_ATTESTATION_VERSION) return fail(`not a version ${OFFCHAIN_ATTESTATION_VERSION} offchain attestation`);
  if (sig.primaryType !== 'Attest' || !sameTypes(sig.types)) return fail('EIP-712 types are not those of an EAS v2 offchain attestation');
  if (sig.domain.name !== EAS_DOMAIN_NAME) return fail(`domain name is not "${EAS_DOMAIN_NAME}"`);
  if (expected.network) {
    const want = attestationDomain(expected.network);
    if (BigInt(sig.domain.chainId) !== want.chainId) return fail(`signed for chain ${sig.domain.chainId}, expected ${want.chainId}`);
    if (getAddress(sig.domain.verifyingContract) !== want.verifyingContract) return fail(`signed for EAS contract ${sig.domain.verifyingContract}, expected ${want.verifyingContract}`);
    if (sig.domain.version !== want.version) return fail(`signed for EAS version ${sig.domain.version}, expected ${want.version}`);
  }
  const { message } = sig;
  if (message.schema.toLowerCase() !== REPORT_SCHEMA_UID) return fail(`schema ${message.schema} is not the Sietch report schema ${REPORT_SCHEMA_UID}`);
  if (getAddress(message.recipient) !== ZERO_ADDRESS) return fail('recipient is not the zero address');
  if (BigInt(message.expirationTime) !== 0n) return fail('expirationTime is not 0');
  if (message.revocable !== REPORT_SCHEMA_REVOCABLE) return fail('revocable flag differs from the schema');
  if (offchainAttestationUid(message) !== sig.uid.toLowerCase()) return fail('uid does not match the attestation');

  const signer = getAddress(expected.signer);
  const serialized = Signature.from({ v: sig.signature.v, r: sig.signature.r, s: sig.signature.s }).serialized;
  const recovered = verifyTypedData(sig.domain, sig.types, message, serialized);
  if (recovered !== signer) return fail(`signed by ${recovered}, expected ${signer}`);
  if (getAddress(pkg.signer) !== signer) return fail(`package names ${pkg.signer} as signer, but ${signer} signed it`);

  const report: EpochReport = { operator: signer, ...decodeReportAttestationData(message.data) };
  validateReport(report);
  if (BigInt(message.time) !== report.epochEnd) return fail('time is not the epoch end');
  const hash = reportHash(report);
  if (message.salt.toLowerCase() !== hash) return fail('salt is not the report hash');
  if ((report.prevReportHash === ZERO_BYTES32) !== (message.refUID.toLowerCase() === ZERO_BYTES32)) return fail('refUID and prevReportHash disagree on whether this is the first report');
  return { ok: true, report, uid: sig.uid.toLowerCase(), reportHash: hash };
}
