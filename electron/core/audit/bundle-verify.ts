import { getAddress, isAddress } from 'ethers';
import { LEAF_TYPES } from '../attestation/report/leaf-format';
import { preloadKeccak } from '../attestation/report/keccak';
import { REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';
import { AuditError, auditFailure, fail, type AuditFailure } from './audit-failure';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BUNDLE_VERSION_WITH_EVIDENCE, JOURNAL_FILE, MANIFEST_FILE, seqOfReportFile, type NetworkJson } from './bundle-format';
import { checkEvidenceFile, seqOfEvidenceFile } from './evidence-part';
import type { TrustedRoot } from '../gpu-evidence';
import { BundleTally, type TallyData } from './bundle-tally';
import { checkJournalExcerpt, type CheckedJournal } from './journal-check';
import { address, exactKeys, integer, object, string, type Where } from './json-fields';
import { readNetwork } from './network-check';
import { checkReport, type CheckContext } from './report-check';
import { signatureBackend, SignerCheck } from './signature-check';
import { readTarIndex, TarFormatError, type TarEntry } from './tar';

/**
 * `sietch audit verify`: a bundle checked with no network and no database, against the signer
 * the auditor trusts. Every report's attestation and leaves (report-check.ts), the chain of
 * reports (sequence without gaps, previous-report hash, refUID), the journal excerpt's hash
 * chain and that each report names a journal head on it — the last one the excerpt's head.
 */

export interface ReportLink {
  seq: number;
  file: string;
  reportHash: string;
  uid: string;
  refUID: string;
  prevReportHash: string;
  journalHead: string;
  epochStart: bigint;
  epochEnd: bigint;
  outstanding: bigint;
  coverageBps: number;
  published: boolean;
  /** [asset id, evidenceHash] of each leaf that claims hwAttested: its evidence is checked after the reports. */
  attested: [string, string][];
}

export interface BundleSummary {
  signer: string;
  network: NetworkJson;
  signatureBackend: string;
  requestedPeriod: { from: string; to: string };
  period: { from: string; to: string };
  reports: { count: number; firstSeq: number; lastSeq: number; published: number };
  assets: { count: number; byKind: Record<string, number> };
  leaves: number;
  totals: { revenue: string; repaid: string; energyWh: string };
  last: { outstanding: string; coverageBps: number };
  uptime: { meanBps: number; lowest: { uptimeBps: number; assetId: string; seq: number } | null };
  health: { flaggedLeaves: number; identityFailures: number };
  journal: { rows: number; anchor: { seq: number; hash: string }; head: { seq: number; hash: string } };
  /** Hardware-rooted GPU evidence (version 2 bundles): how many leaves claim it, how many items were verified, against which root (null: the chains' own). */
  hardware: { attestedLeaves: number; evidenceItems: number; root: string | null };
  perAsset: { assetId: string; kind: string; reports: number; meanUptimeBps: number; minUptimeBps: number; energyWh: string; revenue: string; flaggedReports: number; identityFailures: number }[];
}

export type BundleVerification = { ok: true; summary: BundleSummary } | { ok: false; failure: AuditFailure; reportsChecked: number };

export interface VerifyBundleOptions {
  /** The operator's address from the auditor's own records (--signer). */
  signer: string;
  /** Pins the network; otherwise the bundle's (checked against the known profiles). */
  network?: NetworkJson;
  onProgress?: (done: number, total: number) => void;
  /** Checks report ranges elsewhere (worker threads); in this thread when absent. */
  checkRanges?: RangeChecker;
  /** The GPU evidence trust anchor the auditor brings (--gpu-root); without it, each chain's own root. */
  gpuRoot?: TrustedRoot;
}

export interface RangeResult {
  links: ReportLink[];
  tally: TallyData;
}

/** Checks report files [start, end) of the index and returns their links and tally, or throws AuditError. */
export type RangeChecker = (archive: Uint8Array, entries: TarEntry[], context: { signer: string; network: NetworkJson }, onProgress: (done: number) => void) => Promise<RangeResult>;

