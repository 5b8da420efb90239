import type Database from 'better-sqlite3';
import type { AllocationBucket, FacilityPayment, FacilityTerms, PaymentAllocation } from '../../contract/schemas/facilities';
import type { Db } from '../db/open';
import type { AmortizedLine } from './amortize';
import { formatIsoDate } from './civil-date';

/** A facility row as stored (terms live in facility_terms). */
export interface FacilityRecord {
  id: string;
  name: string;
  lender: string;
  notes: string | null;
  structure: FacilityTerms['structure'];
  termsVersion: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type Row = Record<string, unknown>;

function text(row: Row, column: string): string {
  return row[column] as string;
}

function textOrNull(row: Row, column: string): string | null {
  return (row[column] as string | null) ?? null;
}

/** Integers are read as bigint (safeIntegers): money never passes through a JS number. */
function money(row: Row, column: string): bigint {
  return row[column] as bigint;
}

function count(row: Row, column: string): number {
  return Number(row[column] as bigint);
}

function toRecord(row: Row): FacilityRecord {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    lender: text(row, 'lender'),
    notes: textOrNull(row, 'notes'),
    structure: text(row, 'structure') as FacilityRecord['structure'],
    termsVersion: count(row, 'terms_version'),
    version: count(row, 'version'),
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
  };
}

function termsToRow(facilityId: string, version: number, terms: FacilityTerms, createdAt: string): Row {
  const common = { facility_id: facilityId, version, structure: terms.structure, principal: terms.principal, start_date: terms.startDate, grace_days: terms.graceDays, default_after_days: terms.defaultAfterDays, created_at: createdAt };
  const none = { annual_rate_pct: null, periods: null, frequency: null, amortization: null, balloon: null, first_due_date: null, day_count: null, late_fee_pct: null, penalty_apr_pct: null, prepayment_fee_pct: null, prepayment_mode: null, allocation_order: null, share_pct: null, target_multiple: null, tail_share_pct: null, minimum_payment: null, term_months: null, at_term_cap: null };
  if (terms.structure === 'fixed-rate') {
    return {
      ...none,
      ...common,
      annual_rate_pct: terms.annualRatePct,
      periods: terms.periods,
      frequency: terms.frequency,
      amortization: terms.amortization,
      balloon: terms.balloon,
      first_due_date: terms.firstDueDate,
      day_count: terms.dayCount,
      late_fee_pct: terms.lateFeePct,
      penalty_apr_pct: terms.penaltyAprPct,
      prepayment_fee_pct: terms.prepaymentFeePct,
      prepayment_mode: terms.prepaymentMode,
      allocation_order: terms.allocationOrder.join(','),
    };
  }
  return { ...none, ...common, share_pct: terms.sharePct, target_multiple: terms.targetMultiple, tail_share_pct: terms.tailSharePct, minimum_payment: terms.minimumPayment, term_months: terms.termMonths, at_term_cap: terms.atTermCap };
}

function rowToTerms(row: Row): FacilityTerms {
  const common = { principal: money(row, 'principal'), startDate: text(row, 'start_date'), graceDays: count(row, 'grace_days'), defaultAfterDays: count(row, 'default_after_days') };
  if (text(row, 'structure') === 'fixed-rate') {
    return {
      structure: 'fixed-rate',
      ...common,
      annualRatePct: text(row, 'annual_rate_pct'),
      periods: count(row, 'periods'),
      frequency: text(row, 'frequency') as 'monthly' | 'quarterly',
      amortization: text(row, 'amortization') as 'annuity',
      balloon: money(row, 'balloon'),
      firstDueDate: textOrNull(row, 'first_due_date'),
      dayCount: text(row, 'day_count') as '30/360',
      lateFeePct: text(row, 'late_fee_pct'),
      penaltyAprPct: text(row, 'penalty_apr_pct'),
      prepaymentFeePct: text(row, 'prepayment_fee_pct'),
      prepaymentMode: text(row, 'prepayment_mode') as 'reduce-payment',
      allocationOrder: text(row, 'allocation_order').split(',') as AllocationBucket[],
    };
  }
  return {
    structure: 'revenue-share',
    ...common,
    sharePct: text(row, 'share_pct'),
    targetMultiple: text(row, 'target_multiple'),
    tailSharePct: text(row, 'tail_share_pct'),
    minimumPayment: money(row, 'minimum_payment'),
    termMonths: count(row, 'term_months'),
    atTermCap: text(row, 'at_term_cap') as 'due' | 'forgiven',
  };
}

function toPayment(row: Row): FacilityPayment {
  const allocation: PaymentAllocation = {
    lateFees: money(row, 'to_late_fees'),
    prepaymentFee: money(row, 'to_prepayment_fee'),
    interest: money(row, 'to_interest'),
    principal: money(row, 'to_principal'),
    return: money(row, 'to_return'),
    credit: money(row, 'to_credit'),
  };
  return {
    id: count(row, 'id'),
    date: text(row, 'paid_on'),
    amount: money(row, 'amount'),
    kind: text(row, 'kind') as FacilityPayment['kind'],
    reference: textOrNull(row, 'reference'),
    note: textOrNull(row, 'note'),
    allocation,
    recordedAt: text(row, 'recorded_at'),
    journalSeq: count(row, 'journal_seq'),
  };
}

