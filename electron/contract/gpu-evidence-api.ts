import { z } from 'zod';
import { method } from './method';
import { assetId, hash32, isoUtc, noInput } from './schemas/common';

// Hardware-rooted GPU identity (docs/gpu-evidence.md): the evidence each GPU gave for an epoch
// and what its verification found. Same shape as `methods` and `events` in api.ts.

const hex = z.string().regex(/^([0-9a-f]{2})+$/, 'lowercase hex bytes without 0x');

/** The evidence exactly as the driver gave it: what is stored, hashed into the leaf and bundled. */
export const gpuEvidenceDocument = z
  .object({
    format: z.literal('nvidia-spdm-1.1'),
    /** SPDM GET_MEASUREMENTS request ‖ MEASUREMENTS response, hex (an H100's is ~4 KB). */
    report: hex.max(2 * 1024 * 1024),
    /** PEM certificates, leaf first. */
    certChain: z.array(z.string().min(1).max(64 * 1024)).min(1).max(16),
  })
  .strict();

export const evidenceCheck = z.object({
  name: z.string(),
  status: z.enum(['passed', 'failed', 'not-checked-offline']),
  detail: z.string(),
});

export const gpuDeviceIdentity = z.object({
  /** The leaf certificate's serial number: NVIDIA's per-device identity (UEID). */
  serial: z.string(),
  chipId: z.string().optional(),
  model: z.string(),
  fwid: z.string(),
  driverVersion: z.string().optional(),
  vbiosVersion: z.string().optional(),
  nonce: z.string(),
  /** Hex of each measurement block, by index; left out of lists (64 × 48 bytes each). */
  measurements: z.array(z.string()).optional(),
});

export const gpuEvidenceRecord = z.object({
  assetId,
  /** The epoch whose leaf this evidence attests. */
  epochSeq: z.number().int().positive(),
  /** keccak256(previous report hash ‖ keccak256(asset id)): fresh for this epoch, checkable offline. */
  nonce: hash32,
  prevReportHash: hash32,
  collectedAt: isoUtc,
  source: z.string(),
  /** Every required check passed: the leaf carries hwAttested and the evidence hash. */
  verified: z.boolean(),
  failure: z.object({ check: z.string(), reason: z.string() }).nullable(),
  evidenceHash: hash32.nullable(),
  device: gpuDeviceIdentity.nullable(),
  checks: z.array(evidenceCheck),
});

export const gpuEvidenceStatus = z.object({
  /** Where evidence comes from: off, an operator's command, or NVML. */
  source: z.enum(['off', 'command', 'nvml']),
  /** Subject of the trusted root the evidence is verified against (configured, never shipped). */
  rootSubject: z.string().nullable(),
  /** Why collection is off or failing (a missing root file, a command that fails). */
  problem: z.string().nullable(),
  lastCollectionAt: isoUtc.nullable(),
  counters: z.object({ collected: z.number().int().nonnegative(), verified: z.number().int().nonnegative(), rejected: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
});

export type GpuEvidenceDocument = z.infer<typeof gpuEvidenceDocument>;
export type GpuEvidenceRecord = z.infer<typeof gpuEvidenceRecord>;
export type GpuEvidenceStatus = z.infer<typeof gpuEvidenceStatus>;

export const gpuEvidenceMethods = {
  'attest.gpu.status': method({ input: noInput, output: gpuEvidenceStatus, summary: 'Hardware-rooted GPU evidence: source, trusted root, last collection, counters.' }),
  'attest.gpu.latest': method({
    input: noInput,
    output: z.object({ records: z.array(gpuEvidenceRecord) }),
    summary: "Each GPU's latest evidence and its verdict (without the measurement values).",
  }),
  'attest.gpu.get': method({
    input: z.object({ assetId, epochSeq: z.number().int().positive().optional() }).strict(),
    output: z.object({ record: gpuEvidenceRecord, evidence: gpuEvidenceDocument.nullable() }),
    summary: "One GPU's evidence for an epoch (its latest without one): every check, the device identity, the measurements and the raw evidence.",
  }),
} as const;

export const gpuEvidenceEvents = {
  /** New evidence was collected and checked for these GPUs. */
  onGpuEvidenceChanged: z.object({ assetIds: z.array(assetId), at: isoUtc }),
} as const;
