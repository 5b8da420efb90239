import { ApiError } from '../../contract/errors';
import type { ExportTable } from '../../contract/schemas/customers';
import { amountCell, toCsv } from './csv-cells';
import { IMPORT_COLUMNS } from './finance-csv-import';
import { invoiceView, paymentView, type FinanceService } from './finance-service';

/**
 * Every finance table as CSV (amounts in units with 6 decimals, dates YYYY-MM-DD, text guarded
 * against spreadsheet formulas). Contracts, invoices, payments, costs, appraisals and pledges
 * use the import's column names, so an export imports back into an empty data directory.
 */
export function exportFinanceTable(service: FinanceService, table: ExportTable, asOf: string | undefined, facilityId: string | undefined): { csv: string; filename: string } {
  const day = asOf ?? service.todayText();
  const filename = `sietch-${table}${facilityId ? `-${facilityId}` : ''}-${day}.csv`;
  const needFacility = (): string => {
    if (!facilityId) throw new ApiError('invalid-input', `the ${table} export is per facility: give facilityId`, [{ path: 'facilityId', message: 'required for this table' }]);
    return facilityId;
  };
  switch (table) {
    case 'contracts':
      return { filename, csv: toCsv(IMPORT_COLUMNS.contracts.known, service.store.contracts().map((c) => [c.id, c.customer, c.kind, c.billingUnit, amountCell(c.unitPrice), c.startDate, c.termMonths, c.paymentTermsDays, c.assetIds.join(' '), c.notes])) };
    case 'invoices': {
      const book = service.receivables.book(day);
      const header = [...IMPORT_COLUMNS.invoices.known, 'customer', 'paid', 'open', 'state', 'days_past_due', 'bucket', 'settled_on', 'basis'];
      return { filename, csv: toCsv(header, book.invoices.map((invoice) => invoiceView(book, invoice)).map((i) => [i.id, i.contractId, i.period, i.periodStart, i.periodEnd, i.issueDate, i.dueDate, amountCell(i.amount), i.customer, amountCell(i.paid), amountCell(i.open), i.state, i.daysPastDue, i.bucket, i.settledOn, i.basis])) };
    }
    case 'payments': {
      const book = service.receivables.book(day);
      const header = [...IMPORT_COLUMNS.payments.known, 'id', 'applied', 'unapplied', 'journal_seq'];
      return { filename, csv: toCsv(header, book.payments.map((payment) => paymentView(book, payment)).map((p) => [p.customer, p.date, amountCell(p.amount), p.invoiceId, p.reference, p.id, amountCell(p.amount - p.unapplied), amountCell(p.unapplied), p.journalSeq])) };
    }
    case 'allocations': {
      const book = service.receivables.book(day);
      const rows = book.payments.flatMap((payment) => paymentView(book, payment).allocations.map((line) => [payment.id, payment.customer, line.invoiceId, line.date, amountCell(line.amount)]));
      return { filename, csv: toCsv(['payment_id', 'customer', 'invoice_id', 'applied_on', 'amount'], rows) };
    }
    case 'aging': {
      const view = service.receivablesView(day);
      const rows = view.customers.map((c) => [c.customer, amountCell(c.aging.current), amountCell(c.aging['1-29']), amountCell(c.aging['30-59']), amountCell(c.aging['60-89']), amountCell(c.aging['90+']), amountCell(c.aging.total), c.invoices, c.paidOnTime, c.paidLate, c.averageDaysLate, c.maxDaysPastDue]);
      rows.push(['TOTAL', amountCell(view.aging.current), amountCell(view.aging['1-29']), amountCell(view.aging['30-59']), amountCell(view.aging['60-89']), amountCell(view.aging['90+']), amountCell(view.aging.total), null, null, null, null, null]);
      return { filename, csv: toCsv(['customer', 'current', 'd1_29', 'd30_59', 'd60_89', 'd90_plus', 'total', 'invoices', 'paid_on_time', 'paid_late', 'average_days_late', 'max_days_past_due'], rows) };
    }
    case 'appraisals':
      return { filename, csv: toCsv([...IMPORT_COLUMNS.appraisals.known, 'id', 'journal_seq'], service.appraisals().map((a) => [a.assetId, a.appraisedOn, amountCell(a.value), a.method, a.lifeMonths, amountCell(a.residualValue), a.annualRatePct, a.advanceRatePct, a.id, a.journalSeq])) };
    case 'pledges':
      return { filename, csv: toCsv([...IMPORT_COLUMNS.pledges.known, 'released_on'], service.store.pledges().filter((p) => !facilityId || p.facilityId === facilityId).map((p) => [p.facilityId, p.assetId, p.pledgedOn, p.releasedOn])) };
    case 'collateral': {
      const view = service.coverage(needFacility(), day);
      const rows = view.collateral.map((l) => [l.assetId, l.label, l.serial, l.pledgedOn, l.appraisedOn, amountCell(l.appraisedValue), l.method, amountCell(l.value), l.condition, l.counts ? 'yes' : 'no', amountCell(l.eligibleValue), l.advanceRatePct, amountCell(l.borrowingBase)]);
      return { filename, csv: toCsv(['asset_id', 'label', 'serial', 'pledged_on', 'appraised_on', 'appraised_value', 'method', 'value', 'condition', 'eligible', 'eligible_value', 'advance_rate_pct', 'borrowing_base'], rows) };
    }
    case 'costs':
      return { filename, csv: toCsv(IMPORT_COLUMNS.costs.known, service.store.costs(facilityId).map((c) => [c.facilityId, c.date, c.category, amountCell(c.amount), c.note])) };
    case 'waterfall': {
      const view = service.waterfall(needFacility(), day);
      const rows = view.periods.map((p) => [p.n, p.start, p.end, amountCell(p.revenue), amountCell(p.power), p.powerSource, amountCell(p.facility), amountCell(p.other), amountCell(p.operatingCosts), amountCell(p.netCashFlow), amountCell(p.debtService), amountCell(p.toLender), amountCell(p.shortfall), amountCell(p.toOperator), amountCell(p.paidToLender), amountCell(p.depreciation), p.dscr]);
      return { filename, csv: toCsv(['period', 'start', 'end', 'revenue', 'power', 'power_source', 'facility', 'other', 'operating_costs', 'net_cash_flow', 'debt_service', 'to_lender', 'shortfall', 'to_operator', 'paid_to_lender', 'depreciation', 'dscr'], rows) };
    }
    case 'alerts':
      return { filename, csv: toCsv(['id', 'kind', 'subject', 'facility_id', 'as_of', 'raised_at', 'message'], service.alerts(1000).map((a) => [a.id, a.kind, a.subject, a.facilityId, a.asOf, a.raisedAt, a.message])) };
  }
}
