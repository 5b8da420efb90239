import type { GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import type { ReportDetail } from '../../../../electron/contract/schemas/node';

type EvidenceCheck = GpuEvidenceRecord['checks'][number];

/**
 * What a GPU's latest evidence says, as the badge shows it: verified (hardware-rooted identity),
 * rejected (evidence came and failed a check: the more serious, someone answered for this GPU
 * and the answer did not hold), or not collected (the GPU or the operator's command gave none).
 */
export type EvidenceVerdict = 'attested' | 'rejected' | 'uncollected';

export const EVIDENCE_VERDICTS: readonly EvidenceVerdict[] = ['attested', 'rejected', 'uncollected'];

/**
 * The verifier's checks in its order (electron/core/gpu-evidence/evidence-types.ts), and
 * 'collect', which the node reports when no evidence came at all. Each has gpuEvidence.check.<name>
 * in both languages; a name a newer core adds is shown verbatim.
 */
export const EVIDENCE_CHECKS = ['collect', 'format', 'chain', 'validity', 'root', 'signature', 'nonce', 'fwid', 'revocation', 'rim'] as const;
export type KnownEvidenceCheck = (typeof EVIDENCE_CHECKS)[number];

/** The checks that need NVIDIA's online services (OCSP, RIM service): never silently passed offline. */
export const ONLINE_CHECKS: readonly KnownEvidenceCheck[] = ['revocation', 'rim'];

const KNOWN_CHECKS: ReadonlySet<string> = new Set(EVIDENCE_CHECKS);

export function isKnownCheck(name: string): name is KnownEvidenceCheck {
  return KNOWN_CHECKS.has(name);
}

export function evidenceVerdict(record: GpuEvidenceRecord): EvidenceVerdict {
  if (record.verified) return 'attested';
  return record.failure?.check === 'collect' || record.checks.length === 0 ? 'uncollected' : 'rejected';
}

/**
 * The checks to list in the drawer: every one the verifier reported, in its order, and then the
 * online ones it did not report, as "not checked offline" — the console never lets a reader
 * assume that revocation or the reference measurements were checked when nothing says so.
 * Evidence that never came has no checks to list.
 */
export function checksToShow(record: GpuEvidenceRecord): EvidenceCheck[] {
  if (record.checks.length === 0) return [];
  const reported = new Set(record.checks.map((check) => check.name));
  const missing = ONLINE_CHECKS.filter((name) => !reported.has(name)).map((name): EvidenceCheck => ({ name, status: 'not-checked-offline', detail: '' }));
  return [...record.checks, ...missing];
}

export interface AttestedCount {
  gpus: number;
  attested: number;
}

/** How many of a report's GPU leaves carry verified hardware evidence. */
export function countAttested(leaves: readonly ReportDetail['leaves'][number][]): AttestedCount {
  let gpus = 0;
  let attested = 0;
  for (const leaf of leaves) {
    if (leaf.kind !== 'gpu') continue;
    gpus += 1;
    if (leaf.hwAttested) attested += 1;
  }
  return { gpus, attested };
}

const SOURCES: ReadonlySet<string> = new Set(['off', 'command', 'nvml']);

/** A record's source as the status names it (gpuEvidence.source.kind.<source>); another is shown verbatim. */
export function isEvidenceSource(source: string): source is 'off' | 'command' | 'nvml' {
  return SOURCES.has(source);
}
