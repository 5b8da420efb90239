// GPU attestation evidence (NVIDIA H100, SPDM 1.1): parse, verify offline, hash. docs/gpu-evidence.md
export {
  GPU_EVIDENCE_FORMAT,
  EVIDENCE_CHECK_NAMES,
  type GpuEvidence,
  type EvidenceCheckName,
  type EvidenceCheckStatus,
  type EvidenceCheck,
  type GpuDeviceIdentity,
  type GpuEvidenceVerdict,
  type RevocationChecker,
  type ReferenceMeasurementChecker,
  type VerifyGpuEvidenceOptions,
} from './evidence-types';
export { verifyGpuEvidence } from './verify-gpu-evidence';
export { gpuEvidenceHash } from './evidence-hash';
export { gpuEvidenceFromFiles } from './evidence-files';
export { parseGpuEvidenceReport, SPDM_VERSION_1_1, NONCE_BYTES, SIGNATURE_BYTES, type ParsedSpdmReport, type SpdmRequest, type SpdmMeasurementsResponse, type MeasurementBlock } from './spdm-report';
export { GpuEvidenceFormatError } from './byte-reader';
export { OPAQUE_FIELD, opaqueFieldName, decodeVbiosVersion, decodeMeasurementCounts, decodeNulPaddedAscii, type OpaqueField } from './opaque-fields';
export { splitPemCertificates } from './chain-certificates';
export { readDiceFwids, SHA384_OID, type DiceFwids, type Fwid } from './dice-tcb-info';
export { isNonceHex } from './report-checks';
export { trustedRoot, type TrustedRoot } from './trusted-root';
