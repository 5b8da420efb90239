import type { Db } from '../db/open';
import type { ChainNetwork } from './chain-config';

export type PublicationState = 'queued' | 'sent' | 'confirmed' | 'failed';

export interface PublicationRow {
  network: string;
  seq: number;
  chain_id: number;
  eas_address: string;
  mode: 'attest' | 'timestamp';
  state: PublicationState;
  reason: string | null;
  needs_check: 0 | 1;
  tx_hash: string | null;
  nonce: number | null;
  block_number: number | null;
  block_hash: string | null;
  uid: string | null;
  ref_uid: string | null;
  gas_used: string | null;
  gas_price: string | null;
  fee_wei: string | null;
  attempts: number;
  next_try_at: number | null;
  queued_at: string;
  sent_at: string | null;
  confirmed_at: string | null;
  updated_at: string;
}

export interface TransactionRow {
  tx_hash: string;
  network: string;
  seq: number;
  nonce: number;
  max_fee_per_gas: string;
  max_priority_fee_per_gas: string;
  gas_limit: string;
  raw: string;
  sent_block: number;
  created_at: string;
  rejected: string | null;
}

export class NetworkChangedError extends Error {
  override name = 'NetworkChangedError';
}

const nowIso = (): string => new Date().toISOString();

/**
 * The publication state of each report per network (chain_publications) and every transaction
 * signed for it (chain_transactions). Writes that move a report between states are single
 * statements or one transaction with the outbox, so a crash never leaves them disagreeing.
 */
export class PublicationStore {
  constructor(private readonly db: Db) {}

  /**
   * Queues every signed report this network has no row for, in order. Refuses when rows of this
   * network name were written for another chain or EAS contract: a renamed network must not mix
   * two chains' attestations in one refUID chain.
   */
  enqueueSigned(network: ChainNetwork): number[] {
    const other = this.db.prepare('SELECT chain_id, eas_address FROM chain_publications WHERE network = ? AND (chain_id <> ? OR eas_address <> ?) LIMIT 1').get(network.name, network.chainId, network.easAddress) as { chain_id: number; eas_address: string } | undefined;
    if (other) throw new NetworkChangedError(`network "${network.name}" published to chain ${other.chain_id} (EAS ${other.eas_address}) before, and now names chain ${network.chainId} (EAS ${network.easAddress}): give the new one another name`);
    const rows = this.db
      .prepare("SELECT o.seq FROM report_outbox o WHERE o.status IN ('signed', 'published') AND NOT EXISTS (SELECT 1 FROM chain_publications p WHERE p.network = ? AND p.seq = o.seq) ORDER BY o.seq")
      .pluck()
      .all(network.name) as number[];
    if (rows.length === 0) return [];
    const insert = this.db.prepare("INSERT INTO chain_publications (network, seq, chain_id, eas_address, mode, state, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)");
    const at = nowIso();
    this.db.transaction(() => {
      for (const seq of rows) insert.run(network.name, seq, network.chainId, network.easAddress, network.mode, at, at);
    })();
    return rows;
  }

  get(network: string, seq: number): PublicationRow | undefined {
    return this.db.prepare('SELECT * FROM chain_publications WHERE network = ? AND seq = ?').get(network, seq) as PublicationRow | undefined;
  }

  /** The report to work on: the lowest one not confirmed (reports are published strictly in order). */
  head(network: string): PublicationRow | undefined {
    return this.db.prepare("SELECT * FROM chain_publications WHERE network = ? AND state <> 'confirmed' ORDER BY seq LIMIT 1").get(network) as PublicationRow | undefined;
  }

  /** Rows with a block recorded at or above `fromBlock`, in order: what a reorg could have touched. */
  recentlyMined(network: string, fromBlock: number): PublicationRow[] {
    return this.db.prepare("SELECT * FROM chain_publications WHERE network = ? AND state IN ('sent', 'confirmed') AND block_number >= ? ORDER BY seq").all(network, fromBlock) as PublicationRow[];
  }

  transactions(network: string, seq: number): TransactionRow[] {
    return this.db.prepare('SELECT * FROM chain_transactions WHERE network = ? AND seq = ? ORDER BY rowid').all(network, seq) as TransactionRow[];
  }

