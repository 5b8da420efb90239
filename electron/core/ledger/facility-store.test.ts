import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { openDatabase, type Db } from '../db/open';

// The facility tables defend themselves: whatever code writes to them, money that does not add
// up, a payment without its facility or its journal row, or a facility without terms is refused.
const tempDir = useTempDirs();
let db: Db;

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'sietch.db'));
});
afterEach(() => db.close());

const facility = (id: string, termsVersion = 1) => db.prepare("INSERT INTO facilities (id, name, lender, structure, terms_version, created_at, updated_at) VALUES (?, 'f', 'l', 'revenue-share', ?, 'now', 'now')").run(id, termsVersion);
const terms = (id: string) =>
  db.prepare("INSERT INTO facility_terms (facility_id, version, structure, principal, start_date, grace_days, default_after_days, share_pct, target_multiple, tail_share_pct, minimum_payment, term_months, at_term_cap, created_at) VALUES (?, 1, 'revenue-share', 100, '2024-01-01', 5, 90, '60', '1.25', '0', 0, 12, 'due', 'now')").run(id);
const journalRow = () => db.prepare("INSERT INTO journal (seq, at, kind, entity, payload, prev_hash, hash) VALUES (1, 'now', 'k', 'e', '{}', '0x00', '0x01')").run();

describe('facility tables (migration 003)', () => {
  it('a facility commits only with the terms version it names (deferred foreign key)', () => {
    expect(() => db.transaction(() => facility('fac_1'))()).toThrow(/FOREIGN KEY/);
    db.transaction(() => {
      facility('fac_1');
      terms('fac_1');
    })();
    expect(db.prepare('SELECT count(*) FROM facilities').pluck().get()).toBe(1);
  });

  it('terms of the wrong shape for their structure are refused', () => {
    db.pragma('foreign_keys = OFF');
    expect(() => db.prepare("INSERT INTO facility_terms (facility_id, version, structure, principal, start_date, grace_days, default_after_days, created_at) VALUES ('x', 1, 'fixed-rate', 100, '2024-01-01', 5, 90, 'now')").run()).toThrow(/CHECK/);
  });

  it('a payment must add up, belong to a facility and point at its journal row', () => {
    db.transaction(() => {
      facility('fac_1');
      terms('fac_1');
    })();
    journalRow();
    const insert = db.prepare("INSERT INTO facility_payments (facility_id, paid_on, amount, kind, to_late_fees, to_prepayment_fee, to_interest, to_principal, to_return, to_credit, recorded_at, journal_seq) VALUES (?, '2024-02-01', ?, 'regular', 0, 0, 0, ?, ?, 0, 'now', ?)");
    expect(() => insert.run('fac_1', 100, 60, 30, 1)).toThrow(/CHECK/);
    expect(() => insert.run('fac_nope', 100, 60, 40, 1)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('fac_1', 100, 60, 40, 2)).toThrow(/FOREIGN KEY/);
    insert.run('fac_1', 100, 60, 40, 1);
    expect(() => insert.run('fac_1', 100, 60, 40, 1)).toThrow(/UNIQUE/);
  });
});
