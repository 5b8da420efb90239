import type { Db } from '../db/open';
import type { BillingUnit, ContractKind } from './billing';
import type { Appraisal } from './depreciation';

/** The finance tables of migration 009, as prepared statements. Knows SQL, not finance. */

export interface ContractRecord {
  id: string;
  customer: string;
  kind: ContractKind;
  billingUnit: BillingUnit;
  unitPrice: bigint;
  startDate: string;
  termMonths: number;
  paymentTermsDays: number;
  notes: string | null;
  createdAt: string;
  assetIds: string[];
}

export interface InvoiceRecord {
  id: string;
  contractId: string;
  customer: string;
  period: number | null;
  periodStart: string;
  periodEnd: string;
  issueDate: string;
  dueDate: string;
  amount: bigint;
  basis: 'uptime' | 'equal';
}

export interface PaymentRecord {
  id: number;
  customer: string;
  date: string;
  amount: bigint;
  invoiceId: string | null;
  reference: string | null;
  journalSeq: number;
}

export interface StoredAppraisal extends Appraisal {
  journalSeq: number;
}

export interface PledgeRecord {
  id: number;
  assetId: string;
  facilityId: string;
  pledgedOn: string;
  releasedOn: string | null;
}

export interface CostRecord {
  id: number;
  facilityId: string;
  date: string;
  category: 'power' | 'facility' | 'other';
  amount: bigint;
  note: string | null;
}

export interface AlertRecord {
  id: number;
  kind: 'coverage-breach' | 'coverage-restored' | 'collateral-excluded' | 'invoice-overdue';
  subject: string;
  facilityId: string | null;
  asOf: string;
  raisedAt: string;
  payload: { message: string; figures: Record<string, string | number | boolean | null> };
}

type Row = Record<string, unknown>;
const num = (value: unknown): number => Number(value as bigint);
const big = (value: unknown): bigint => value as bigint;
const str = (value: unknown): string => value as string;
const strOrNull = (value: unknown): string | null => (value as string | null) ?? null;