export interface NewPayment {
  facilityId: string;
  date: string;
  amount: bigint;
  kind: FacilityPayment['kind'];
  reference: string | null;
  note: string | null;
  allocation: PaymentAllocation;
  recordedAt: string;
  journalSeq: number;
}

/** The facility tables, as prepared statements. Knows SQL, not finance. */
export class FacilityStore {
  private readonly statements: Record<string, Database.Statement>;

  constructor(private readonly db: Db) {
    const prepare = (sql: string) => db.prepare(sql).safeIntegers(true);
    this.statements = {
      all: prepare('SELECT * FROM facilities ORDER BY created_at, id'),
      one: prepare('SELECT * FROM facilities WHERE id = ?'),
      insertFacility: db.prepare('INSERT INTO facilities (id, name, lender, notes, structure, terms_version, version, created_at, updated_at) VALUES (@id, @name, @lender, @notes, @structure, @termsVersion, @version, @createdAt, @updatedAt)'),
      updateFacility: db.prepare('UPDATE facilities SET name = @name, lender = @lender, notes = @notes, structure = @structure, terms_version = @termsVersion, version = @version, updated_at = @updatedAt WHERE id = @id'),
      insertTerms: db.prepare(`INSERT INTO facility_terms (facility_id, version, structure, principal, start_date, grace_days, default_after_days, annual_rate_pct, periods, frequency, amortization, balloon, first_due_date, day_count, late_fee_pct, penalty_apr_pct, prepayment_fee_pct, prepayment_mode, allocation_order, share_pct, target_multiple, tail_share_pct, minimum_payment, term_months, at_term_cap, created_at)
        VALUES (@facility_id, @version, @structure, @principal, @start_date, @grace_days, @default_after_days, @annual_rate_pct, @periods, @frequency, @amortization, @balloon, @first_due_date, @day_count, @late_fee_pct, @penalty_apr_pct, @prepayment_fee_pct, @prepayment_mode, @allocation_order, @share_pct, @target_multiple, @tail_share_pct, @minimum_payment, @term_months, @at_term_cap, @created_at)`),
      terms: prepare('SELECT * FROM facility_terms WHERE facility_id = ? AND version = ?'),
      insertInstallment: db.prepare('INSERT INTO facility_installments (facility_id, terms_version, n, due_date, payment, interest, principal, balance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      payments: prepare('SELECT * FROM facility_payments WHERE facility_id = ? ORDER BY paid_on, id'),
      paymentById: prepare('SELECT * FROM facility_payments WHERE id = ?'),
      insertPayment: db.prepare(`INSERT INTO facility_payments (facility_id, paid_on, amount, kind, reference, note, to_late_fees, to_prepayment_fee, to_interest, to_principal, to_return, to_credit, recorded_at, journal_seq)
        VALUES (@facilityId, @date, @amount, @kind, @reference, @note, @lateFees, @prepaymentFee, @interest, @principal, @return, @credit, @recordedAt, @journalSeq)`),
      revenue: prepare('SELECT period, revenue FROM facility_revenue WHERE facility_id = ? ORDER BY period'),
      upsertRevenue: db.prepare('INSERT INTO facility_revenue (facility_id, period, revenue, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT (facility_id, period) DO UPDATE SET revenue = excluded.revenue, recorded_at = excluded.recorded_at'),
    };
  }

  list(): FacilityRecord[] {
    return (this.statements.all!.all() as Row[]).map(toRecord);
  }

  get(id: string): FacilityRecord | undefined {
    const row = this.statements.one!.get(id) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  insert(record: FacilityRecord): void {
    this.statements.insertFacility!.run(record);
  }

  update(record: FacilityRecord): void {
    this.statements.updateFacility!.run(record);
  }

  insertTerms(facilityId: string, version: number, terms: FacilityTerms, createdAt: string): void {
    this.statements.insertTerms!.run(termsToRow(facilityId, version, terms, createdAt));
  }

  terms(facilityId: string, version: number): FacilityTerms {
    const row = this.statements.terms!.get(facilityId, version) as Row | undefined;
    if (!row) throw new Error(`facility ${facilityId} has no terms version ${version}`);
    return rowToTerms(row);
  }

  insertSchedule(facilityId: string, version: number, lines: readonly AmortizedLine[]): void {
    for (const line of lines) this.statements.insertInstallment!.run(facilityId, version, line.n, formatIsoDate(line.dueDate), line.payment, line.interest, line.principal, line.balance);
  }

  payments(facilityId: string): FacilityPayment[] {
    return (this.statements.payments!.all(facilityId) as Row[]).map(toPayment);
  }

  insertPayment(payment: NewPayment): FacilityPayment {
    const { allocation, ...fields } = payment;
    const { lastInsertRowid } = this.statements.insertPayment!.run({ ...fields, ...allocation });
    return toPayment(this.statements.paymentById!.get(lastInsertRowid) as Row);
  }

  revenue(facilityId: string): Map<number, bigint> {
    return new Map((this.statements.revenue!.all(facilityId) as Row[]).map((row) => [count(row, 'period'), money(row, 'revenue')]));
  }

  upsertRevenue(facilityId: string, period: number, revenue: bigint, recordedAt: string): void {
    this.statements.upsertRevenue!.run(facilityId, period, revenue, recordedAt);
  }
}
