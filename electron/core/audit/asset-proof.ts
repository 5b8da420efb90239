import { getAddress, isAddress } from 'ethers';
import { readEpochLeaves } from '../attestation/node/epoch-leaves-store';
import { decodeReportAttestationData } from '../attestation/report/eas-schema';
import { buildEpochTree } from '../attestation/report/epoch-tree';
import { leafValues } from '../attestation/report/leaf-encoding';
import { LEAF_TYPES } from '../attestation/report/leaf-format';
import { processProof } from '../attestation/report/merkle-tree';
import { signedReportFromJson } from '../attestation/report/signed-report-json';
import type { Db } from '../db/open';
import { canonicalJson } from '../journal/canonical';
import { SIETCH_VERSION } from '../version';
import { AuditError, auditFailure, fail, type AuditFailure } from './audit-failure';
import { AuditExportError, profileOfDomain } from './bundle-export';
import { BUNDLE_VERSION, leafJson, networkJson, PROOF_FORMAT, reportJson, type AssetProofFile, type NetworkJson } from './bundle-format';
import { readChainParts } from './chain-part';
import { checkProofEvidence, evidenceItemsOf } from './evidence-part';
import type { TrustedRoot } from '../gpu-evidence';
import { array, exactKeys, hex32, object, type Where } from './json-fields';
import { readNetwork } from './network-check';
import { checkReport, leafJsonHash, readLeafJson } from './report-check';
import { signatureBackend, SignerCheck } from './signature-check';
import { findSingleEdit } from './single-edit-search';
import { preloadKeccak } from '../attestation/report/keccak';

/**
 * One asset's line for a lender, without the rest of the fleet: the asset's leaf, its Merkle
 * proof, and the signed report whose root the proof reaches. One canonical JSON document; the
 * `values` and `proof` fields are what OpenZeppelin's `StandardMerkleTree.verify(root,
 * leafEncoding, values, proof)` and Solidity's `MerkleProof.verify` take.
 */
export interface AssetProofExport {
  bytes: Buffer;
  filename: string;
  assetId: string;
  seq: number;
}

const jsonValue = (value: unknown) => (typeof value === 'bigint' ? value.toString() : (value as string | number | boolean));

export function exportAssetProof(db: Db, request: { assetId: string; seq: number }, now = new Date()): AssetProofExport {
  const row = db.prepare('SELECT report_hash, attestation FROM report_outbox WHERE seq = ?').get(request.seq) as { report_hash: string | null; attestation: string | null } | undefined;
  if (!row) throw new AuditExportError(`no report ${request.seq}`);
  if (!row.attestation) throw new AuditExportError(`report ${request.seq} is not signed yet: unlock the operator key first`);
  const pkg = signedReportFromJson(row.attestation);
  const report = { operator: getAddress(pkg.signer), ...decodeReportAttestationData(pkg.sig.message.data) };
  const stored = readEpochLeaves(db, request.seq);
  const index = stored.findIndex((entry) => entry.leaf.assetId === request.assetId);
  if (index < 0) throw new AuditExportError(`asset ${request.assetId} has no leaf in report ${request.seq}`);
  // Rebuilt from the values, so a proof never leaves unless the stored leaves give the signed root.
  const tree = buildEpochTree(stored.map((entry) => entry.leaf));
  if (tree.root !== report.merkleRoot.toLowerCase()) throw new AuditExportError(`the stored leaves of report ${request.seq} do not give its signed root`);
  const network = profileOfDomain(pkg.sig.domain);
  const leaf = stored[index]!;
  const proof: AssetProofFile = {
    format: PROOF_FORMAT,
    version: BUNDLE_VERSION,
    generator: `sietch ${SIETCH_VERSION}`,
    createdAt: now.toISOString(),
    network: networkJson(network),
    leafEncoding: [...LEAF_TYPES],
    report: reportJson(report),
    reportHash: row.report_hash!,
    attestation: JSON.parse(row.attestation) as unknown,
    leaf: leafJson(leaf.leaf, leaf.leafHash),
    values: leafValues(leaf.leaf).map(jsonValue),
    proof: tree.proof(index),
    chain: readChainParts(db, network.chainId)(request.seq),
  };
  // A hardware-attested leaf travels with its evidence (version 2), so a lender re-checks it offline.
  if (leaf.leaf.hwAttested) Object.assign(proof, { version: PROOF_VERSION_WITH_EVIDENCE, gpuEvidence: evidenceItemsOf(db, request.seq, [request.assetId])[0] });
  const safeId = request.assetId.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return { bytes: Buffer.from(canonicalJson(proof), 'utf8'), filename: `sietch-proof-${request.seq}-${safeId}.json`, assetId: request.assetId, seq: request.seq };
}