function parseJsonFile(archive: Uint8Array, entry: TarEntry, where: Where): unknown {
  const text = Buffer.from(archive.buffer, archive.byteOffset + entry.offset, entry.size).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? NaN);
    const key = Number.isFinite(position) ? [...text.slice(0, position).matchAll(/"([^"\\]+)":/g)].pop()?.[1] : undefined;
    fail({ ...where, field: key ?? null, message: `${entry.name} is not JSON (${(error as Error).message}; byte ${entry.offset + (Number.isFinite(position) ? position : 0)} of the bundle)` });
  }
}

const ENTRY_KEYS = ['seq', 'report', 'reportHash', 'attestation', 'leaves', 'chain'] as const;

function checkChainPart(value: unknown, where: Where): boolean {
  if (value === null) return false;
  const chain = object(value, where, 'chain');
  exactKeys(chain, ['chainId', 'uid', 'txHash', 'blockNumber'], where, 'chain');
  integer(chain.chainId, where, 'chain.chainId', Number.MAX_SAFE_INTEGER);
  integer(chain.blockNumber, where, 'chain.blockNumber', Number.MAX_SAFE_INTEGER);
  for (const key of ['uid', 'txHash'] as const) if (!/^0x[0-9a-f]{64}$/.test(string(chain[key], where, `chain.${key}`))) fail({ ...where, field: `chain.${key}`, message: `chain.${key} must be 0x + 64 lowercase hex digits` });
  return true;
}

/** The last signer checked in this thread: it knows the public key, so the next chunk need not recover it again. */
let lastSignerCheck: SignerCheck | null = null;

function signerCheckFor(signer: string): SignerCheck {
  if (lastSignerCheck?.expected !== signer) lastSignerCheck = new SignerCheck(signer);
  return lastSignerCheck;
}

