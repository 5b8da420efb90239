import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gpuEvidenceFromFiles, splitPemCertificates, type GpuEvidence } from '../../electron/core/gpu-evidence';

/**
 * The real H100 evidence from NVIDIA's nvtrust repository (../shared/fixtures/nvtrust, see
 * SOURCES.md), read where it lies, and helpers that derive mutated copies of it: each helper
 * returns new evidence and leaves the fixture alone.
 */
/** Beside the repository, wherever it is cloned (CI clones elsewhere, with shared/ beside it). */
export const NVTRUST_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/nvtrust', import.meta.url));
export const REAL_REPORT_FILE = `${NVTRUST_FIXTURES}/nvtrust__hopperAttestationReport.txt`;
export const REAL_CHAIN_FILE = `${NVTRUST_FIXTURES}/nvtrust__hopperCertChain.txt`;
export const REAL_ROOT_FILE = `${NVTRUST_FIXTURES}/nvtrust__verifier_device_root.pem`;

/** The nonce in the real report's GET_MEASUREMENTS request. */
export const REAL_NONCE = '931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb';

export function realEvidence(): GpuEvidence {
  return gpuEvidenceFromFiles(readFileSync(REAL_REPORT_FILE), readFileSync(REAL_CHAIN_FILE, 'utf8'));
}

export function realRootPem(): string {
  return readFileSync(REAL_ROOT_FILE, 'utf8');
}

/** A copy of `evidence` with report byte `offset` XORed with `mask`. */
export function withReportByteFlipped(evidence: GpuEvidence, offset: number, mask = 0x01): GpuEvidence {
  const bytes = Buffer.from(evidence.report, 'hex');
  if (offset < 0 || offset >= bytes.length) throw new RangeError(`offset ${offset} is outside the ${bytes.length}-byte report`);
  bytes[offset]! ^= mask;
  return { ...evidence, report: bytes.toString('hex') };
}

/** A copy of `evidence` whose report bytes are changed by `edit` (truncate, overwrite, …). */
export function withReportBytes(evidence: GpuEvidence, edit: (bytes: Buffer) => Buffer): GpuEvidence {
  return { ...evidence, report: edit(Buffer.from(evidence.report, 'hex')).toString('hex') };
}

export function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64');
}

export function derToPem(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * A copy of `evidence` with byte `offset` of certificate `position`'s DER (1 = leaf) XORed with
 * `mask`; a negative offset counts from the end (-1: the last byte of the signature value).
 */
export function withCertificateByteFlipped(evidence: GpuEvidence, position: number, offset: number, mask = 0x01): GpuEvidence {
  const der = pemToDer(evidence.certChain[position - 1]!);
  const at = offset < 0 ? der.length + offset : offset;
  der[at]! ^= mask;
  const certChain = [...evidence.certChain];
  certChain[position - 1] = derToPem(der);
  return { ...evidence, certChain };
}

export function realChainPems(): string[] {
  return splitPemCertificates(readFileSync(REAL_CHAIN_FILE, 'utf8'));
}

