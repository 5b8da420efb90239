import type { Db } from '../../db/open';
import { ZERO_BYTES32 } from '../report/hex';
import type { NetworkProfile } from '../report/network-profiles';
import type { ReportSigner } from '../report/offchain-attestation';
import { reportHash, type EpochReport } from '../report/report';
import { signedReportFromJson, signedReportToJson } from '../report/signed-report-json';

interface EpochRow {
  seq: bigint;
  start_at: bigint;
  end_at: bigint;
  asset_count: bigint;
  merkle_root: string;
  journal_head: string;
  revenue: bigint;
  repaid: bigint;
  outstanding: bigint;
  coverage_bps: bigint;
}

/** The report of a closed epoch, as signed by `operator` after the report `prevHash`. */
export function epochReport(row: EpochRow, operator: string, prevHash: string): EpochReport {
  return {
    operator,
    sequence: row.seq,
    epochStart: row.start_at / 1000n,
    epochEnd: row.end_at / 1000n,
    assetCount: Number(row.asset_count),
    merkleRoot: row.merkle_root,
    revenue: row.revenue,
    repaid: row.repaid,
    outstanding: row.outstanding,
    coverageBps: Number(row.coverage_bps),
    journalHead: row.journal_head,
    prevReportHash: prevHash,
  };
}

/**
 * Signs the closed, unsigned reports in sequence order — each chained to the previous one by
 * its hash and its attestation UID. The update only applies to a row still 'unsigned', so a
 * sequence is never signed twice with different content; the salt is derived from the report,
 * so a report re-signed after a crash between signing and storing is byte-identical anyway.
 */
export async function signPendingReports(db: Db, signer: ReportSigner, network: NetworkProfile): Promise<number[]> {
  const signed: number[] = [];
  for (;;) {
    const next = db.prepare("SELECT seq FROM report_outbox WHERE status = 'unsigned' ORDER BY seq LIMIT 1").get() as { seq: number } | undefined;
    if (!next) return signed;
    const previous = db.prepare('SELECT status, report_hash, attestation FROM report_outbox WHERE seq = ?').get(next.seq - 1) as { status: string; report_hash: string | null; attestation: string | null } | undefined;
    const prevHash = previous?.report_hash ?? ZERO_BYTES32;
    const prevUid = previous?.attestation ? signedReportFromJson(previous.attestation).sig.uid : ZERO_BYTES32;
    const epoch = db.prepare('SELECT * FROM epochs WHERE seq = ?').safeIntegers(true).get(next.seq) as EpochRow;
    const report = epochReport(epoch, signer.address, prevHash);
    const pkg = await signer.signReport(report, { network, refUID: prevUid });
    const stored = db.prepare("UPDATE report_outbox SET status = 'signed', report_hash = ?, attestation = ?, signer = ?, signed_at = ? WHERE seq = ? AND status = 'unsigned'").run(reportHash(report), signedReportToJson(pkg), pkg.signer, new Date().toISOString(), next.seq);
    if (stored.changes === 1) signed.push(next.seq);
  }
}
