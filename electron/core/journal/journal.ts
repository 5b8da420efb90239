import { concat, keccak256, toUtf8Bytes } from 'ethers';
import type { JournalEntry, JournalVerification } from '../../contract/schemas/journal';
import type { Db } from '../db/open';
import { canonicalJson } from './canonical';

export const GENESIS_HASH = `0x${'00'.repeat(32)}`;

export interface JournalAppend {
  kind: string;
  entity: string;
  payload: unknown;
  /** Defaults to now; tests and imports pass their own. */
  at?: Date;
}

interface JournalRow {
  seq: number;
  at: string;
  kind: string;
  entity: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The bytes a journal hash commits to: everything in the row except the hashes themselves. */
export function canonicalRow(row: { seq: number; at: string; kind: string; entity: string; payload: unknown }): string {
  return canonicalJson({ seq: row.seq, at: row.at, kind: row.kind, entity: row.entity, payload: row.payload });
}

export function chainHash(prevHash: string, canonical: string): string {
  return keccak256(concat([prevHash, toUtf8Bytes(canonical)]));
}

function toEntry(row: JournalRow): JournalEntry {
  return { seq: row.seq, at: row.at, kind: row.kind, entity: row.entity, payload: JSON.parse(row.payload), prevHash: row.prev_hash, hash: row.hash };
}

/**
 * The append-only, hash-chained journal. Appends join the caller's transaction when there is
 * one (better-sqlite3 nests transactions as savepoints), so a register change and its journal
 * row commit together or not at all.
 */
export class Journal {
  private readonly insert;
  private readonly lastRow;
  private readonly listAfter;
  private readonly listener: ((entry: JournalEntry) => void) | undefined;

  constructor(private readonly db: Db, onAppend?: (entry: JournalEntry) => void) {
    this.insert = db.prepare('INSERT INTO journal (seq, at, kind, entity, payload, prev_hash, hash) VALUES (@seq, @at, @kind, @entity, @payload, @prev_hash, @hash)');
    this.lastRow = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
    this.listAfter = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?');
    this.listener = onAppend;
  }

  head(): { length: number; head: string } {
    const last = this.lastRow.get() as { seq: number; hash: string } | undefined;
    return last ? { length: last.seq, head: last.hash } : { length: 0, head: GENESIS_HASH };
  }

  append(entry: JournalAppend): JournalEntry {
    const appended = this.db.transaction(() => {
      const { length, head } = this.head();
      const row = { seq: length + 1, at: (entry.at ?? new Date()).toISOString(), kind: entry.kind, entity: entry.entity, payload: canonicalJson(entry.payload) };
      const hash = chainHash(head, canonicalRow({ ...row, payload: JSON.parse(row.payload) }));
      const stored: JournalRow = { ...row, prev_hash: head, hash };
      this.insert.run(stored);
      return toEntry(stored);
    })();
    this.listener?.(appended);
    return appended;
  }

  list(afterSeq: number, limit: number): JournalEntry[] {
    return (this.listAfter.all(afterSeq, limit) as JournalRow[]).map(toEntry);
  }

  /** One entity's entries, newest first (an asset's history, for its detail view). */
  listForEntity(entity: string, limit: number): JournalEntry[] {
    return (this.db.prepare('SELECT * FROM journal WHERE entity = ? ORDER BY seq DESC LIMIT ?').all(entity, limit) as JournalRow[]).map(toEntry);
  }

  /** Walks the whole chain; streams rows so a long journal does not load into memory at once. */
  verify(): JournalVerification {
    let expectedPrev = GENESIS_HASH;
    let expectedSeq = 1;
    for (const row of this.db.prepare('SELECT * FROM journal ORDER BY seq').iterate() as IterableIterator<JournalRow>) {
      const fail = (reason: string): JournalVerification => ({ ok: false, length: expectedSeq - 1, head: expectedPrev, firstBadSeq: row.seq, reason });
      if (row.seq !== expectedSeq) return fail(`sequence gap: expected ${expectedSeq}, found ${row.seq}`);
      if (row.prev_hash !== expectedPrev) return fail(`entry ${row.seq} does not link to the previous entry's hash`);
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        return fail(`entry ${row.seq} payload is not JSON`);
      }
      if (canonicalJson(payload) !== row.payload) return fail(`entry ${row.seq} payload is not in canonical form`);
      if (chainHash(row.prev_hash, canonicalRow({ ...row, payload })) !== row.hash) return fail(`entry ${row.seq} hash does not match its content`);
      expectedPrev = row.hash;
      expectedSeq += 1;
    }
    return { ok: true, length: expectedSeq - 1, head: expectedPrev, firstBadSeq: null, reason: null };
  }
}