export class FinanceStore {
  constructor(private readonly db: Db) {}

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).safeIntegers(true).all(...params) as Row[];
  }

  contracts(): ContractRecord[] {
    const assets = new Map<string, string[]>();
    for (const row of this.all('SELECT contract_id, asset_id FROM contract_assets ORDER BY contract_id, asset_id')) {
      const list = assets.get(str(row.contract_id)) ?? [];
      list.push(str(row.asset_id));
      assets.set(str(row.contract_id), list);
    }
    return this.all('SELECT * FROM customer_contracts ORDER BY start_date, id').map((row) => ({
      id: str(row.id),
      customer: str(row.customer),
      kind: str(row.kind) as ContractKind,
      billingUnit: str(row.billing_unit) as BillingUnit,
      unitPrice: big(row.unit_price),
      startDate: str(row.start_date),
      termMonths: num(row.term_months),
      paymentTermsDays: num(row.payment_terms_days),
      notes: strOrNull(row.notes),
      createdAt: str(row.created_at),
      assetIds: assets.get(str(row.id)) ?? [],
    }));
  }

  contractExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM customer_contracts WHERE id = ?').get(id) !== undefined;
  }

  insertContract(contract: ContractRecord, journalSeq: number): void {
    this.db
      .prepare('INSERT INTO customer_contracts (id, customer, kind, billing_unit, unit_price, start_date, term_months, payment_terms_days, notes, created_at, journal_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(contract.id, contract.customer, contract.kind, contract.billingUnit, contract.unitPrice, contract.startDate, contract.termMonths, contract.paymentTermsDays, contract.notes, contract.createdAt, journalSeq);
    const link = this.db.prepare('INSERT INTO contract_assets (contract_id, asset_id) VALUES (?, ?)');
    for (const assetId of contract.assetIds) link.run(contract.id, assetId);
  }

  invoices(): InvoiceRecord[] {
    return this.all('SELECT i.*, c.customer FROM customer_invoices i JOIN customer_contracts c ON c.id = i.contract_id ORDER BY i.issue_date, i.id').map((row) => ({
      id: str(row.id),
      contractId: str(row.contract_id),
      customer: str(row.customer),
      period: row.period === null ? null : num(row.period),
      periodStart: str(row.period_start),
      periodEnd: str(row.period_end),
      issueDate: str(row.issue_date),
      dueDate: str(row.due_date),
      amount: big(row.amount),
      basis: str(row.basis) as 'uptime' | 'equal',
    }));
  }

  invoicedPeriods(): Set<string> {
    return new Set((this.db.prepare('SELECT contract_id, period FROM customer_invoices WHERE period IS NOT NULL').raw().all() as [string, number][]).map(([id, period]) => `${id}#${period}`));
  }

  invoiceExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM customer_invoices WHERE id = ?').get(id) !== undefined;
  }

  insertInvoice(invoice: InvoiceRecord, parts: ReadonlyMap<string, bigint>, uptime: (assetId: string) => bigint, journalSeq: number): void {
    this.db
      .prepare('INSERT INTO customer_invoices (id, contract_id, period, period_start, period_end, issue_date, due_date, amount, basis, journal_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(invoice.id, invoice.contractId, invoice.period, invoice.periodStart, invoice.periodEnd, invoice.issueDate, invoice.dueDate, invoice.amount, invoice.basis, journalSeq);
    const insert = this.db.prepare('INSERT INTO invoice_attributions (invoice_id, asset_id, amount, uptime_ms) VALUES (?, ?, ?, ?)');
    for (const [assetId, amount] of parts) insert.run(invoice.id, assetId, amount, uptime(assetId));
  }

  /** Every invoice's split across assets: invoice id → asset id → micro-units. */
  attributions(): Map<string, Map<string, bigint>> {
    const result = new Map<string, Map<string, bigint>>();
    for (const [invoiceId, assetId, amount] of this.db.prepare('SELECT invoice_id, asset_id, amount FROM invoice_attributions').raw().safeIntegers(true).all() as [string, string, bigint][]) {
      let parts = result.get(invoiceId);
      if (!parts) result.set(invoiceId, (parts = new Map()));
      parts.set(assetId, amount);
    }
    return result;
  }

  payments(): PaymentRecord[] {
    return this.all('SELECT * FROM customer_payments ORDER BY received_on, id').map((row) => ({
      id: num(row.id),
      customer: str(row.customer),
      date: str(row.received_on),
      amount: big(row.amount),
      invoiceId: strOrNull(row.invoice_id),
      reference: strOrNull(row.reference),
      journalSeq: num(row.journal_seq),
    }));
  }

  insertPayment(payment: Omit<PaymentRecord, 'id'>): number {
    return Number(this.db.prepare('INSERT INTO customer_payments (customer, received_on, amount, invoice_id, reference, journal_seq) VALUES (?, ?, ?, ?, ?, ?)').run(payment.customer, payment.date, payment.amount, payment.invoiceId, payment.reference, payment.journalSeq).lastInsertRowid);
  }

  customers(): Set<string> {
    return new Set(this.db.prepare('SELECT DISTINCT customer FROM customer_contracts').pluck().all() as string[]);
  }

  appraisals(): StoredAppraisal[] {
    return this.all('SELECT * FROM collateral_appraisals ORDER BY asset_id, appraised_on, id').map((row) => ({
      id: num(row.id),
      assetId: str(row.asset_id),
      appraisedOn: str(row.appraised_on),
      value: big(row.value),
      method: str(row.method) as Appraisal['method'],
      lifeMonths: row.life_months === null ? null : num(row.life_months),
      residualValue: big(row.residual_value),
      annualRatePct: strOrNull(row.annual_rate_pct),
      advanceRatePct: str(row.advance_rate_pct),
      journalSeq: num(row.journal_seq),
    }));
  }

  insertAppraisal(appraisal: Omit<StoredAppraisal, 'id'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO collateral_appraisals (asset_id, appraised_on, value, method, life_months, residual_value, annual_rate_pct, advance_rate_pct, journal_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(appraisal.assetId, appraisal.appraisedOn, appraisal.value, appraisal.method, appraisal.lifeMonths, appraisal.residualValue, appraisal.annualRatePct, appraisal.advanceRatePct, appraisal.journalSeq).lastInsertRowid,
    );
  }

  pledges(): PledgeRecord[] {
    return this.all('SELECT * FROM collateral_pledges ORDER BY facility_id, pledged_on, id').map((row) => ({ id: num(row.id), assetId: str(row.asset_id), facilityId: str(row.facility_id), pledgedOn: str(row.pledged_on), releasedOn: strOrNull(row.released_on) }));
  }

  openPledge(assetId: string): PledgeRecord | undefined {
    return this.pledges().find((pledge) => pledge.assetId === assetId && pledge.releasedOn === null);
  }

  insertPledge(assetId: string, facilityId: string, pledgedOn: string, journalSeq: number): void {
    this.db.prepare('INSERT INTO collateral_pledges (asset_id, facility_id, pledged_on, journal_seq) VALUES (?, ?, ?, ?)').run(assetId, facilityId, pledgedOn, journalSeq);
  }

  releasePledge(id: number, releasedOn: string, journalSeq: number): void {
    this.db.prepare('UPDATE collateral_pledges SET released_on = ?, release_journal_seq = ? WHERE id = ?').run(releasedOn, journalSeq, id);
  }

  covenants(): Map<string, string> {
    return new Map(this.db.prepare('SELECT facility_id, min_coverage FROM facility_covenants').raw().all() as [string, string][]);
  }

  setCovenant(facilityId: string, minCoverage: string, at: string, journalSeq: number): void {
    this.db.prepare('INSERT INTO facility_covenants (facility_id, min_coverage, updated_at, journal_seq) VALUES (?, ?, ?, ?) ON CONFLICT (facility_id) DO UPDATE SET min_coverage = excluded.min_coverage, updated_at = excluded.updated_at, journal_seq = excluded.journal_seq').run(facilityId, minCoverage, at, journalSeq);
  }

  costs(facilityId?: string): CostRecord[] {
    const rows = facilityId ? this.all('SELECT * FROM operating_costs WHERE facility_id = ? ORDER BY incurred_on, id', facilityId) : this.all('SELECT * FROM operating_costs ORDER BY facility_id, incurred_on, id');
    return rows.map((row) => ({ id: num(row.id), facilityId: str(row.facility_id), date: str(row.incurred_on), category: str(row.category) as CostRecord['category'], amount: big(row.amount), note: strOrNull(row.note) }));
  }

  insertCost(cost: Omit<CostRecord, 'id'>, journalSeq: number): void {
    this.db.prepare('INSERT INTO operating_costs (facility_id, incurred_on, category, amount, note, journal_seq) VALUES (?, ?, ?, ?, ?, ?)').run(cost.facilityId, cost.date, cost.category, cost.amount, cost.note, journalSeq);
  }

  tariffs(): { effectiveFrom: string; pricePerKwh: bigint }[] {
    return this.all('SELECT effective_from, price_per_kwh FROM energy_tariffs ORDER BY effective_from').map((row) => ({ effectiveFrom: str(row.effective_from), pricePerKwh: big(row.price_per_kwh) }));
  }

  setTariff(effectiveFrom: string, pricePerKwh: bigint, journalSeq: number): void {
    this.db.prepare('INSERT INTO energy_tariffs (effective_from, price_per_kwh, journal_seq) VALUES (?, ?, ?) ON CONFLICT (effective_from) DO UPDATE SET price_per_kwh = excluded.price_per_kwh, journal_seq = excluded.journal_seq').run(effectiveFrom, pricePerKwh, journalSeq);
  }

  alerts(limit: number): AlertRecord[] {
    return this.all('SELECT * FROM finance_alerts ORDER BY id DESC LIMIT ?', limit).map(toAlert);
  }

  lastAlert(kinds: readonly AlertRecord['kind'][], subject: string): AlertRecord | undefined {
    const row = this.all(`SELECT * FROM finance_alerts WHERE subject = ? AND kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY id DESC LIMIT 1`, subject, ...kinds)[0];
    return row ? toAlert(row) : undefined;
  }

  insertAlert(alert: Omit<AlertRecord, 'id'>, journalSeq: number): AlertRecord {
    const id = Number(this.db.prepare('INSERT INTO finance_alerts (kind, subject, facility_id, as_of, raised_at, payload, journal_seq) VALUES (?, ?, ?, ?, ?, ?, ?)').run(alert.kind, alert.subject, alert.facilityId, alert.asOf, alert.raisedAt, JSON.stringify(alert.payload), journalSeq).lastInsertRowid);
    return { ...alert, id };
  }

  savePeriodClose(month: string, closedAt: string, summary: unknown, journalSeq: number): void {
    this.db.prepare('INSERT INTO period_closes (month, closed_at, summary, journal_seq) VALUES (?, ?, ?, ?) ON CONFLICT (month) DO UPDATE SET closed_at = excluded.closed_at, summary = excluded.summary, journal_seq = excluded.journal_seq').run(month, closedAt, JSON.stringify(summary, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)), journalSeq);
  }
}

function toAlert(row: Row): AlertRecord {
  return { id: num(row.id), kind: str(row.kind) as AlertRecord['kind'], subject: str(row.subject), facilityId: strOrNull(row.facility_id), asOf: str(row.as_of), raisedAt: str(row.raised_at), payload: JSON.parse(str(row.payload)) as AlertRecord['payload'] };
}
