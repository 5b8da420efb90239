import type { GpuEvidenceDocument } from '../../contract/gpu-evidence-api';
import { evidenceDocument } from '../attestation/node/gpu-evidence-store';
import { evidenceNonce } from '../attestation/report/evidence-nonce';
import type { Db } from '../db/open';
import { gpuEvidenceHash, verifyGpuEvidence, type TrustedRoot } from '../gpu-evidence';
import { fail } from './audit-failure';
import { sequencedFiles } from './bundle-format';
import { array, exactKeys, object, string, type Where } from './json-fields';

/**
 * Hardware evidence in audit bundles and proofs (docs/audit-bundle.md, docs/gpu-evidence.md):
 * for each report whose GPU leaves claim hwAttested, one file `evidence/NNNNNNNN.json`, right after
 * the report file — `{seq, items: [{assetId, evidence}]}` sorted by asset id, each evidence the
 * document exactly as the GPU gave it. The verifier recomputes each evidence hash into its leaf,
 * the epoch's nonce from the report chain, and verifies the evidence against the auditor's root.
 */
const EVIDENCE_FILES = sequencedFiles('evidence');
export const evidenceFileName = EVIDENCE_FILES.nameOf;
export const seqOfEvidenceFile = EVIDENCE_FILES.seqOf;

export interface EvidenceItemJson {
  assetId: string;
  evidence: GpuEvidenceDocument;
}

export interface EvidenceFileJson {
  seq: number;
  items: EvidenceItemJson[];
}

/** The evidence of a report's attested leaves, from the node's database (export and proofs). */
export function evidenceItemsOf(db: Db, seq: number, attestedAssetIds: readonly string[]): EvidenceItemJson[] {
  return [...attestedAssetIds].sort().map((assetId) => {
    const evidence = evidenceDocument(db, seq, assetId);
    // The leaf claims it and the leaf is signed: evidence missing from the database is corruption.
    if (!evidence) throw new Error(`report ${seq}: leaf ${assetId} is hardware-attested but its evidence is not in the database`);
    return { assetId, evidence };
  });
}

/** What a report needs to have its evidence checked: the chain gives the nonce, the leaves the hashes. */
export interface EvidenceContext {
  seq: number;
  prevReportHash: string;
  /** Unix seconds: the certificates must be valid when the epoch ended. */
  epochEnd: bigint;
  /** asset id → evidenceHash of each leaf that claims hwAttested. */
  attested: ReadonlyMap<string, string>;
}

function evidenceDocumentOf(value: unknown, where: Where, path: string): GpuEvidenceDocument {
  const document = object(value, where, path);
  exactKeys(document, ['certChain', 'format', 'report'], where, path);
  if (document.format !== 'nvidia-spdm-1.1') fail({ ...where, field: `${path}.format`, message: `${path}.format must be "nvidia-spdm-1.1"` });
  const report = string(document.report, where, `${path}.report`);
  if (!/^([0-9a-f]{2})+$/.test(report)) fail({ ...where, field: `${path}.report`, message: `${path}.report must be lower-case hex bytes` });
  const certChain = array(document.certChain, where, `${path}.certChain`).map((pem, index) => string(pem, where, `${path}.certChain[${index}]`));
  return { format: 'nvidia-spdm-1.1', report, certChain };
}

/**
 * Checks one item's evidence against its leaf and the report chain, then verifies it: against
 * `root` when the auditor gave one, otherwise against the chain's own last certificate — which
 * proves the signature and the links but not that the chain is NVIDIA's; the summary says so.
 */
export async function checkEvidenceItem(item: EvidenceItemJson, context: EvidenceContext, root: TrustedRoot | null, where: Where, path: string): Promise<void> {
  const expectedHash = context.attested.get(item.assetId);
  const at = { ...where, leaf: item.assetId };
  if (expectedHash === undefined) fail({ ...at, field: `${path}.assetId`, message: `evidence for ${item.assetId}, whose leaf does not claim hwAttested` });
  const hash = gpuEvidenceHash(item.evidence);
  if (hash !== expectedHash) fail({ ...at, field: `${path}.evidence`, message: `the evidence hashes to ${hash}, the leaf's evidenceHash is ${expectedHash}` });
  const nonce = evidenceNonce(context.prevReportHash, item.assetId).slice(2);
  const anchor = root?.pem ?? item.evidence.certChain[item.evidence.certChain.length - 1] ?? '';
  const verdict = await verifyGpuEvidence(item.evidence, { root: anchor, nonce, at: new Date(Number(context.epochEnd) * 1000) });
  if (!verdict.ok) fail({ ...at, field: `${path}.evidence`, message: `GPU evidence fails its ${verdict.failure?.check ?? 'verification'} check: ${verdict.failure?.reason ?? 'rejected'}` });
}

/** Checks a report's evidence file: its shape, one item per attested leaf, each item verified. */
export async function checkEvidenceFile(json: unknown, file: string, context: EvidenceContext, root: TrustedRoot | null): Promise<number> {
  const where: Where = { file, report: context.seq, leaf: null };
  const document = object(json, where, '');
  exactKeys(document, ['items', 'seq'], where, '');
  if (document.seq !== context.seq) fail({ ...where, field: 'seq', message: `seq must be ${context.seq} (the report before it), got ${String(document.seq)}` });
  const items = array(document.items, where, 'items');
  let previous = '';
  for (let index = 0; index < items.length; index += 1) {
    const path = `items[${index}]`;
    const item = object(items[index], where, path);
    exactKeys(item, ['assetId', 'evidence'], where, path);
    const assetId = string(item.assetId, where, `${path}.assetId`);
    if (assetId <= previous) fail({ ...where, field: `${path}.assetId`, message: 'items must be sorted by asset id, each once' });
    previous = assetId;
    await checkEvidenceItem({ assetId, evidence: evidenceDocumentOf(item.evidence, where, `${path}.evidence`) }, context, root, where, path);
  }
  const covered = new Set(items.map((item) => (item as EvidenceItemJson).assetId));
  for (const assetId of context.attested.keys()) {
    if (!covered.has(assetId)) fail({ ...where, leaf: assetId, message: `leaf ${assetId} claims hwAttested but the bundle holds no evidence for it` });
  }
  return items.length;
}

/** For a proof file: the single leaf's evidence item, shape-checked and verified. */
export async function checkProofEvidence(value: unknown, context: EvidenceContext, root: TrustedRoot | null): Promise<void> {
  const where: Where = { file: null, report: context.seq, leaf: null };
  const item = object(value, where, 'gpuEvidence');
  exactKeys(item, ['assetId', 'evidence'], where, 'gpuEvidence');
  await checkEvidenceItem({ assetId: string(item.assetId, where, 'gpuEvidence.assetId'), evidence: evidenceDocumentOf(item.evidence, where, 'gpuEvidence.evidence') }, context, root, where, 'gpuEvidence');
}
