import { getAddress } from 'ethers';
import { readEpochLeaves } from '../attestation/node/epoch-leaves-store';
import { decodeReportAttestationData, REPORT_SCHEMA, REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';
import { LEAF_TYPES } from '../attestation/report/leaf-format';
import { customNetworkProfile, NETWORK_PROFILES, type NetworkProfile } from '../attestation/report/network-profiles';
import { signedReportFromJson } from '../attestation/report/signed-report-json';
import type { Db } from '../db/open';
import { canonicalJson } from '../journal/canonical';
import { GENESIS_HASH } from '../journal/journal';
import { SIETCH_VERSION } from '../version';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BUNDLE_VERSION_WITH_EVIDENCE, JOURNAL_FILE, leafJson, MANIFEST_FILE, networkJson, reportFileName, reportJson, type BundleManifest, type BundleReportFile, type JournalExcerptJson, type JournalRowJson } from './bundle-format';
import { readChainParts } from './chain-part';
import { evidenceFileName, evidenceItemsOf, type EvidenceFileJson } from './evidence-part';
import { writeTar, type TarFile } from './tar';

/** Nothing to export, or the database cannot back a bundle: the CLI's usage error, the API's invalid-input. */
export class AuditExportError extends Error {
  override readonly name = 'AuditExportError';
}

export interface ExportPeriod {
  /** Reports whose epoch starts at or after this instant… */
  from: Date;
  /** …and ends at or before this one. */
  to: Date;
}

export interface ExportResult {
  bytes: Buffer;
  filename: string;
  reports: number;
  firstSeq: number;
  lastSeq: number;
  /** Reports of the period closed but not signed yet (the key was locked): not in the bundle. */
  unsigned: number;
  journalRows: number;
  operator: string;
  network: NetworkProfile;
}

interface OutboxRow {
  seq: number;
  start_at: number;
  end_at: number;
  journal_head: string;
  report_hash: string | null;
  attestation: string | null;
}

/** The profile a signed domain belongs to: a known network when every part matches, else a custom one. */
export function profileOfDomain(domain: { chainId: bigint; verifyingContract: string; version: string }): NetworkProfile {
  const chainId = Number(domain.chainId);
  const address = getAddress(domain.verifyingContract);
  return NETWORK_PROFILES.find((profile) => profile.chainId === chainId && profile.easAddress === address && profile.easVersion === domain.version) ?? customNetworkProfile({ chainId, easAddress: address, easVersion: domain.version });
}

function journalSeqOf(db: Db, hash: string): number {
  if (hash === GENESIS_HASH) return 0;
  const row = db.prepare('SELECT seq FROM journal WHERE hash = ?').get(hash) as { seq: number } | undefined;
  if (!row) throw new AuditExportError(`journal head ${hash} named by a report is not in the journal`);
  return row.seq;
}

function journalExcerpt(db: Db, anchorHash: string, headHash: string): JournalExcerptJson {
  const anchorSeq = journalSeqOf(db, anchorHash);
  const headSeq = journalSeqOf(db, headHash);
  const rows = (db.prepare('SELECT seq, at, kind, entity, payload, prev_hash, hash FROM journal WHERE seq > ? AND seq <= ? ORDER BY seq').all(anchorSeq, headSeq) as { seq: number; at: string; kind: string; entity: string; payload: string; prev_hash: string; hash: string }[]).map(
    (row): JournalRowJson => ({ seq: row.seq, at: row.at, kind: row.kind, entity: row.entity, payload: JSON.parse(row.payload) as unknown, prevHash: row.prev_hash, hash: row.hash }),
  );
  return { anchor: { seq: anchorSeq, hash: anchorHash }, head: { seq: headSeq, hash: headHash }, rows };
}

const encode = (value: unknown) => Buffer.from(canonicalJson(value), 'utf8');

/**
 * Writes the bundle of a period (docs/audit-bundle.md): the signed reports whose epochs lie in
 * it, with their attestations exactly as signed, their leaves (read through the leaves store),
 * the journal rows from the head before the first report to the head the last report names,
 * the network, and each report's on-chain part. No read transaction is held across the
 * awaits: what it reads is immutable once written (signed reports, their leaves, journal rows up
 * to a signed head). Yields to the event loop now and then so a server stays responsive.
 */
