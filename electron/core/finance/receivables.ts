import { ApiError } from '../../contract/errors';
import type { ContractCreate, PaymentRecordInput } from '../../contract/schemas/customers';
import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import { formatIsoDate, parseIsoDate, type Day } from '../ledger/civil-date';
import { isWholeCents, roundToCent } from '../ledger/rounding';
import { agingTotals, invoicePositions, type AgingTotals, type InvoicePosition } from './aging';
import { allocatePayments, type AllocationResult, type InvoiceFacts, type PaymentFacts } from './allocation';
import { billingPeriods, contractEnd, remainingMonths, type BillingTerms } from './billing';
import type { ContractRecord, FinanceStore, InvoiceRecord, PaymentRecord } from './finance-store';
import { attributeRevenue } from './revenue-attribution';
import { foldEpochUptime, nodeRanBetween, uptimeBetween } from './uptime-fold';

export function contractEntity(id: string): string {
  return `contract:${id}`;
}

export function customerEntity(name: string): string {
  return `customer:${name}`;
}

export function billingTermsOf(contract: ContractRecord): BillingTerms {
  return { startDate: contract.startDate, termMonths: contract.termMonths, billingUnit: contract.billingUnit, unitPrice: contract.unitPrice, units: contract.assetIds.length, paymentTermsDays: contract.paymentTermsDays };
}

/** Everything about receivables on one as-of day, computed once and shared by the views. */
export interface ReceivablesBook {
  asOf: Day;
  contracts: ContractRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  facts: InvoiceFacts[];
  allocation: AllocationResult;
  positions: Map<string, InvoicePosition>;
  aging: AgingTotals;
}

export interface ReceivablesDeps {
  db: Db;
  journal: Journal;
  store: FinanceStore;
  today: () => string;
  now: () => Date;
}

/** Why a new invoice cannot be stored, as (field, message) issues; empty when it can. */
export function invoiceProblems(invoice: Omit<InvoiceRecord, 'customer' | 'basis'>, contract: ContractRecord | undefined, exists: (id: string) => boolean): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!contract) problems.push({ path: 'contractId', message: `no contract "${invoice.contractId}"` });
  if (exists(invoice.id)) problems.push({ path: 'id', message: `invoice "${invoice.id}" already exists` });
  if (invoice.amount <= 0n) problems.push({ path: 'amount', message: 'must be positive' });
  else if (!isWholeCents(invoice.amount)) problems.push({ path: 'amount', message: 'whole cents only' });
  if (invoice.periodEnd <= invoice.periodStart) problems.push({ path: 'periodEnd', message: 'must be after the period start' });
  if (invoice.dueDate < invoice.issueDate) problems.push({ path: 'dueDate', message: 'cannot be before the issue date' });
  if (contract && invoice.period !== null && invoice.period > contract.termMonths) problems.push({ path: 'period', message: `the contract has ${contract.termMonths} periods` });
  return problems;
}

/**
 * Contracts, invoices and payments in SQLite, each write one transaction with its journal row;
 * allocations, days past due and aging are replayed from the rows on read.
 */
export class Receivables {
  constructor(private readonly deps: ReceivablesDeps) {}

  /** Checks a new contract against the register; throws ApiError('invalid-input') with every problem. */
  checkContract(input: ContractCreate, problems: { path: string; message: string }[] = []): { path: string; message: string }[] {
    const { db, store } = this.deps;
    if (store.contractExists(input.id)) problems.push({ path: 'id', message: `contract "${input.id}" already exists` });
    if (input.kind === 'compute-lease' && input.billingUnit === 'robot-month') problems.push({ path: 'billingUnit', message: 'a compute lease is billed per GPU-hour or per GPU-month' });
    if (input.kind === 'raas-subscription' && input.billingUnit !== 'robot-month') problems.push({ path: 'billingUnit', message: 'a RaaS subscription is billed per robot-month' });
    if (input.unitPrice <= 0n) problems.push({ path: 'unitPrice', message: 'must be positive' });
    if (new Set(input.assetIds).size !== input.assetIds.length) problems.push({ path: 'assetIds', message: 'an asset appears twice' });
    const expected = input.kind === 'compute-lease' ? 'gpu' : 'robot';
    const kindOf = db.prepare('SELECT kind FROM assets WHERE id = ?').pluck();
    for (const id of input.assetIds) {
      const kind = kindOf.get(id) as string | undefined;
      if (kind === undefined) problems.push({ path: 'assetIds', message: `no asset "${id}" in the register` });
      else if (kind !== expected) problems.push({ path: 'assetIds', message: `${id} is a ${kind}: a ${input.kind} is served by ${expected}s` });
    }
    return problems;
  }

