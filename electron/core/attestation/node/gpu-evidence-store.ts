import type { GpuEvidenceDocument, GpuEvidenceRecord } from '../../../contract/gpu-evidence-api';
import type { Db } from '../../db/open';
import { bytesToHex } from '../report/hex';
import { keccak256Bytes } from '../report/keccak';
import { parseGpuEvidenceReport } from '../../gpu-evidence';

/** What the collector learnt about one GPU for one epoch. */
export interface EvidenceRow {
  epochSeq: number;
  assetId: string;
  nonce: string;
  prevReportHash: string;
  collectedAt: number;
  source: string;
  evidence: GpuEvidenceDocument | null;
  evidenceHash: string | null;
  verified: boolean;
  failure: { check: string; reason: string } | null;
  checks: GpuEvidenceRecord['checks'];
  device: GpuEvidenceRecord['device'];
}

interface StoredRow {
  epoch_seq: number;
  asset_id: string;
  nonce: string;
  prev_report_hash: string;
  collected_at: number;
  source: string;
  evidence_hash: string | null;
  verified: number;
  failure_check: string | null;
  failure_reason: string | null;
  checks: string;
  device: string | null;
}

const RECORD_COLUMNS = 'epoch_seq, asset_id, nonce, prev_report_hash, collected_at, source, evidence_hash, verified, failure_check, failure_reason, checks, device';

/**
 * Stores a row unless its epoch has closed meanwhile (evidence that arrives after the leaf was
 * built cannot count for it, and must not look as if it did). One transaction; true if stored.
 * The certificate chain, the same every epoch for a GPU, is kept once under its hash.
 */
export function storeEvidence(db: Db, row: EvidenceRow): boolean {
  return db.transaction((): boolean => {
    if (db.prepare('SELECT 1 FROM epochs WHERE seq = ?').get(row.epochSeq)) return false;
    let chainHash: string | null = null;
    if (row.evidence) {
      const pems = JSON.stringify(row.evidence.certChain);
      chainHash = bytesToHex(keccak256Bytes(Buffer.from(pems, 'utf8')));
      db.prepare('INSERT OR IGNORE INTO gpu_cert_chains (chain_hash, pems) VALUES (?, ?)').run(chainHash, pems);
    }
    const inserted = db
      .prepare(`INSERT OR IGNORE INTO gpu_evidence (${RECORD_COLUMNS}, report, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        row.epochSeq,
        row.assetId,
        row.nonce,
        row.prevReportHash,
        row.collectedAt,
        row.source,
        row.evidenceHash,
        row.verified ? 1 : 0,
        row.failure?.check ?? null,
        row.failure?.reason ?? null,
        JSON.stringify(row.checks),
        // The measurements (~6 kB as hex) are in the report blob already: read back from it.
        row.device ? JSON.stringify({ ...row.device, measurements: undefined }) : null,
        row.evidence ? Buffer.from(row.evidence.report, 'hex') : null,
        chainHash,
      );
    return inserted.changes === 1;
  })();
}

/** The GPUs with a row (verified or not) for the epoch: each is asked once per epoch. */
export function assetsWithEvidence(db: Db, epochSeq: number): Set<string> {
  const rows = db.prepare('SELECT asset_id FROM gpu_evidence WHERE epoch_seq = ?').pluck().all(epochSeq) as string[];
  return new Set(rows);
}

/** The verified evidence hashes of an epoch, by asset id: what its leaves commit to. */
export function verifiedEvidenceHashes(db: Db, epochSeq: number): Map<string, string> {
  const rows = db.prepare('SELECT asset_id, evidence_hash FROM gpu_evidence WHERE epoch_seq = ? AND verified = 1').all(epochSeq) as { asset_id: string; evidence_hash: string }[];
  return new Map(rows.map((row) => [row.asset_id, row.evidence_hash]));
}

function recordOf(row: StoredRow, report?: Buffer): GpuEvidenceRecord {
  const device = row.device ? (JSON.parse(row.device) as NonNullable<GpuEvidenceRecord['device']>) : null;
  if (device && report) device.measurements = measurementsOf(report);
  return {
    assetId: row.asset_id,
    epochSeq: row.epoch_seq,
    nonce: row.nonce,
    prevReportHash: row.prev_report_hash,
    collectedAt: new Date(row.collected_at).toISOString(),
    source: row.source,
    verified: row.verified === 1,
    failure: row.failure_check ? { check: row.failure_check, reason: row.failure_reason ?? '' } : null,
    evidenceHash: row.evidence_hash,
    device,
    checks: JSON.parse(row.checks) as GpuEvidenceRecord['checks'],
  };
}

/** The measurement values, by block, of a stored report (one that parsed when it was collected). */
function measurementsOf(report: Buffer): string[] | undefined {
  try {
    return parseGpuEvidenceReport(report).response.blocks.map((block) => Buffer.from(block.value).toString('hex'));
  } catch {
    return undefined; // evidence that failed 'format' has none to show
  }
}

/** Each GPU's latest row, without the measurement values (the list view). */
export function latestEvidenceRecords(db: Db): GpuEvidenceRecord[] {
  const rows = db
    .prepare(`SELECT ${RECORD_COLUMNS} FROM gpu_evidence e WHERE epoch_seq = (SELECT max(epoch_seq) FROM gpu_evidence WHERE asset_id = e.asset_id) ORDER BY asset_id`)
    .all() as StoredRow[];
  return rows.map((row) => recordOf(row));
}

/** One GPU's row for an epoch (its latest without one), with the raw evidence. */
export function evidenceRecord(db: Db, assetId: string, epochSeq?: number): { record: GpuEvidenceRecord; evidence: GpuEvidenceDocument | null } | null {
  const row = (
    epochSeq === undefined
      ? db.prepare(`SELECT ${RECORD_COLUMNS} FROM gpu_evidence WHERE asset_id = ? ORDER BY epoch_seq DESC LIMIT 1`).get(assetId)
      : db.prepare(`SELECT ${RECORD_COLUMNS} FROM gpu_evidence WHERE asset_id = ? AND epoch_seq = ?`).get(assetId, epochSeq)
  ) as StoredRow | undefined;
  if (!row) return null;
  const evidence = evidenceDocument(db, row.epoch_seq, row.asset_id);
  return { record: recordOf(row, evidence ? Buffer.from(evidence.report, 'hex') : undefined), evidence };
}

/** The evidence exactly as collected (for the details view and the audit bundle). */
export function evidenceDocument(db: Db, epochSeq: number, assetId: string): GpuEvidenceDocument | null {
  const row = db
    .prepare('SELECT e.report, c.pems FROM gpu_evidence e JOIN gpu_cert_chains c ON c.chain_hash = e.chain_hash WHERE e.epoch_seq = ? AND e.asset_id = ?')
    .get(epochSeq, assetId) as { report: Buffer; pems: string } | undefined;
  if (!row) return null;
  return { format: 'nvidia-spdm-1.1', report: row.report.toString('hex'), certChain: JSON.parse(row.pems) as string[] };
}
