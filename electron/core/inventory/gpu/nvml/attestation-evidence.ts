import { gpuEvidenceDocument, type GpuEvidenceDocument } from '../../../../contract/gpu-evidence-api';
import { splitPemCertificates } from '../../../gpu-evidence/chain-certificates';
import { EvidenceCollectError } from '../evidence/evidence-source';
import type { NvmlAttestationRead, NvmlConfComputeState } from './addon-types';
import { describeNvmlCode, NVML_SUCCESS } from './nvml-codes';

// The driver's answer to an evidence request (native/src/attestation-reader.cc) → the evidence
// document, or an EvidenceCollectError that says what the operator has to change. Nothing here
// judges the evidence itself: the node verifies it (electron/core/gpu-evidence).

/** NVML's buffers (nvml.h, R535+): a size beyond them is a driver we do not understand. */
export const NVML_ATTESTATION_REPORT_BYTES = 0x2000;
export const NVML_ATTESTATION_CHAIN_BYTES = 0x1400;

const NVML_ERROR_NOT_SUPPORTED = 3;
const NVML_ERROR_FUNCTION_NOT_FOUND = 13;
const NEEDS = 'needs R535+ and CC mode on';

/** "GPU 0 (GPU-…)", the UUID being the one NVML gave for that index. */
const gpuName = (index: number, uuid: string | null): string => `GPU ${index}${uuid ? ` (${uuid})` : ''}`;

/** What the system CC state adds to a refusal: the usual cause, in words (empty when it says nothing). */
function ccStateNote(state: NvmlConfComputeState): string {
  if (state.code === NVML_ERROR_FUNCTION_NOT_FOUND) return 'the driver has no confidential-computing calls at all';
  if (state.code !== NVML_SUCCESS) return '';
  if (state.feature === 0) return 'confidential computing is off on this host (nvmlSystemGetConfComputeState: CC feature disabled)';
  if (state.environment === 0) return 'the confidential-computing environment is unavailable (no CC-capable CPU TEE)';
  return '';
}

function refusal(read: NvmlAttestationRead, index: number): EvidenceCollectError {
  const where = gpuName(index, read.uuid);
  if (read.code === NVML_ERROR_FUNCTION_NOT_FOUND) {
    return new EvidenceCollectError(`the NVIDIA driver has no confidential-computing attestation (${read.call} is missing: ${NEEDS})`);
  }
  if (read.call === 'nvmlInit_v2') return new EvidenceCollectError(`NVML is not initialized: ${describeNvmlCode(read.code)}`);
  if (read.call === 'nvmlDeviceGetHandleByIndex_v2') return new EvidenceCollectError(`${where}: NVML has no such GPU: ${describeNvmlCode(read.code)}`);
  const what = read.call === 'nvmlDeviceGetConfComputeGpuCertificate' ? 'no attestation certificate chain' : 'no attestation report';
  const note = ccStateNote(read.confCompute);
  if (note !== '') return new EvidenceCollectError(`${where} gave ${what}: ${note}; evidence ${NEEDS} (${read.call}: ${describeNvmlCode(read.code)})`);
  if (read.code === NVML_ERROR_NOT_SUPPORTED) {
    return new EvidenceCollectError(`${where} gave ${what}: ${describeNvmlCode(read.code)}; evidence needs a Hopper or newer GPU in confidential-computing mode (${NEEDS})`);
  }
  return new EvidenceCollectError(`${where} gave ${what}: ${read.call} failed: ${describeNvmlCode(read.code)}`);
}

/**
 * The evidence of GPU `index`, which the caller knows as `expectedUuid`: the report bytes as the
 * driver gave them (SPDM GET_MEASUREMENTS request ‖ response) and the attestation chain split
 * into PEMs, leaf first. Throws EvidenceCollectError when there is no usable evidence.
 */
export function evidenceFromAttestationRead(read: NvmlAttestationRead, index: number, expectedUuid: string | null): GpuEvidenceDocument {
  if (read.code !== NVML_SUCCESS || read.report === null || read.certChain === null) throw refusal(read, index);
  const where = gpuName(index, read.uuid);
  // NVML indexes follow PCI order and can change when a GPU is added or falls off the bus:
  // evidence from another GPU must never be filed under this asset.
  if (expectedUuid !== null && read.uuid !== null && read.uuid.toLowerCase() !== expectedUuid.toLowerCase()) {
    throw new EvidenceCollectError(`GPU ${index} is ${read.uuid}, not ${expectedUuid}: the GPUs were renumbered since the inventory was read; its evidence is not used`);
  }
  if (read.reportSize === 0) throw new EvidenceCollectError(`${where}: the driver returned an empty attestation report`);
  if (read.reportSize > NVML_ATTESTATION_REPORT_BYTES) throw new EvidenceCollectError(`${where}: the driver reported a ${read.reportSize}-byte attestation report, more than NVML's ${NVML_ATTESTATION_REPORT_BYTES}-byte buffer`);
  if (read.certChainSize > NVML_ATTESTATION_CHAIN_BYTES) throw new EvidenceCollectError(`${where}: the driver reported a ${read.certChainSize}-byte certificate chain, more than NVML's ${NVML_ATTESTATION_CHAIN_BYTES}-byte buffer`);
  const certChain = splitPemCertificates(read.certChain);
  if (certChain.length === 0) throw new EvidenceCollectError(`${where}: the driver's attestation certificate chain holds no PEM certificate`);
  const parsed = gpuEvidenceDocument.safeParse({ format: 'nvidia-spdm-1.1', report: read.report.toString('hex'), certChain });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EvidenceCollectError(`${where}: the driver's evidence does not fit an evidence document: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
