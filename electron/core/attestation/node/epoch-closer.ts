import type { Db } from '../../db/open';
import type { Journal } from '../../journal/journal';
import { buildEpochTree } from '../report/epoch-tree';
import { type AggregateOptions, aggregateEpoch } from './epoch-aggregate';
import { epochFinanceFromDb } from '../../finance/epoch-finance';
import { dueEpochs } from './epoch-clock';
import { writeEpochLeaves } from './epoch-leaves-store';
import { verifiedEvidenceHashes } from './gpu-evidence-store';

export interface ClosedEpoch {
  seq: number;
  start: number;
  end: number;
  assetCount: number;
  observedBps: number;
  merkleRoot: string;
}

/**
 * Closes every epoch that has ended, in order, each in one transaction with its leaves and its
 * report in the outbox ('unsigned'): a crash leaves an epoch either wholly closed or not at all.
 * Epochs missed while the node was stopped are closed with what is known (observedBps shows the
 * gap): the sequence never skips. Closing is idempotent — an epoch already closed is not redone.
 */
export function closeDueEpochs(db: Db, journal: Journal, epochMs: number, nowMs: number, options: AggregateOptions): ClosedEpoch[] {
  const closed: ClosedEpoch[] = [];
  const last = db.prepare('SELECT seq, end_at FROM epochs ORDER BY seq DESC LIMIT 1').get() as { seq: number; end_at: number } | undefined;
  const firstTick = (db.prepare('SELECT min(at) AS at FROM sampler_ticks').get() as { at: number | null }).at;
  let seq = last?.seq ?? 0;
  for (const window of dueEpochs(last?.end_at ?? null, firstTick, nowMs, epochMs)) {
    seq += 1;
    const epochSeq = seq;
    const result = db.transaction((): ClosedEpoch | null => {
      // Another closer (or a replay after a crash) may have closed it meanwhile: never twice.
      if (db.prepare('SELECT 1 FROM epochs WHERE start_at = ?').get(window.start)) return null;
      const { observedBps, leaves } = aggregateEpoch(db, { seq: BigInt(epochSeq), start: window.start, end: window.end }, options);
      // The books' view of the epoch (docs/customers-collateral.md): each asset's share of the
      // contracts it serves, pro rata by uptime, and the facilities' repaid, outstanding, coverage.
      const finance = epochFinanceFromDb(db, { startMs: window.start, endMs: window.end }, leaves, options);
      for (const leaf of leaves) leaf.revenue = finance.revenueByAsset.get(leaf.assetId) ?? 0n;
      // GPUs that gave verified hardware evidence for this epoch's nonce (docs/gpu-evidence.md).
      const attested = verifiedEvidenceHashes(db, epochSeq);
      if (attested.size > 0) {
        for (const leaf of leaves) {
          const evidenceHash = leaf.kind === 'gpu' ? attested.get(leaf.assetId) : undefined;
          if (evidenceHash) Object.assign(leaf, { hwAttested: true, evidenceHash });
        }
      }
      const tree = buildEpochTree(leaves);
      db.prepare('INSERT INTO epochs (seq, start_at, end_at, closed_at, observed_bps, asset_count, merkle_root, journal_head, revenue, repaid, outstanding, coverage_bps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        epochSeq,
        window.start,
        window.end,
        new Date().toISOString(),
        observedBps,
        leaves.length,
        tree.root,
        journal.head().head,
        finance.revenue,
        finance.repaid,
        finance.outstanding,
        finance.coverageBps,
      );
      writeEpochLeaves(db, epochSeq, leaves, tree.leafHashes);
      db.prepare("INSERT INTO report_outbox (seq, status) VALUES (?, 'unsigned')").run(epochSeq);
      return { seq: epochSeq, start: window.start, end: window.end, assetCount: leaves.length, observedBps, merkleRoot: tree.root };
    })();
    if (result) closed.push(result);
  }
  return closed;
}
