import type { AppraisalInput, CostInput } from '../../contract/schemas/collateral';
import type { ContractCreate, ImportResult, ImportRowError, ImportTable, PaymentRecordInput } from '../../contract/schemas/customers';
import { ApiError } from '../../contract/errors';
import { invoiceProblems } from './receivables';
import { readCsv, RowReader, type CsvTable } from './csv-cells';
import { appraisalProblems, type FinanceService } from './finance-service';
import type { InvoiceRecord } from './finance-store';

/** Columns of each importable table: all known, and the required ones. The export writes the same names. */
export const IMPORT_COLUMNS: Record<ImportTable, { known: string[]; required: string[]; readOnly?: string[] }> = {
  contracts: { known: ['id', 'customer', 'kind', 'billing_unit', 'unit_price', 'start_date', 'term_months', 'payment_terms_days', 'asset_ids', 'notes'], required: ['id', 'customer', 'kind', 'billing_unit', 'unit_price', 'start_date', 'term_months', 'asset_ids'] },
  invoices: { known: ['id', 'contract_id', 'period', 'period_start', 'period_end', 'issue_date', 'due_date', 'amount'], required: ['id', 'contract_id', 'period_start', 'period_end', 'issue_date', 'due_date', 'amount'], readOnly: ['customer', 'paid', 'open', 'state', 'days_past_due', 'bucket', 'settled_on', 'basis'] },
  payments: { known: ['customer', 'date', 'amount', 'invoice_id', 'reference'], required: ['customer', 'date', 'amount'], readOnly: ['id', 'applied', 'unapplied', 'journal_seq'] },
  costs: { known: ['facility_id', 'date', 'category', 'amount', 'note'], required: ['facility_id', 'date', 'category', 'amount'] },
  appraisals: { known: ['asset_id', 'appraised_on', 'value', 'method', 'life_months', 'residual_value', 'annual_rate_pct', 'advance_rate_pct'], required: ['asset_id', 'appraised_on', 'value', 'method'], readOnly: ['id', 'journal_seq'] },
  pledges: { known: ['facility_id', 'asset_id', 'date'], required: ['facility_id', 'asset_id', 'date'], readOnly: ['released_on'] },
};

const PERCENT = /^(0|[1-9][0-9]{0,2})(\.[0-9]{1,6})?$/;
const CONTRACT_ID = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,79}$/;
const INVOICE_ID = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,99}$/;
const ASSET_ID = /^(host|gpu|robot):.+$/;

/** API field names of the services' checks → the CSV's column names. */
const COLUMN_OF: Record<string, string> = { id: 'id', customer: 'customer', kind: 'kind', billingUnit: 'billing_unit', unitPrice: 'unit_price', assetIds: 'asset_ids', contractId: 'contract_id', period: 'period', periodStart: 'period_start', periodEnd: 'period_end', issueDate: 'issue_date', dueDate: 'due_date', amount: 'amount', invoiceId: 'invoice_id', date: 'date', facilityId: 'facility_id', value: 'value', residualValue: 'residual_value', lifeMonths: 'life_months', annualRatePct: 'annual_rate_pct', advanceRatePct: 'advance_rate_pct', assetId: 'asset_id' };

interface Parsed<T> {
  rows: { row: number; value: T }[];
  errors: ImportRowError[];
}

function eachRow<T>(table: CsvTable, read: (reader: RowReader, row: number) => T | null): Parsed<T> {
  const parsed: Parsed<T> = { rows: [], errors: [] };
  for (const row of table.rows) {
    const reader = new RowReader(row);
    const value = read(reader, row.row);
    parsed.errors.push(...reader.errors);
    if (reader.errors.length === 0 && value !== null) parsed.rows.push({ row: row.row, value });
  }
  return parsed;
}

const issuesToErrors = (row: number, issues: { path: string; message: string }[]): ImportRowError[] => issues.map((issue) => ({ row, column: COLUMN_OF[issue.path] ?? issue.path, message: issue.message }));

/**
 * Imports one table from CSV: every row is read and checked (cells, then against the books and
 * the rest of the file) before anything is written; with any error nothing is written and every
 * error comes back with its row and column. Otherwise all rows go in one transaction, each with
 * its journal row. `dryRun` checks only.
 */