  createContract(input: ContractCreate): ContractRecord {
    const problems = this.checkContract(input);
    if (problems.length > 0) throw new ApiError('invalid-input', `the contract cannot be saved: ${problems.map((p) => p.message).join('; ')}`, problems);
    return this.deps.db.transaction(() => this.insertContract(input))();
  }

  /** Inside the caller's transaction, after checkContract. */
  insertContract(input: ContractCreate): ContractRecord {
    const at = this.deps.now();
    const record: ContractRecord = { ...input, assetIds: [...input.assetIds].sort(), createdAt: at.toISOString() };
    const entry = this.deps.journal.append({ kind: 'contract.created', entity: contractEntity(input.id), payload: { id: record.id, customer: record.customer, kind: record.kind, billingUnit: record.billingUnit, unitPrice: record.unitPrice, startDate: record.startDate, termMonths: record.termMonths, paymentTermsDays: record.paymentTermsDays, assetIds: record.assetIds, notes: record.notes }, at });
    this.deps.store.insertContract(record, entry.seq);
    return record;
  }

  /**
   * Issues the invoice of every billing period that has ended on or before `through` and has no
   * invoice yet, each split across its assets by uptime-hours (the node's epochs are folded
   * first). Returns the invoices created.
   */
  generateInvoices(through: string): InvoiceRecord[] {
    const { db, store } = this.deps;
    foldEpochUptime(db);
    const day = parseIsoDate(through);
    const done = store.invoicedPeriods();
    const created: InvoiceRecord[] = [];
    db.transaction(() => {
      for (const contract of store.contracts()) {
        for (const period of billingPeriods(billingTermsOf(contract))) {
          if (period.issue > day) break;
          if (done.has(`${contract.id}#${period.n}`)) continue;
          const invoice: InvoiceRecord = {
            id: `${contract.id}-${String(period.n).padStart(3, '0')}`,
            contractId: contract.id,
            customer: contract.customer,
            period: period.n,
            periodStart: formatIsoDate(period.start),
            periodEnd: formatIsoDate(period.end),
            issueDate: formatIsoDate(period.issue),
            dueDate: formatIsoDate(period.due),
            amount: period.amount,
            basis: 'equal',
          };
          if (store.invoiceExists(invoice.id)) throw new ApiError('conflict', `invoice number ${invoice.id} is already used by an imported invoice: import period ${period.n} of ${contract.id} with its period number instead`);
          created.push(this.insertInvoice(invoice, contract));
        }
      }
    })();
    return created;
  }

  /** Stores one invoice with its attribution and journal row (inside the caller's transaction). */
  insertInvoice(invoice: InvoiceRecord, contract: ContractRecord): InvoiceRecord {
    const { db, store, journal } = this.deps;
    const ran = nodeRanBetween(db, Date.parse(`${invoice.periodStart}T00:00:00Z`), Date.parse(`${invoice.periodEnd}T00:00:00Z`));
    const uptime = uptimeBetween(db, contract.assetIds, invoice.periodStart, invoice.periodEnd);
    const attribution = attributeRevenue(invoice.amount, contract.assetIds, ran ? (id) => uptime.get(id) ?? 0n : null);
    const stored = { ...invoice, basis: attribution.basis };
    const entry = journal.append({
      kind: 'invoice.issued',
      entity: contractEntity(contract.id),
      payload: { ...stored, attribution: Object.fromEntries(attribution.parts) },
      at: this.deps.now(),
    });
    store.insertInvoice(stored, attribution.parts, (id) => uptime.get(id) ?? 0n, entry.seq);
    return stored;
  }

