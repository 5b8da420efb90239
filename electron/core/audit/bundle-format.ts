import type { AssetLeafInput } from '../attestation/report/leaf-format';
import type { NetworkProfile } from '../attestation/report/network-profiles';
import type { EpochReport } from '../attestation/report/report';

/**
 * The audit bundle, version 1 (docs/audit-bundle.md is the reference): an uncompressed ustar
 * archive of RFC 8785 canonical JSON files —
 *   manifest.json            what the bundle claims to hold (format, period, network, counts)
 *   journal.json             the journal rows of the period, chained from an anchor hash
 *   reports/NNNNNNNN.json    one per report, in sequence order: the report, its signed EAS
 *                            offchain attestation, its leaves, its on-chain part (null until published)
 * Numbers that can exceed 2^53 (uint64, uint256, money) are decimal strings.
 */
export const BUNDLE_FORMAT = 'sietch-audit-bundle';
export const PROOF_FORMAT = 'sietch-asset-proof';
export const BUNDLE_VERSION = 1;
/** Version 2 = version 1 + hardware evidence: `evidence/NNNNNNNN.json` after a report whose GPU leaves claim hwAttested (electron/core/audit/evidence-part.ts), counted in the manifest. */
export const BUNDLE_VERSION_WITH_EVIDENCE = 2;
export const MANIFEST_FILE = 'manifest.json';
export const JOURNAL_FILE = 'journal.json';

/** Files named by a report sequence in a folder of the bundle (`reports/00000012.json`): the name of a sequence, and the sequence a name claims (null when it is not such a file). */
export function sequencedFiles(folder: string): { nameOf: (seq: number) => string; seqOf: (name: string) => number | null } {
  const pattern = new RegExp(`^${folder}/([0-9]{8})\\.json$`);
  return {
    nameOf: (seq) => `${folder}/${String(seq).padStart(8, '0')}.json`,
    seqOf: (name) => {
      const match = pattern.exec(name);
      return match ? Number(match[1]) : null;
    },
  };
}

const REPORT_FILES = sequencedFiles('reports');
export const reportFileName = REPORT_FILES.nameOf;
export const seqOfReportFile = REPORT_FILES.seqOf;

export interface NetworkJson {
  id: string;
  name: string;
  chainId: number;
  easAddress: string;
  easVersion: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION | typeof BUNDLE_VERSION_WITH_EVIDENCE;
  generator: string;
  createdAt: string;
  /** The period asked for: reports whose epoch lies in [from, to). */
  period: { from: string; to: string };
  network: NetworkJson;
  /** The operator the bundle says signed it — shown, never trusted: the verifier takes --signer. */
  operator: string;
  schema: { uid: string; definition: string };
  leafEncoding: string[];
  reports: { count: number; firstSeq: number; lastSeq: number };
  journal: { rows: number };
  /** Version 2 only: the evidence files and the evidence items (one per attested GPU leaf) they hold. */
  gpuEvidence?: { files: number; items: number };
}

export interface ReportJson {
  operator: string;
  sequence: string;
  epochStart: string;
  epochEnd: string;
  assetCount: number;
  merkleRoot: string;
  revenue: string;
  repaid: string;
  outstanding: string;
  coverageBps: number;
  journalHead: string;
  prevReportHash: string;
}

export interface LeafJson {
  assetId: string;
  kind: string;
  epoch: string;
  observedBps: number;
  uptimeBps: number;
  meanUtilBps: number;
  p95UtilBps: number;
  energyWh: string;
  healthFlags: number;
  identityOk: boolean;
  identityHash: string;
  revenue: string;
  hwAttested: boolean;
  evidenceHash: string;
  /** OZ standard leaf hash of the values above; the tree of these hashes has the signed root. */
  leafHash: string;
}

/** Where the report was anchored on chain: present once published (docs/audit-bundle.md). */
export interface ChainPartJson {
  chainId: number;
  uid: string;
  txHash: string;
  blockNumber: number;
}

export interface BundleReportFile {
  seq: number;
  report: ReportJson;
  /** keccak256(abi.encode(report)) — the attestation's salt and the next report's prevReportHash. */
  reportHash: string;
  /** The signed EAS offchain attestation package, as eas-sdk shares it (docs/report-format.md). */
  attestation: unknown;
  leaves: LeafJson[];
  chain: ChainPartJson | null;
}

export interface JournalRowJson {
  seq: number;
  at: string;
  kind: string;
  entity: string;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export interface JournalExcerptJson {
  /** The head before the first row: the journal head named by the report before the bundle (or the genesis hash). */
  anchor: { seq: number; hash: string };
  /** The head after the last row: the journal head named by the last report. */
  head: { seq: number; hash: string };
  rows: JournalRowJson[];
}

export interface AssetProofFile {
  format: typeof PROOF_FORMAT;
  version: typeof BUNDLE_VERSION;
  generator: string;
  createdAt: string;
  network: NetworkJson;
  leafEncoding: string[];
  report: ReportJson;
  reportHash: string;
  attestation: unknown;
  leaf: LeafJson;
  /** The leaf as OpenZeppelin's StandardMerkleTree takes it: `StandardMerkleTree.verify(root, leafEncoding, values, proof)`. */
  values: (string | number | boolean)[];
  proof: string[];
  chain: ChainPartJson | null;
}

export function networkJson(profile: NetworkProfile): NetworkJson {
  return { id: profile.id, name: profile.name, chainId: profile.chainId, easAddress: profile.easAddress, easVersion: profile.easVersion };
}

export function reportJson(report: EpochReport): ReportJson {
  return {
    operator: report.operator,
    sequence: report.sequence.toString(),
    epochStart: report.epochStart.toString(),
    epochEnd: report.epochEnd.toString(),
    assetCount: report.assetCount,
    merkleRoot: report.merkleRoot.toLowerCase(),
    revenue: report.revenue.toString(),
    repaid: report.repaid.toString(),
    outstanding: report.outstanding.toString(),
    coverageBps: report.coverageBps,
    journalHead: report.journalHead.toLowerCase(),
    prevReportHash: report.prevReportHash.toLowerCase(),
  };
}

export function leafJson(leaf: AssetLeafInput, leafHash: string): LeafJson {
  return {
    assetId: leaf.assetId,
    kind: leaf.kind,
    epoch: leaf.epoch.toString(),
    observedBps: leaf.observedBps,
    uptimeBps: leaf.uptimeBps,
    meanUtilBps: leaf.meanUtilBps,
    p95UtilBps: leaf.p95UtilBps,
    energyWh: leaf.energyWh.toString(),
    healthFlags: leaf.healthFlags,
    identityOk: leaf.identityOk,
    identityHash: leaf.identityHash.toLowerCase(),
    revenue: leaf.revenue.toString(),
    hwAttested: leaf.hwAttested ?? false,
    evidenceHash: (leaf.evidenceHash ?? `0x${'00'.repeat(32)}`).toLowerCase(),
    leafHash: leafHash.toLowerCase(),
  };
}