export function importFinanceCsv(service: FinanceService, table: ImportTable, csv: string, dryRun: boolean): ImportResult {
  const { known, required, readOnly = [] } = IMPORT_COLUMNS[table];
  // The export's computed columns (paid, state …) are read back and ignored.
  const { table: parsed, errors: headerErrors } = readCsv(csv, known, required, readOnly);
  if (!parsed) return { applied: false, rows: 0, created: 0, errors: headerErrors };
  const has = (column: string): boolean => parsed.columns.includes(column);
  const plan = planImport(service, table, parsed, has);
  const rows = parsed.rows.length;
  if (plan.errors.length > 0) return { applied: false, rows, created: 0, errors: plan.errors.sort((a, b) => a.row - b.row) };
  if (dryRun) return { applied: false, rows, created: 0, errors: [] };
  let failedRow = 1;
  try {
    service.transaction(() => {
      for (const step of plan.steps) {
        failedRow = step.row;
        step.apply();
      }
    });
  } catch (error) {
    // A constraint the checks did not foresee: the transaction rolled back, nothing was written.
    const message = error instanceof ApiError ? error.message : `the row could not be stored: ${(error as Error).message}`;
    return { applied: false, rows, created: 0, errors: [{ row: failedRow, column: null, message }] };
  }
  service.notifyImported(table);
  return { applied: true, rows, created: plan.steps.length, errors: [] };
}

