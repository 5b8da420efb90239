import { splitPemCertificates } from './chain-certificates';
import { GPU_EVIDENCE_FORMAT, type GpuEvidence } from './evidence-types';
import { looksLikeHexText, toHex } from './report-bytes';

/** Hex text in its one evidence spelling: no whitespace, no 0x, lowercase. */
function normalizeHexText(text: string): string {
  const digits = text.replace(/\s+/g, '');
  return (digits.startsWith('0x') || digits.startsWith('0X') ? digits.slice(2) : digits).toLowerCase();
}

/**
 * GpuEvidence from what NVIDIA's tools write: the report as hex text (any whitespace) or as raw
 * bytes, and the chain as a PEM file, leaf first. Never throws: text that is not hex is kept as
 * it is and fails the 'format' check with the character's position when verified.
 */
export function gpuEvidenceFromFiles(reportText: string | Uint8Array, chainPem: string): GpuEvidence {
  let report: string;
  if (typeof reportText === 'string') report = normalizeHexText(reportText);
  else if (looksLikeHexText(reportText)) report = normalizeHexText(Buffer.from(reportText).toString('latin1'));
  else report = toHex(reportText);
  return { format: GPU_EVIDENCE_FORMAT, report, certChain: splitPemCertificates(chainPem) };
}