/** Checks report files in this thread: what each worker runs on the chunks it claims, too. */
export async function checkReportEntries(archive: Uint8Array, entries: TarEntry[], context: { signer: string; network: NetworkJson }, onProgress: (done: number) => void): Promise<RangeResult> {
  await preloadKeccak();
  const checkContext: CheckContext = { signer: signerCheckFor(context.signer), network: context.network };
  const tally = new BundleTally();
  const links: ReportLink[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i]!;
    const fileSeq = seqOfReportFile(entry.name)!;
    const where: Where = { file: entry.name, report: fileSeq, leaf: null };
    const json = object(parseJsonFile(archive, entry, where), where, '');
    exactKeys(json, ENTRY_KEYS, where, '');
    if (json.seq !== fileSeq) fail({ ...where, field: 'seq', message: `seq is ${String(json.seq)}, but the file is ${entry.name}` });
    const checked = checkReport(json, checkContext, where);
    if (checked.seq !== fileSeq) fail({ ...where, field: 'report.sequence', message: `the signed report is sequence ${checked.seq}, but the file is ${entry.name}` });
    const published = checkChainPart(json.chain, where);
    tally.add(checked);
    const attested: [string, string][] = [];
    for (const leaf of checked.leaves) if (leaf.evidenceHash !== null) attested.push([leaf.assetId, leaf.evidenceHash]);
    links.push({ seq: checked.seq, file: entry.name, reportHash: checked.reportHash, uid: checked.uid, refUID: checked.refUID, prevReportHash: checked.prevReportHash, journalHead: checked.journalHead, epochStart: checked.epochStart, epochEnd: checked.epochEnd, outstanding: checked.outstanding, coverageBps: checked.coverageBps, published, attested });
    if ((i & 63) === 63) {
      onProgress(i + 1);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  onProgress(entries.length);
  return { links, tally: tally.data() };
}

interface Layout {
  manifest: TarEntry;
  journal: TarEntry;
  reports: TarEntry[];
  /** Version 2: report seq → its evidence file, which follows the report's file. */
  evidence: Map<number, TarEntry>;
}

function layoutOf(entries: TarEntry[]): Layout {
  const where: Where = { file: null, report: null, leaf: null };
  if (entries[0]?.name !== MANIFEST_FILE) fail({ ...where, message: `the bundle must start with ${MANIFEST_FILE} (found ${entries[0]?.name ?? 'nothing'}): is this a Sietch audit bundle?` });
  if (entries[1]?.name !== JOURNAL_FILE) fail({ ...where, message: `${JOURNAL_FILE} must follow ${MANIFEST_FILE} (found ${entries[1]?.name ?? 'nothing'})` });
  const reports: TarEntry[] = [];
  const evidence = new Map<number, TarEntry>();
  for (const entry of entries.slice(2)) {
    const evidenceSeq = seqOfEvidenceFile(entry.name);
    if (evidenceSeq !== null) {
      // An evidence file sits right after its report's file.
      const before = reports[reports.length - 1];
      if (!before || seqOfReportFile(before.name) !== evidenceSeq || evidence.has(evidenceSeq)) fail({ ...where, file: entry.name, report: evidenceSeq, message: `${entry.name} must follow the file of report ${evidenceSeq}` });
      evidence.set(evidenceSeq, entry);
      continue;
    }
    const seq = seqOfReportFile(entry.name);
    if (seq === null) fail({ ...where, file: entry.name, message: `${entry.name} is not a file of this format` });
    const previous = reports.length > 0 ? seqOfReportFile(reports[reports.length - 1]!.name)! : null;
    if (previous !== null && seq <= previous) fail({ ...where, file: entry.name, report: seq, message: `report files are out of order or repeated: ${entry.name} after ${reports[reports.length - 1]!.name}` });
    reports.push(entry);
  }
  return { manifest: entries[0]!, journal: entries[1]!, reports, evidence };
}

function readManifest(archive: Uint8Array, entry: TarEntry) {
  const where: Where = { file: MANIFEST_FILE, report: null, leaf: null };
  const manifest = object(parseJsonFile(archive, entry, where), where, '');
  if (manifest.version !== BUNDLE_VERSION && manifest.version !== BUNDLE_VERSION_WITH_EVIDENCE) fail({ ...where, field: 'version', message: `bundle version ${JSON.stringify(manifest.version)} is not supported (this Sietch reads versions ${BUNDLE_VERSION} and ${BUNDLE_VERSION_WITH_EVIDENCE})` });
  const withEvidence = manifest.version === BUNDLE_VERSION_WITH_EVIDENCE;
  exactKeys(manifest, ['format', 'version', 'generator', 'createdAt', 'period', 'network', 'operator', 'schema', 'leafEncoding', 'reports', 'journal', ...(withEvidence ? ['gpuEvidence'] : [])], where, '');
  if (manifest.format !== BUNDLE_FORMAT) fail({ ...where, field: 'format', message: `format is ${JSON.stringify(manifest.format)}, not ${BUNDLE_FORMAT}` });
  const gpuEvidence = withEvidence ? object(manifest.gpuEvidence, where, 'gpuEvidence') : null;
  if (gpuEvidence) exactKeys(gpuEvidence, ['files', 'items'], where, 'gpuEvidence');
  const schema = object(manifest.schema, where, 'schema');
  if (schema.uid !== REPORT_SCHEMA_UID) fail({ ...where, field: 'schema.uid', message: `schema ${String(schema.uid)} is not the Sietch report schema ${REPORT_SCHEMA_UID}` });
  if (JSON.stringify(manifest.leafEncoding) !== JSON.stringify(LEAF_TYPES)) fail({ ...where, field: 'leafEncoding', message: 'leafEncoding is not the Sietch leaf encoding' });
  const period = object(manifest.period, where, 'period');
  const reports = object(manifest.reports, where, 'reports');
  const journal = object(manifest.journal, where, 'journal');
  return {
    network: readNetwork(manifest.network, where, 'network'),
    period: { from: string(period.from, where, 'period.from'), to: string(period.to, where, 'period.to') },
    count: integer(reports.count, where, 'reports.count', Number.MAX_SAFE_INTEGER),
    firstSeq: integer(reports.firstSeq, where, 'reports.firstSeq', Number.MAX_SAFE_INTEGER),
    lastSeq: integer(reports.lastSeq, where, 'reports.lastSeq', Number.MAX_SAFE_INTEGER),
    journalRows: integer(journal.rows, where, 'journal.rows', Number.MAX_SAFE_INTEGER),
    operator: address(manifest.operator, where, 'operator'),
    evidence: gpuEvidence ? { files: integer(gpuEvidence.files, where, 'gpuEvidence.files', Number.MAX_SAFE_INTEGER), items: integer(gpuEvidence.items, where, 'gpuEvidence.items', Number.MAX_SAFE_INTEGER) } : { files: 0, items: 0 },
  };
}

/** The chain of reports and their journal heads, across the whole bundle. */
function checkLinks(links: ReportLink[], journal: CheckedJournal): void {
  let previousJournalSeq = journal.anchor.seq;
  links.forEach((link, index) => {
    const where: Where = { file: link.file, report: link.seq, leaf: null };
    const previous = index > 0 ? links[index - 1]! : null;
    if (previous) {
      if (link.seq !== previous.seq + 1) fail({ ...where, field: 'report.sequence', message: `sequence gap: report ${link.seq} follows report ${previous.seq}` });
      if (link.prevReportHash !== previous.reportHash) fail({ ...where, field: 'report.prevReportHash', message: `prevReportHash ${link.prevReportHash} is not the hash of report ${previous.seq} (${previous.reportHash})` });
      if (link.refUID !== previous.uid) fail({ ...where, field: 'attestation.sig.message.refUID', message: `refUID ${link.refUID} is not the UID of report ${previous.seq} (${previous.uid})` });
      if (link.epochStart < previous.epochEnd) fail({ ...where, field: 'report.epochStart', message: `the epoch starts before report ${previous.seq}'s ended` });
    }
    const journalSeq = journal.seqOf.get(link.journalHead);
    if (journalSeq === undefined) fail({ ...where, field: 'report.journalHead', message: `journal head ${link.journalHead} is not on the journal excerpt's hash chain` });
    if (journalSeq < previousJournalSeq) fail({ ...where, field: 'report.journalHead', message: `journal head is row ${journalSeq}, before the previous report's row ${previousJournalSeq}: the journal went backwards` });
    previousJournalSeq = journalSeq;
  });
  const last = links[links.length - 1];
  if (last && last.journalHead !== journal.head.hash) {
    fail({ file: JOURNAL_FILE, report: null, leaf: null, field: 'head', message: `the excerpt ends at row ${journal.head.seq}, but the last report (${last.seq}) names row ${journal.seqOf.get(last.journalHead)}` });
  }
}

const iso = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/**
 * Hardware evidence (docs/gpu-evidence.md): every attested leaf has its item in the evidence file
 * after its report, every item verifies for its leaf, its epoch's nonce and the auditor's root.
 * Runs after the reports and their chain, so each prevReportHash here is a verified one.
 */
async function checkEvidence(archive: Uint8Array, layout: Layout, links: ReportLink[], manifest: { evidence: { files: number; items: number } }, root: TrustedRoot | null): Promise<BundleSummary['hardware']> {
  let attestedLeaves = 0;
  let evidenceItems = 0;
  for (const link of links) {
    attestedLeaves += link.attested.length;
    const entry = layout.evidence.get(link.seq);
    const where: Where = { file: link.file, report: link.seq, leaf: null };
    if (!entry) {
      if (link.attested.length > 0) fail({ ...where, leaf: link.attested[0]![0], message: `leaf ${link.attested[0]![0]} claims hwAttested, but the bundle holds no evidence for report ${link.seq}` });
      continue;
    }
    const context = { seq: link.seq, prevReportHash: link.prevReportHash, epochEnd: link.epochEnd, attested: new Map(link.attested) };
    evidenceItems += await checkEvidenceFile(parseJsonFile(archive, entry, { file: entry.name, report: link.seq, leaf: null }), entry.name, context, root);
  }
  if (manifest.evidence.files !== layout.evidence.size || manifest.evidence.items !== evidenceItems) {
    fail({ file: MANIFEST_FILE, report: null, leaf: null, field: 'gpuEvidence', message: `the manifest counts ${manifest.evidence.files} evidence files and ${manifest.evidence.items} items, the bundle holds ${layout.evidence.size} and ${evidenceItems}` });
  }
  return { attestedLeaves, evidenceItems, root: root?.subject ?? null };
}

function summarize(signer: string, network: NetworkJson, requestedPeriod: { from: string; to: string }, links: ReportLink[], tally: BundleTally, journal: CheckedJournal, hardware: BundleSummary['hardware']): BundleSummary {
  const data = tally.data();
  const byKind: Record<string, number> = {};
  for (const asset of data.assets) byKind[asset.kind] = (byKind[asset.kind] ?? 0) + 1;
  const first = links[0];
  const last = links[links.length - 1];
  return {
    signer,
    network,
    signatureBackend: signatureBackend(),
    requestedPeriod,
    period: first && last ? { from: iso(first.epochStart), to: iso(last.epochEnd) } : requestedPeriod,
    reports: { count: links.length, firstSeq: first?.seq ?? 0, lastSeq: last?.seq ?? 0, published: links.filter((link) => link.published).length },
    assets: { count: data.assets.length, byKind },
    leaves: data.leaves,
    totals: { revenue: data.revenue.toString(), repaid: data.repaid.toString(), energyWh: data.energyWh.toString() },
    last: { outstanding: (last?.outstanding ?? 0n).toString(), coverageBps: last?.coverageBps ?? 0 },
    uptime: { meanBps: data.leaves === 0 ? 0 : Math.round(data.uptimeSum / data.leaves), lowest: data.lowest },
    health: { flaggedLeaves: data.flaggedLeaves, identityFailures: data.identityFailures },
    journal: { rows: journal.rows, anchor: journal.anchor, head: journal.head },
    hardware,
    perAsset: data.assets
      .map((asset) => ({ assetId: asset.assetId, kind: asset.kind, reports: asset.reports, meanUptimeBps: Math.round(asset.uptimeSum / asset.reports), minUptimeBps: asset.minUptimeBps, energyWh: asset.energyWh.toString(), revenue: asset.revenue.toString(), flaggedReports: asset.flaggedReports, identityFailures: asset.identityFailures }))
      .sort((a, b) => a.assetId.localeCompare(b.assetId)),
  };
}

/** Verifies a whole bundle; never throws for a bad bundle — it says what is wrong and where. */
export async function verifyBundle(archive: Uint8Array, options: VerifyBundleOptions): Promise<BundleVerification> {
  if (!isAddress(options.signer)) throw new RangeError(`--signer ${options.signer} is not an address`);
  const signer = getAddress(options.signer);
  let reportsChecked = 0;
  try {
    let entries: TarEntry[];
    try {
      entries = readTarIndex(archive);
    } catch (error) {
      if (error instanceof TarFormatError) fail({ message: `${error.message}: the archive itself was changed or truncated` });
      throw error;
    }
    const layout = layoutOf(entries);
    const manifest = readManifest(archive, layout.manifest);
    const network = options.network ?? manifest.network;
    const journal = checkJournalExcerpt(parseJsonFile(archive, layout.journal, { file: JOURNAL_FILE, report: null, leaf: null }));
    if (manifest.journalRows !== journal.rows) fail({ file: MANIFEST_FILE, field: 'journal.rows', message: `the manifest counts ${manifest.journalRows} journal rows, ${JOURNAL_FILE} holds ${journal.rows}` });
    const total = layout.reports.length;
    const firstSeq = total > 0 ? seqOfReportFile(layout.reports[0]!.name)! : 0;
    const lastSeq = total > 0 ? seqOfReportFile(layout.reports[total - 1]!.name)! : 0;
    if (manifest.count !== total || manifest.firstSeq !== firstSeq || manifest.lastSeq !== lastSeq) {
      fail({ file: MANIFEST_FILE, field: 'reports', message: `the manifest lists reports ${manifest.firstSeq}..${manifest.lastSeq} (${manifest.count}), the bundle holds ${firstSeq}..${lastSeq} (${total}): reports were removed or added` });
    }
    const check = options.checkRanges ?? checkReportEntries;
    const result = await check(archive, layout.reports, { signer, network }, (done) => {
      reportsChecked = done;
      options.onProgress?.(done, total);
    });
    reportsChecked = result.links.length;
    const links = [...result.links].sort((a, b) => a.seq - b.seq);
    checkLinks(links, journal);
    // Checked last: against a foreign signer, the signatures are the finding, not this label.
    if (manifest.operator !== signer) fail({ file: MANIFEST_FILE, field: 'operator', message: `the manifest names ${manifest.operator} as the operator, but ${signer} signed every report` });
    const hardware = await checkEvidence(archive, layout, links, manifest, options.gpuRoot ?? null);
    const tally = new BundleTally();
    tally.merge(result.tally);
    return { ok: true, summary: summarize(signer, network, manifest.period, links, tally, journal, hardware) };
  } catch (error) {
    if (error instanceof AuditError) return { ok: false, failure: error.failure, reportsChecked };
    return { ok: false, failure: auditFailure({ message: `the bundle could not be read: ${error instanceof Error ? error.message : String(error)}` }), reportsChecked };
  }
}
