import { ZERO_BYTES32 } from '../report/hex';
import type { ReportDetail, ReportSummary } from '../../../contract/schemas/node';
import type { Db } from '../../db/open';
import { decodeHealthFlags } from '../report/health-flags';
import { signedReportFromJson } from '../report/signed-report-json';
import { readEpochLeaves } from './epoch-leaves-store';

interface ReportRow {
  seq: number;
  start_at: number;
  end_at: number;
  closed_at: string;
  asset_count: number;
  observed_bps: number;
  merkle_root: string;
  journal_head: string;
  status: 'unsigned' | 'signed' | 'published';
  report_hash: string | null;
  attestation: string | null;
  signer: string | null;
  signed_at: string | null;
}

const SELECT_REPORTS = 'SELECT e.*, o.status, o.report_hash, o.attestation, o.signer, o.signed_at FROM epochs e JOIN report_outbox o ON o.seq = e.seq';

function toSummary(row: ReportRow): ReportSummary {
  return {
    seq: row.seq,
    epochStart: new Date(row.start_at).toISOString(),
    epochEnd: new Date(row.end_at).toISOString(),
    closedAt: row.closed_at,
    assetCount: row.asset_count,
    observedBps: row.observed_bps,
    merkleRoot: row.merkle_root,
    journalHead: row.journal_head,
    status: row.status,
    reportHash: row.report_hash,
    uid: row.attestation ? signedReportFromJson(row.attestation).sig.uid : null,
    signer: row.signer,
    signedAt: row.signed_at,
  };
}

/** Read side of the node's reports, shaped for the API. */
export class ReportQueries {
  constructor(private readonly db: Db) {}

  list(beforeSeq: number | undefined, limit: number): ReportSummary[] {
    const rows = this.db.prepare(`${SELECT_REPORTS} WHERE e.seq < ? ORDER BY e.seq DESC LIMIT ?`).all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as ReportRow[];
    return rows.map(toSummary);
  }

  counts(): { unsigned: number; signed: number; published: number } {
    const counts = { unsigned: 0, signed: 0, published: 0 };
    for (const row of this.db.prepare('SELECT status, count(*) AS n FROM report_outbox GROUP BY status').all() as { status: keyof typeof counts; n: number }[]) counts[row.status] = row.n;
    return counts;
  }

  detail(seq: number): ReportDetail | null {
    const row = this.db.prepare(`${SELECT_REPORTS} WHERE e.seq = ?`).get(seq) as ReportRow | undefined;
    if (!row) return null;
    const leaves = readEpochLeaves(this.db, seq).map(({ leaf, leafHash }) => ({
      assetId: leaf.assetId,
      kind: leaf.kind,
      observedBps: leaf.observedBps,
      uptimeBps: leaf.uptimeBps,
      meanUtilBps: leaf.meanUtilBps,
      p95UtilBps: leaf.p95UtilBps,
      energyWh: leaf.energyWh.toString(),
      healthFlags: decodeHealthFlags(leaf.healthFlags),
      identityOk: leaf.identityOk,
      revenue: leaf.revenue,
      hwAttested: leaf.hwAttested ?? false,
      evidenceHash: leaf.evidenceHash ?? ZERO_BYTES32,
      leafHash,
    }));
    return { report: toSummary(row), leaves, attestation: row.attestation ? (JSON.parse(row.attestation) as unknown) : null };
  }
}