function planImport(service: FinanceService, table: ImportTable, parsed: CsvTable, has: (column: string) => boolean): { steps: { row: number; apply(): void }[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const steps: { row: number; apply(): void }[] = [];
  const seen = new Map<string, number>();
  const unique = (key: string, row: number, column: string, what: string): boolean => {
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row, column, message: `${what} already appears on row ${first}` });
      return false;
    }
    seen.set(key, row);
    return true;
  };

  if (table === 'contracts') {
    const read = eachRow(parsed, (r) => {
      const id = r.text('id', 80);
      if (id !== null && !CONTRACT_ID.test(id)) r.problem('id', 'a contract reference: letters, digits, . _ - /, at most 80 characters');
      const assetIds = r.text('asset_ids', 1_000_000)?.split(/[\s;]+/).filter(Boolean) ?? null;
      if (assetIds) for (const asset of assetIds) if (!ASSET_ID.test(asset)) r.problem('asset_ids', `"${asset}" is not an asset id`);
      const input = {
        id,
        customer: r.text('customer'),
        kind: r.choice('kind', ['compute-lease', 'raas-subscription'] as const),
        billingUnit: r.choice('billing_unit', ['gpu-hour', 'gpu-month', 'robot-month'] as const),
        unitPrice: r.amount('unit_price', { cents: false }),
        startDate: r.date('start_date'),
        termMonths: r.integer('term_months', 1, 120),
        paymentTermsDays: has('payment_terms_days') && r.raw('payment_terms_days') !== '' ? r.integer('payment_terms_days', 0, 365) : 30,
        assetIds,
        notes: has('notes') ? r.optionalText('notes') : null,
      };
      return input as ContractCreate; // rows with any error are dropped by eachRow
    });
    errors.push(...read.errors);
    for (const { row, value } of read.rows) {
      if (!unique(value.id, row, 'id', `contract "${value.id}"`)) continue;
      const issues = service.receivables.checkContract(value);
      if (issues.length > 0) errors.push(...issuesToErrors(row, issues));
      else steps.push({ row, apply: () => service.receivables.insertContract(value) });
    }
  } else if (table === 'invoices') {
    const contracts = new Map(service.store.contracts().map((contract) => [contract.id, contract]));
    const periods = service.store.invoicedPeriods();
    const read = eachRow(parsed, (r) => {
      const id = r.text('id', 100);
      if (id !== null && !INVOICE_ID.test(id)) r.problem('id', 'an invoice number: letters, digits, . _ - /, at most 100 characters');
      const value = { id, contractId: r.text('contract_id', 80), period: has('period') ? r.optionalInteger('period', 1, 120) : null, periodStart: r.date('period_start'), periodEnd: r.date('period_end'), issueDate: r.date('issue_date'), dueDate: r.date('due_date'), amount: r.amount('amount') };
      return value;
    });
    errors.push(...read.errors);
    for (const { row, value } of read.rows) {
      if (!unique(`invoice:${value.id!}`, row, 'id', `invoice "${value.id!}"`)) continue;
      const invoice = value as Omit<InvoiceRecord, 'customer' | 'basis'>;
      const contract = contracts.get(invoice.contractId);
      const issues = invoiceProblems(invoice, contract, (id) => service.store.invoiceExists(id));
      if (invoice.period !== null && periods.has(`${invoice.contractId}#${invoice.period}`)) issues.push({ path: 'period', message: `period ${invoice.period} of ${invoice.contractId} is already invoiced` });
      if (invoice.period !== null && !unique(`period:${invoice.contractId}#${invoice.period}`, row, 'period', `period ${invoice.period} of ${invoice.contractId}`)) continue;
      if (issues.length > 0) errors.push(...issuesToErrors(row, issues));
      else steps.push({ row, apply: () => void service.receivables.insertInvoice({ ...invoice, customer: contract!.customer, basis: 'equal' }, contract!) });
    }
  } else if (table === 'payments') {
    const customers = service.store.customers();
    const invoices = new Map(service.store.invoices().map((invoice) => [invoice.id, invoice]));
    const today = service.todayText();
    const read = eachRow(parsed, (r) => {
      const value = { customer: r.text('customer'), date: r.date('date'), amount: r.amount('amount', { cents: false }), invoiceId: has('invoice_id') ? r.optionalText('invoice_id', 100) : null, reference: has('reference') ? r.optionalText('reference', 200) : null };
      if (value.customer !== null && !customers.has(value.customer)) r.problem('customer', `no contract with customer "${value.customer}"`);
      if (value.date !== null && value.date > today) r.problem('date', 'in the future: record it when the money arrives');
      if (value.invoiceId !== null) {
        const invoice = invoices.get(value.invoiceId);
        if (!invoice) r.problem('invoice_id', `no invoice "${value.invoiceId}"`);
        else if (invoice.customer !== value.customer) r.problem('invoice_id', `invoice ${value.invoiceId} is ${invoice.customer}'s`);
      }
      return value.customer === null || value.date === null || value.amount === null ? null : (value as PaymentRecordInput);
    });
    errors.push(...read.errors);
    for (const { row, value } of read.rows) steps.push({ row, apply: () => void service.receivables.insertPayment(value) });
  } else if (table === 'costs') {
    const facilities = new Set(service.facilities.list(service.todayText()).facilities.map((facility) => facility.id));
    const read = eachRow(parsed, (r) => {
      const value = { facilityId: r.text('facility_id', 100), date: r.date('date'), category: r.choice('category', ['power', 'facility', 'other'] as const), amount: r.amount('amount', { allowZero: true }), note: has('note') ? r.optionalText('note', 500) : null };
      if (value.facilityId !== null && !facilities.has(value.facilityId)) r.problem('facility_id', `no facility "${value.facilityId}"`);
      return value.facilityId === null || value.date === null || value.category === null || value.amount === null ? null : (value as CostInput);
    });
    errors.push(...read.errors);
    for (const { row, value } of read.rows) steps.push({ row, apply: () => service.insertCost(value) });
  } else if (table === 'appraisals') {
    const read = eachRow(parsed, (r) => {
      const method = r.choice('method', ['straight-line', 'declining-balance'] as const);
      const value: AppraisalInput = {
        assetId: r.text('asset_id', 300) ?? '',
        appraisedOn: r.date('appraised_on') ?? '',
        value: r.amount('value', { allowZero: true }) ?? 0n,
        method: method ?? 'straight-line',
        lifeMonths: has('life_months') ? r.optionalInteger('life_months', 1, 600) : null,
        residualValue: has('residual_value') && r.raw('residual_value') !== '' ? (r.amount('residual_value', { allowZero: true }) ?? 0n) : 0n,
        annualRatePct: has('annual_rate_pct') && r.raw('annual_rate_pct') !== '' ? r.decimal('annual_rate_pct', PERCENT, '30') : null,
        advanceRatePct: has('advance_rate_pct') && r.raw('advance_rate_pct') !== '' ? (r.decimal('advance_rate_pct', PERCENT, '75') ?? '75') : '75',
      };
      if (r.errors.length === 0) {
        if (!service.assetExists(value.assetId)) r.problem('asset_id', `no asset "${value.assetId}" in the register`);
        for (const issue of appraisalProblems(value)) r.problem(COLUMN_OF[issue.path] ?? issue.path, issue.message);
      }
      return value;
    });
    errors.push(...read.errors);
    for (const { row, value } of read.rows) steps.push({ row, apply: () => void service.insertAppraisal(value) });
  } else {
    const pledged = new Set<string>();
    const read = eachRow(parsed, (r) => {
      if (has('released_on') && r.raw('released_on') !== '') r.problem('released_on', 'a released pledge is history: import open pledges only');
      return { facilityId: r.text('facility_id', 100), assetId: r.text('asset_id', 300), date: r.date('date') };
    });
    errors.push(...read.errors);
    for (const { row, value } of read.rows) {
      const input = { facilityId: value.facilityId!, assetIds: [value.assetId!], date: value.date! };
      const issues = service.pledgeProblems(input, pledged);
      pledged.add(value.assetId!);
      if (issues.length > 0) errors.push(...issuesToErrors(row, issues.map((issue) => (issue.path === 'assetIds' ? { ...issue, path: 'assetId' } : issue))));
      else steps.push({ row, apply: () => service.insertPledges(input) });
    }
  }
  return { steps, errors };
}