export async function exportAuditBundle(db: Db, period: ExportPeriod, options: { now?: Date; onProgress?: (done: number, total: number) => void } = {}): Promise<ExportResult> {
  if (!(period.from.getTime() < period.to.getTime())) throw new AuditExportError('the period must end after it starts');
  const now = options.now ?? new Date();
  const rows = db.prepare('SELECT e.seq, e.start_at, e.end_at, e.journal_head, o.report_hash, o.attestation FROM epochs e JOIN report_outbox o ON o.seq = e.seq WHERE e.start_at >= ? AND e.end_at <= ? ORDER BY e.seq').all(period.from.getTime(), period.to.getTime()) as OutboxRow[];
  // Reports are signed in order, so the unsigned ones are the last of the period.
  const signed = rows.filter((row) => row.attestation !== null);
  const unsigned = rows.length - signed.length;
  if (signed.length === 0) {
    throw new AuditExportError(rows.length === 0 ? `no report closed between ${period.from.toISOString()} and ${period.to.toISOString()}` : `the ${rows.length} reports of the period are not signed yet: unlock the operator key first`);
  }
  const packages = signed.map((row) => signedReportFromJson(row.attestation));
  const network = profileOfDomain(packages[0]!.sig.domain);
  const operator = getAddress(packages[0]!.signer);
  packages.forEach((pkg, index) => {
    if (profileOfDomain(pkg.sig.domain).id !== network.id || getAddress(pkg.signer) !== operator) throw new AuditExportError(`report ${signed[index]!.seq} was signed by another key or for another network than report ${signed[0]!.seq}: export them separately`);
  });
  const first = signed[0]!;
  const last = signed[signed.length - 1]!;
  const before = first.seq > 1 ? (db.prepare('SELECT journal_head FROM epochs WHERE seq = ?').get(first.seq - 1) as { journal_head: string } | undefined) : undefined;
  const journal = journalExcerpt(db, before?.journal_head ?? GENESIS_HASH, last.journal_head);
  const chainPart = readChainParts(db, network.chainId);

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    generator: `sietch ${SIETCH_VERSION}`,
    createdAt: now.toISOString(),
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    network: networkJson(network),
    operator,
    schema: { uid: REPORT_SCHEMA_UID, definition: REPORT_SCHEMA },
    leafEncoding: [...LEAF_TYPES],
    reports: { count: signed.length, firstSeq: first.seq, lastSeq: last.seq },
    journal: { rows: journal.rows.length },
  };
  let evidenceFiles = 0;
  let evidenceItems = 0;
  const files: TarFile[] = [
    { name: MANIFEST_FILE, data: encode(manifest) },
    { name: JOURNAL_FILE, data: encode(journal) },
  ];
  for (let index = 0; index < signed.length; index += 1) {
    const row = signed[index]!;
    const pkg = packages[index]!;
    const report = { operator: getAddress(pkg.signer), ...decodeReportAttestationData(pkg.sig.message.data) };
    const leaves = readEpochLeaves(db, row.seq)
      .map(({ leaf, leafHash }) => leafJson(leaf, leafHash))
      .sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0));
    const entry: BundleReportFile = { seq: row.seq, report: reportJson(report), reportHash: row.report_hash!, attestation: JSON.parse(row.attestation!) as unknown, leaves, chain: chainPart(row.seq) };
    files.push({ name: reportFileName(row.seq), data: encode(entry) });
    const attested = leaves.filter((leaf) => leaf.hwAttested).map((leaf) => leaf.assetId);
    if (attested.length > 0) {
      const evidence: EvidenceFileJson = { seq: row.seq, items: evidenceItemsOf(db, row.seq, attested) };
      files.push({ name: evidenceFileName(row.seq), data: encode(evidence) });
      evidenceFiles += 1;
      evidenceItems += attested.length;
    }
    if ((index & 63) === 63) {
      options.onProgress?.(index + 1, signed.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  options.onProgress?.(signed.length, signed.length);
  // Hardware evidence makes it a version 2 bundle; without any, version 1 as before (older verifiers read it).
  if (evidenceFiles > 0) files[0] = { name: MANIFEST_FILE, data: encode({ ...manifest, version: BUNDLE_VERSION_WITH_EVIDENCE, gpuEvidence: { files: evidenceFiles, items: evidenceItems } }) };
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    bytes: writeTar(files, Math.floor(now.getTime() / 1000)),
    filename: `sietch-audit-${day(period.from)}-${day(new Date(period.to.getTime() - 1))}.tar`,
    reports: signed.length,
    firstSeq: first.seq,
    lastSeq: last.seq,
    unsigned,
    journalRows: journal.rows.length,
    operator,
    network,
  };
}