export interface ProofSummary {
  signer: string;
  network: NetworkJson;
  signatureBackend: string;
  assetId: string;
  kind: string;
  seq: number;
  epoch: { from: string; to: string };
  merkleRoot: string;
  leafHash: string;
  proofLength: number;
  uid: string;
  leaf: { uptimeBps: number; observedBps: number; meanUtilBps: number; p95UtilBps: number; energyWh: string; healthFlags: number; identityOk: boolean; revenue: string };
  published: boolean;
  /** The leaf claims hardware-rooted identity; how its evidence was checked (docs/gpu-evidence.md). */
  hardware: { attested: boolean; evidence: 'trusted-root' | 'own-root' | 'not-included' | null; root: string | null };
}

export type ProofVerification = { ok: true; summary: ProofSummary } | { ok: false; failure: AuditFailure };

const PROOF_KEYS = ['format', 'version', 'generator', 'createdAt', 'network', 'leafEncoding', 'report', 'reportHash', 'attestation', 'leaf', 'values', 'proof', 'chain'] as const;
/** Version 2 adds `gpuEvidence` (the leaf's hardware evidence); version 1 proofs verify as before. */
const PROOF_VERSION_WITH_EVIDENCE = 2;
const PROOF_KEYS_WITH_EVIDENCE = [...PROOF_KEYS, 'gpuEvidence'] as const;