  recordPayment(input: PaymentRecordInput): PaymentRecord {
    const { store, db } = this.deps;
    const problems: { path: string; message: string }[] = [];
    if (input.amount <= 0n) problems.push({ path: 'amount', message: 'must be positive' });
    if (input.date > this.deps.today()) problems.push({ path: 'date', message: 'in the future: record it when the money arrives' });
    if (!store.customers().has(input.customer)) problems.push({ path: 'customer', message: `no contract with customer "${input.customer}"` });
    if (input.invoiceId !== null) {
      const invoice = store.invoices().find((candidate) => candidate.id === input.invoiceId);
      if (!invoice) problems.push({ path: 'invoiceId', message: `no invoice "${input.invoiceId}"` });
      else if (invoice.customer !== input.customer) problems.push({ path: 'invoiceId', message: `invoice ${input.invoiceId} is ${invoice.customer}'s` });
    }
    if (problems.length > 0) throw new ApiError('invalid-input', `the payment cannot be recorded: ${problems.map((p) => p.message).join('; ')}`, problems);
    return db.transaction(() => this.insertPayment(input))();
  }

  insertPayment(input: PaymentRecordInput): PaymentRecord {
    const at = this.deps.now();
    const entry = this.deps.journal.append({ kind: 'customer.payment-received', entity: customerEntity(input.customer), payload: { ...input }, at });
    const record = { customer: input.customer, date: input.date, amount: input.amount, invoiceId: input.invoiceId, reference: input.reference, journalSeq: entry.seq };
    return { ...record, id: this.deps.store.insertPayment(record) };
  }

  book(asOf: string): ReceivablesBook {
    const { store } = this.deps;
    const day = parseIsoDate(asOf);
    const contracts = store.contracts();
    const invoices = store.invoices();
    const payments = store.payments();
    const facts: InvoiceFacts[] = invoices.map((invoice) => ({ id: invoice.id, customer: invoice.customer, issue: parseIsoDate(invoice.issueDate), due: parseIsoDate(invoice.dueDate), amount: invoice.amount }));
    const paymentFacts: PaymentFacts[] = payments.map((payment) => ({ id: payment.id, customer: payment.customer, day: parseIsoDate(payment.date), amount: payment.amount, invoiceId: payment.invoiceId }));
    // Only money received by the as-of day is allocated.
    const allocation = allocatePayments(facts, paymentFacts.filter((payment) => payment.day <= day));
    const list = invoicePositions(facts, allocation.lines, day);
    return { asOf: day, contracts, invoices, payments: payments.filter((payment) => parseIsoDate(payment.date) <= day), facts, allocation, positions: new Map(list.map((position) => [position.id, position])), aging: agingTotals(list) };
  }
}

/** The contract's figures on the book's as-of day. */
export function contractFigures(book: ReceivablesBook, contract: ContractRecord) {
  const terms = billingTermsOf(contract);
  const periods = billingPeriods(terms);
  const invoicedPeriods = new Set<number>();
  let invoiced = 0n;
  let open = 0n;
  let daysPastDue = 0;
  for (const invoice of book.invoices) {
    if (invoice.contractId !== contract.id) continue;
    const position = book.positions.get(invoice.id);
    if (!position) continue;
    if (invoice.period !== null) invoicedPeriods.add(invoice.period);
    invoiced += invoice.amount;
    open += position.open;
    if (position.open > 0n) daysPastDue = Math.max(daysPastDue, position.daysPastDue);
  }
  const backlog = periods.filter((period) => !invoicedPeriods.has(period.n) && period.issue > book.asOf).reduce((sum, period) => sum + period.amount, 0n);
  const monthly = terms.billingUnit === 'gpu-hour' ? roundToCent(BigInt(terms.units) * 720n * terms.unitPrice) : roundToCent(BigInt(terms.units) * terms.unitPrice);
  return { endDate: formatIsoDate(contractEnd(terms)), remainingMonths: remainingMonths(terms, book.asOf), invoiced, open, daysPastDue, backlog, monthlyAmount: monthly };
}
