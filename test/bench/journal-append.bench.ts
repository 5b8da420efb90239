import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { Journal } from '../../electron/core/journal/journal';

// Our hash-chained append (canonical JSON + keccak256 + a read of the head + INSERT, in a
// transaction) against the bare baseline: the same INSERT, prepared once, in a transaction.
// The ratio is the price of tamper evidence per money event.
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const options = smoke ? { time: 100, iterations: 5, warmupIterations: 1 } : { time: 2000, warmupIterations: 50 };
const payload = { facility: 'fac-1', invoice: 'INV-2026-0042', amount: 125_000_000_000n, currency: 'USDC', dueAt: '2026-12-31T00:00:00.000Z' };

const dir = mkdtempSync(join(tmpdir(), 'sietch-bench-'));
const journal = new Journal(openDatabase(join(dir, 'journal.db')));
const bareDb = openDatabase(join(dir, 'bare.db'));
const bareInsert = bareDb.prepare('INSERT INTO journal (seq, at, kind, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
let bareSeq = 0;
const bareAppend = bareDb.transaction(() => {
  bareSeq += 1;
  bareInsert.run(bareSeq, new Date().toISOString(), 'invoice.issued', 'fac-1', JSON.stringify({ ...payload, amount: payload.amount.toString() }), '0x00', `0x${bareSeq.toString(16).padStart(64, '0')}`);
});

describe('journal append (one money event, committed)', () => {
  bench('bare prepared INSERT in a transaction (baseline)', () => bareAppend(), options);
  bench('Journal.append: canonical JSON + keccak256 chain', () => void journal.append({ kind: 'invoice.issued', entity: 'fac-1', payload }), options);
});