/** `sietch audit verify-proof`: the leaf, its proof to the signed root, and the signed report — offline. */
export async function verifyAssetProof(bytes: Uint8Array, options: { signer: string; network?: NetworkJson; gpuRoot?: TrustedRoot }): Promise<ProofVerification> {
  if (!isAddress(options.signer)) throw new RangeError(`--signer ${options.signer} is not an address`);
  await preloadKeccak();
  const signer = getAddress(options.signer);
  const where: Where = { file: null, report: null, leaf: null };
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    } catch (error) {
      fail({ message: `the proof is not JSON: ${(error as Error).message}` });
    }
    const file = object(parsed, where, '');
    if (file.version !== BUNDLE_VERSION && file.version !== PROOF_VERSION_WITH_EVIDENCE) fail({ field: 'version', message: `proof version ${JSON.stringify(file.version)} is not supported` });
    const withEvidence = file.version === PROOF_VERSION_WITH_EVIDENCE;
    exactKeys(file, withEvidence ? PROOF_KEYS_WITH_EVIDENCE : PROOF_KEYS, where, '');
    if (file.format !== PROOF_FORMAT) fail({ field: 'format', message: `format is ${JSON.stringify(file.format)}, not ${PROOF_FORMAT}` });
    if (JSON.stringify(file.leafEncoding) !== JSON.stringify(LEAF_TYPES)) fail({ field: 'leafEncoding', message: 'leafEncoding is not the Sietch leaf encoding' });
    const network = options.network ?? readNetwork(file.network, where, 'network');
    // Name the report in every failure, even before its signature is known to be good.
    const claimed = (file.report as { sequence?: unknown } | null)?.sequence;
    const named: Where = { ...where, report: typeof claimed === 'string' && /^[0-9]{1,15}$/.test(claimed) ? Number(claimed) : null };
    const checked = checkReport(file, { signer: new SignerCheck(signer), network }, named, { leaves: false });
    const at: Where = { ...where, report: checked.seq };
    const leaf = readLeafJson(file.leaf, BigInt(checked.seq), at, 'leaf');
    const leafWhere = { ...at, leaf: leaf.input.assetId };
    const proof = array(file.proof, leafWhere, 'proof').map((node, index) => hex32(node, leafWhere, `proof[${index}]`));
    const reaches = (hash: string) => processProof(hash, proof) === checked.merkleRoot;
    if (!reaches(leaf.computed)) {
      if (reaches(leaf.stored)) {
        const edit = findSingleEdit(leaf.value, (candidate) => leafJsonHash(candidate, BigInt(checked.seq)) === leaf.stored, { skip: ['leafHash'] });
        fail({ ...leafWhere, field: edit ? `leaf.${edit.path}` : 'leaf', message: edit ? `${edit.path} is ${JSON.stringify(edit.found)}, but the signed Merkle root holds ${JSON.stringify(edit.original)}` : 'the leaf values were changed: they do not hash to the leaf under the signed root' });
      }
      fail({ ...leafWhere, field: 'proof', message: `the proof does not lead from the leaf to the signed root ${checked.merkleRoot}` });
    }
    if (leaf.stored !== leaf.computed) fail({ ...leafWhere, field: 'leaf.leafHash', message: `leafHash was changed: the leaf hashes to ${leaf.computed}` });
    const expectedValues = leafValues(leaf.input).map(jsonValue);
    const values = array(file.values, leafWhere, 'values');
    expectedValues.forEach((value, index) => {
      if (values[index] !== (typeof value === 'string' ? value.toLowerCase() : value) || values.length !== expectedValues.length) fail({ ...leafWhere, field: `values[${index}]`, message: `values[${index}] is ${JSON.stringify(values[index])}, but the leaf gives ${JSON.stringify(value)}` });
    });
    const published = file.chain !== null;
    if (published) exactKeys(object(file.chain, at, 'chain'), ['chainId', 'uid', 'txHash', 'blockNumber'], at, 'chain');
    const input = leaf.input;
    const attested = input.hwAttested === true;
    if (withEvidence) {
      if (!attested) fail({ ...leafWhere, field: 'gpuEvidence', message: 'the proof carries GPU evidence but its leaf does not claim hwAttested' });
      const context = { seq: checked.seq, prevReportHash: (file.report as { prevReportHash: string }).prevReportHash, epochEnd: checked.epochEnd, attested: new Map([[input.assetId, input.evidenceHash!]]) };
      await checkProofEvidence(file.gpuEvidence, context, options.gpuRoot ?? null);
    }
    const hardware: ProofSummary['hardware'] = { attested, evidence: !attested ? null : !withEvidence ? 'not-included' : options.gpuRoot ? 'trusted-root' : 'own-root', root: withEvidence ? (options.gpuRoot?.subject ?? null) : null };
    return {
      ok: true,
      summary: {
        signer,
        network,
        signatureBackend: signatureBackend(),
        assetId: input.assetId,
        kind: input.kind,
        seq: checked.seq,
        epoch: { from: new Date(Number(checked.epochStart) * 1000).toISOString(), to: new Date(Number(checked.epochEnd) * 1000).toISOString() },
        merkleRoot: checked.merkleRoot,
        leafHash: leaf.computed,
        proofLength: proof.length,
        uid: checked.uid,
        leaf: { uptimeBps: input.uptimeBps, observedBps: input.observedBps, meanUtilBps: input.meanUtilBps, p95UtilBps: input.p95UtilBps, energyWh: input.energyWh.toString(), healthFlags: input.healthFlags, identityOk: input.identityOk, revenue: input.revenue.toString() },
        published,
        hardware,
      },
    };
  } catch (error) {
    if (error instanceof AuditError) return { ok: false, failure: error.failure };
    return { ok: false, failure: auditFailure({ message: `the proof could not be read: ${error instanceof Error ? error.message : String(error)}` }) };
  }
}
