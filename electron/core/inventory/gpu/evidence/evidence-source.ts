import type { GpuEvidenceDocument } from '../../../../contract/gpu-evidence-api';

/** The GPU to ask: its asset id, and how the driver tools address it. */
export interface EvidenceTarget {
  assetId: string;
  uuid: string | null;
  index: number;
}

/**
 * Where a GPU's attestation evidence comes from (docs/gpu-evidence.md): an operator's command
 * wrapping NVIDIA's tools, or NVML's confidential-computing calls. Either one is asked for
 * evidence bound to our nonce; what it returns is verified by the node, never trusted as is.
 */
export interface GpuEvidenceSource {
  readonly kind: 'command' | 'nvml';
  collect(target: EvidenceTarget, nonceHex: string): Promise<GpuEvidenceDocument>;
}

/** Collection itself failed (no evidence to verify): the reason is shown and counted. */
export class EvidenceCollectError extends Error {
  override name = 'EvidenceCollectError';
}