  /** Recorded before the broadcast: from here on the hash may be on chain. */
  recordTransaction(tx: Omit<TransactionRow, 'created_at' | 'rejected'>, refUid: string | null): void {
    const at = nowIso();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR IGNORE INTO chain_transactions (tx_hash, network, seq, nonce, max_fee_per_gas, max_priority_fee_per_gas, gas_limit, raw, sent_block, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(tx.tx_hash, tx.network, tx.seq, tx.nonce, tx.max_fee_per_gas, tx.max_priority_fee_per_gas, tx.gas_limit, tx.raw, tx.sent_block, at);
      this.db
        .prepare("UPDATE chain_publications SET state = 'sent', reason = NULL, tx_hash = ?, nonce = ?, ref_uid = ?, block_number = NULL, block_hash = NULL, attempts = attempts + 1, sent_at = ?, updated_at = ? WHERE network = ? AND seq = ?")
        .run(tx.tx_hash, tx.nonce, refUid, at, at, tx.network, tx.seq);
    })();
  }

  markRejected(txHash: string, reason: string): void {
    this.db.prepare('UPDATE chain_transactions SET rejected = ? WHERE tx_hash = ?').run(reason.slice(0, 500), txHash);
  }

  /** Mined, not yet deep enough (or found on chain after a search). */
  markMined(network: string, seq: number, mined: { txHash: string; nonce: number | null; blockNumber: number; blockHash: string; uid: string; refUid: string | null; gasUsed: bigint | null; gasPrice: bigint | null }): void {
    const fee = mined.gasUsed !== null && mined.gasPrice !== null ? (mined.gasUsed * mined.gasPrice).toString() : null;
    this.db
      .prepare("UPDATE chain_publications SET state = 'sent', reason = NULL, needs_check = 0, tx_hash = ?, nonce = coalesce(?, nonce), block_number = ?, block_hash = ?, uid = ?, ref_uid = ?, gas_used = ?, gas_price = ?, fee_wei = ?, next_try_at = NULL, updated_at = ? WHERE network = ? AND seq = ?")
      .run(mined.txHash, mined.nonce, mined.blockNumber, mined.blockHash, mined.uid, mined.refUid, mined.gasUsed?.toString() ?? null, mined.gasPrice?.toString() ?? null, fee, nowIso(), network, seq);
  }

  /** Deep enough: the report counts as published (the outbox says so in the same transaction). */
  confirm(network: string, seq: number): void {
    const at = nowIso();
    this.db.transaction(() => {
      this.db.prepare("UPDATE chain_publications SET state = 'confirmed', reason = NULL, confirmed_at = ?, updated_at = ? WHERE network = ? AND seq = ? AND block_number IS NOT NULL").run(at, at, network, seq);
      this.db.prepare("UPDATE report_outbox SET status = 'published' WHERE seq = ? AND status = 'signed'").run(seq);
    })();
  }

  /** Back to the queue (a failure, a dropped transaction); needs_check says the chain must be searched first. */
  requeue(network: string, seq: number, reason: string, options: { needsCheck: boolean; nextTryAt?: number | null; state?: 'queued' | 'failed' }): void {
    this.db
      .prepare('UPDATE chain_publications SET state = ?, reason = ?, needs_check = max(needs_check, ?), next_try_at = ?, updated_at = ? WHERE network = ? AND seq = ?')
      .run(options.state ?? 'queued', reason.slice(0, 500), options.needsCheck ? 1 : 0, options.nextTryAt ?? null, nowIso(), network, seq);
  }

  /**
   * A reorg dropped the report `seq`: it and every later one (published after it, so in later
   * blocks) go back to the queue, to be searched for on chain before anything is re-sent; the
   * outbox no longer calls them published. One transaction.
   */
  reorged(network: string, seq: number, reason: string): number[] {
    const at = nowIso();
    return this.db.transaction(() => {
      const seqs = this.db.prepare("SELECT seq FROM chain_publications WHERE network = ? AND seq >= ? AND state <> 'queued' ORDER BY seq").pluck().all(network, seq) as number[];
      this.db
        .prepare("UPDATE chain_publications SET state = 'queued', reason = ?, needs_check = 1, block_number = NULL, block_hash = NULL, uid = CASE WHEN mode = 'timestamp' THEN uid ELSE NULL END, confirmed_at = NULL, next_try_at = NULL, updated_at = ? WHERE network = ? AND seq >= ? AND state <> 'queued'")
        .run(reason, at, network, seq);
      this.db.prepare("UPDATE report_outbox SET status = 'signed' WHERE seq >= ? AND status = 'published'").run(seq);
      return seqs;
    })();
  }

  /** Why it waits, without changing its state (a locked key, a fee cap). */
  setReason(network: string, seq: number, reason: string): void {
    this.db.prepare('UPDATE chain_publications SET reason = ?, updated_at = ? WHERE network = ? AND seq = ?').run(reason.slice(0, 500), nowIso(), network, seq);
  }

  setTimestampUid(network: string, seq: number, uid: string): void {
    this.db.prepare('UPDATE chain_publications SET uid = ? WHERE network = ? AND seq = ?').run(uid, network, seq);
  }

  counts(network: string): Record<PublicationState, number> {
    const counts: Record<PublicationState, number> = { queued: 0, sent: 0, confirmed: 0, failed: 0 };
    for (const row of this.db.prepare('SELECT state, count(*) AS n FROM chain_publications WHERE network = ? GROUP BY state').all(network) as { state: PublicationState; n: number }[]) counts[row.state] = row.n;
    return counts;
  }

  list(network: string, beforeSeq: number | undefined, limit: number): PublicationRow[] {
    return this.db.prepare('SELECT * FROM chain_publications WHERE network = ? AND seq < ? ORDER BY seq DESC LIMIT ?').all(network, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as PublicationRow[];
  }

  /** Mean fee of the last confirmed publications, wei; null before the first. */
  recentMeanFee(network: string, last = 20): bigint | null {
    const fees = this.db.prepare("SELECT fee_wei FROM chain_publications WHERE network = ? AND state = 'confirmed' AND fee_wei IS NOT NULL ORDER BY seq DESC LIMIT ?").pluck().all(network, last) as string[];
    if (fees.length === 0) return null;
    return fees.reduce((sum, fee) => sum + BigInt(fee), 0n) / BigInt(fees.length);
  }

  recordSchema(entry: { network: string; chainId: number; registry: string; schemaUid: string; how: 'registered' | 'found'; txHash: string | null; blockNumber: number | null }): void {
    this.db
      .prepare('INSERT INTO chain_schemas (network, chain_id, registry, schema_uid, how, tx_hash, block_number, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (network, schema_uid) DO UPDATE SET chain_id = excluded.chain_id, registry = excluded.registry, how = excluded.how, tx_hash = excluded.tx_hash, block_number = excluded.block_number, recorded_at = excluded.recorded_at')
      .run(entry.network, entry.chainId, entry.registry, entry.schemaUid, entry.how, entry.txHash, entry.blockNumber, nowIso());
  }
}

