import { bytesToHex } from '../attestation/report/hex';
import { keccak256Bytes } from '../attestation/report/keccak';
import { canonicalJson } from '../journal/canonical';
import type { GpuEvidence } from './evidence-types';

/**
 * keccak256 of the UTF-8 bytes of the RFC 8785 canonical JSON of {format, report, certChain}
 * (exactly those three fields, whatever else an object carries), as 0x + 64 hex. It is what a
 * report leaf commits to: the same evidence hashes the same in the node, the bundle and the
 * auditor's verifier. Throws TypeError when a field has no canonical JSON form.
 */
export function gpuEvidenceHash(evidence: GpuEvidence): string {
  const { format, report, certChain } = evidence;
  return bytesToHex(keccak256Bytes(Buffer.from(canonicalJson({ format, report, certChain }), 'utf8')));
}
