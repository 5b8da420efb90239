import { GPU_EVIDENCE_FORMAT, type GpuEvidence } from './evidence-types';

const LOWER_HEX = /^(?:[0-9a-f]{2})*$/;

/**
 * Why a value is not a GpuEvidence (undefined when it is one). Evidence comes from files and
 * bundles, so nothing about its shape is assumed; the report must already be in its one
 * canonical spelling (lowercase hex, no 0x, no spaces) so that one report has one evidence hash.
 */
export function evidenceShapeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'the evidence is not a JSON object';
  const evidence = value as Partial<Record<keyof GpuEvidence, unknown>>;
  if (evidence.format !== GPU_EVIDENCE_FORMAT) return `evidence format is ${JSON.stringify(evidence.format)}, expected "${GPU_EVIDENCE_FORMAT}"`;
  if (typeof evidence.report !== 'string') return 'evidence report is not a string';
  if (!LOWER_HEX.test(evidence.report)) {
    const bad = evidence.report.search(/[^0-9a-f]/);
    return bad === -1 ? `evidence report has an odd number of hex digits (${evidence.report.length})` : `evidence report must be lowercase hex without 0x or spaces; character ${bad} is ${JSON.stringify(evidence.report[bad])}`;
  }
  if (!Array.isArray(evidence.certChain) || evidence.certChain.some((pem) => typeof pem !== 'string')) return 'evidence certChain is not a list of PEM strings';
  return undefined;
}
