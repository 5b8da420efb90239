import type { GpuEvidenceDocument, GpuEvidenceStatus } from '../../../contract/gpu-evidence-api';
import type { Db } from '../../db/open';
import { verifyGpuEvidence } from '../../gpu-evidence';
import { EvidenceCollectError, type EvidenceTarget, type GpuEvidenceSource } from '../../inventory/gpu/evidence/evidence-source';
import type { Logger } from '../../log/logger';
import { evidenceNonce } from '../report/evidence-nonce';
import { ZERO_BYTES32 } from '../report/hex';
import { assetsWithEvidence, type EvidenceRow, storeEvidence } from './gpu-evidence-store';

export interface GpuEvidenceCollectorDeps {
  db: Db;
  source: GpuEvidenceSource;
  /** The trusted root (PEM) every piece of evidence must chain to. */
  rootPem: string;
  logger: Logger;
  /** The local GPUs of the latest reading that are in the register. */
  targets: () => readonly EvidenceTarget[];
  now?: () => number;
  onCollected?: (assetIds: string[]) => void;
}

type Counters = GpuEvidenceStatus['counters'];

/**
 * Asks each local GPU, once per epoch, for evidence bound to that epoch's nonce, verifies it
 * against the configured root, and stores evidence and verdict for the epoch's leaves. The nonce
 * needs the previous report's hash, so an epoch gets evidence only once that report is signed
 * (with the key unlocked, in the tick that closed the previous epoch); epochs closed while the key
 * was locked carry none — their leaves say hwAttested false rather than attest something stale.
 */
export class GpuEvidenceCollector {
  readonly counters: Counters = { collected: 0, verified: 0, rejected: 0, failed: 0 };
  lastCollectionAt: number | null = null;
  lastProblem: string | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly deps: GpuEvidenceCollectorDeps) {}

  /** Starts a collection for the epoch in progress if one is due; never two at once. */
  collectDue(): Promise<void> {
    this.inFlight ??= this.collect().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Waits for a collection in flight (the node's stop). */
  async settle(): Promise<void> {
    await this.inFlight;
  }

  private async collect(): Promise<void> {
    const { db } = this.deps;
    const lastClosed = (db.prepare('SELECT max(seq) AS seq FROM epochs').get() as { seq: number | null }).seq ?? 0;
    const epochSeq = lastClosed + 1;
    const prevReportHash = epochSeq === 1 ? ZERO_BYTES32 : this.signedHash(epochSeq - 1);
    if (prevReportHash === null) return; // the previous report is not signed yet
    const done = assetsWithEvidence(db, epochSeq);
    const due = this.deps.targets().filter((target) => !done.has(target.assetId));
    const stored: string[] = [];
    for (const target of due) {
      const row = await this.evidenceFor(target, epochSeq, prevReportHash);
      if (storeEvidence(db, row)) stored.push(target.assetId);
      else this.deps.logger.warn({ assetId: target.assetId, epoch: epochSeq }, 'GPU evidence arrived after its epoch closed: not used');
    }
    if (stored.length > 0) this.deps.onCollected?.(stored);
  }

  private signedHash(seq: number): string | null {
    const row = this.deps.db.prepare("SELECT report_hash FROM report_outbox WHERE seq = ? AND status <> 'unsigned'").get(seq) as { report_hash: string } | undefined;
    return row?.report_hash ?? null;
  }

  private async evidenceFor(target: EvidenceTarget, epochSeq: number, prevReportHash: string): Promise<EvidenceRow> {
    const now = this.deps.now ?? Date.now;
    const nonce = evidenceNonce(prevReportHash, target.assetId);
    const base = { epochSeq, assetId: target.assetId, nonce, prevReportHash, source: this.deps.source.kind };
    let evidence: GpuEvidenceDocument;
    try {
      evidence = await this.deps.source.collect(target, nonce.slice(2));
    } catch (error) {
      const reason = error instanceof EvidenceCollectError ? error.message : `evidence collection failed: ${(error as Error).message}`;
      this.counters.failed += 1;
      this.lastProblem = reason;
      this.deps.logger.warn({ assetId: target.assetId, epoch: epochSeq, reason }, 'GPU evidence not collected');
      return { ...base, collectedAt: now(), evidence: null, evidenceHash: null, verified: false, failure: { check: 'collect', reason }, checks: [], device: null };
    }
    const collectedAt = now();
    this.lastCollectionAt = collectedAt;
    this.counters.collected += 1;
    const verdict = await verifyGpuEvidence(evidence, { root: this.deps.rootPem, nonce: nonce.slice(2), at: new Date(collectedAt) });
    if (verdict.ok) {
      this.counters.verified += 1;
      this.lastProblem = null;
    } else {
      this.counters.rejected += 1;
      this.lastProblem = verdict.failure?.reason ?? 'evidence rejected';
      this.deps.logger.warn({ assetId: target.assetId, epoch: epochSeq, check: verdict.failure?.check, reason: verdict.failure?.reason }, 'GPU evidence rejected');
    }
    return {
      ...base,
      collectedAt,
      evidence,
      evidenceHash: verdict.evidenceHash,
      verified: verdict.ok,
      failure: verdict.failure ?? null,
      checks: verdict.checks,
      device: verdict.device ?? null,
    };
  }
}