/** What the audit bundle needs of a report's publication: where and how it is on chain. */
export interface ChainRecord {
  network: string;
  chainId: number;
  easAddress: string;
  mode: 'attest' | 'timestamp';
  /** attest: the on-chain attestation UID; timestamp: the offchain UID that was timestamped. */
  uid: string;
  refUid: string | null;
  txHash: string;
  blockNumber: number;
  blockHash: string;
  confirmedAt: string;
}

/**
 * The confirmed on-chain record of report `seq` — on `network`, or on whichever network
 * confirmed it first when none is named — or null when it is not (yet) published.
 */
export function chainRecordOf(db: Db, seq: number, network?: string): ChainRecord | null {
  const row = db
    .prepare(`SELECT * FROM chain_publications WHERE seq = ? AND state = 'confirmed'${network === undefined ? '' : ' AND network = ?'} ORDER BY confirmed_at LIMIT 1`)
    .get(...(network === undefined ? [seq] : [seq, network])) as PublicationRow | undefined;
  if (!row) return null;
  return {
    network: row.network,
    chainId: row.chain_id,
    easAddress: row.eas_address,
    mode: row.mode,
    uid: row.uid!,
    refUid: row.ref_uid,
    txHash: row.tx_hash!,
    blockNumber: row.block_number!,
    blockHash: row.block_hash!,
    confirmedAt: row.confirmed_at!,
  };
}
