import type { X509Certificate } from 'node:crypto';

/**
 * The shapes of GPU attestation evidence and of its verdict (docs/gpu-evidence.md). The
 * collection, the reports, the audit bundle and the UI build on these names: add fields, never
 * rename them.
 */

/** SPDM 1.1 GET_MEASUREMENTS request + MEASUREMENTS response, as NVIDIA's driver hands them out. */
export const GPU_EVIDENCE_FORMAT = 'nvidia-spdm-1.1';

/** What is stored per GPU and epoch and put in audit bundles. */
export interface GpuEvidence {
  format: typeof GPU_EVIDENCE_FORMAT;
  /** Lowercase hex, no 0x: request ‖ response exactly as the driver gave it. */
  report: string;
  /** PEM certificates, leaf first, as the driver gave them. */
  certChain: string[];
}

/** Every check, in the order they are reported; the first failed one is the verdict's failure. */
export const EVIDENCE_CHECK_NAMES = ['format', 'chain', 'validity', 'root', 'signature', 'nonce', 'fwid', 'revocation', 'rim'] as const;
export type EvidenceCheckName = (typeof EVIDENCE_CHECK_NAMES)[number];

export type EvidenceCheckStatus = 'passed' | 'failed' | 'not-checked-offline';

export interface EvidenceCheck {
  name: EvidenceCheckName;
  status: EvidenceCheckStatus;
  detail: string;
}

/** Who the GPU is, as the report and its leaf certificate say (once the signature holds, as the chip says). */
export interface GpuDeviceIdentity {
  /** The leaf certificate's serial number, uppercase hex: what NVIDIA calls the UEID. */
  serial: string;
  /** From the leaf's subjectAltName otherName "NVIDIA:GH100:<chip id>". */
  chipId?: string;
  /** The leaf certificate's common name, e.g. "GH100 A01 GSP FMC LF". */
  model: string;
  /** The FWID of the report's opaque data (type 20), lowercase hex. */
  fwid: string;
  driverVersion?: string;
  /** As nvidia-smi prints it, e.g. "96.00.9F.00.01". */
  vbiosVersion?: string;
  /** The requester's nonce (the one in the GET_MEASUREMENTS request), lowercase hex. */
  nonce: string;
  /** Measurement values, lowercase hex, by measurement index (index 1 first). */
  measurements: string[];
}

export interface GpuEvidenceVerdict {
  /** Every required check passed; revocation and RIM checks left 'not-checked-offline' do not fail it. */
  ok: boolean;
  /** The first failed check, in EVIDENCE_CHECK_NAMES order, with a precise reason. */
  failure?: { check: EvidenceCheckName; reason: string };
  /** Every check, in order, each with its status. */
  checks: EvidenceCheck[];
  /** Present whenever the report parsed. */
  device?: GpuDeviceIdentity;
  /** 0x + 64 hex: keccak256(utf8(RFC 8785 canonical JSON of the GpuEvidence)). */
  evidenceHash: string;
}

/** A revocation service (NVIDIA's OCSP responder); without one, revocation is 'not-checked-offline'. */
export interface RevocationChecker {
  name: string;
  check(chain: X509Certificate[], at: Date): Promise<{ status: 'passed' | 'failed'; detail: string }>;
}

/** Reference measurements (NVIDIA's RIM service); without one, RIM is 'not-checked-offline'. */
export interface ReferenceMeasurementChecker {
  name: string;
  check(device: GpuDeviceIdentity): Promise<{ status: 'passed' | 'failed'; detail: string }>;
}

export interface VerifyGpuEvidenceOptions {
  /** The trusted root certificate, PEM: configuration, never taken from the evidence. */
  root: string;
  /** Hex (0x optional) of the nonce the verifier sent; default: the request's own nonce. */
  nonce?: string;
  /** When the certificates must be valid; default now. */
  at?: Date;
  revocation?: RevocationChecker;
  rim?: ReferenceMeasurementChecker;
}
