import { z } from 'zod';
import { method } from './method';
import { isoUtc } from './schemas/common';
import { calendarDate } from './schemas/assets';
import { facilityId } from './schemas/facilities';
import {
  appraisalInput,
  appraisalView,
  costInput,
  covenantInput,
  coverageView,
  eligibilityView,
  financeAlert,
  pdfDocument,
  periodCloseResult,
  pledgeInput,
  pledgeView,
  releaseInput,
  tariffInput,
  waterfallView,
} from './schemas/collateral';
import { agingTotals, contractCreate, contractId, contractView, customerName, customerPaymentView, exportTable, importResult, importTable, invoiceView, paymentRecordInput, receivablesView } from './schemas/customers';
import { assetId } from './schemas/common';
import { microUnits } from './money';

// Customers, collateral and the waterfall: the finance.* part of the API, spread into api.ts
// next to the ledger's facilities. docs/customers-collateral.md defines every figure.

const asOf = calendarDate.optional();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const customersMethods = {
  'finance.contracts.list': method({ input: z.object({ asOf }).strict(), output: z.object({ asOf: calendarDate, contracts: z.array(contractView) }), summary: 'Customer contracts (compute leases, RaaS subscriptions) with remaining term, invoiced, open and backlog.' }),
  'finance.contract.create': method({ input: contractCreate, output: contractView, summary: 'Sign a customer contract linked to the assets that serve it; journaled.' }),
  'finance.invoices.generate': method({ input: z.object({ through: asOf }).strict(), output: z.object({ created: z.number().int().nonnegative(), invoices: z.array(invoiceView) }), summary: 'Issue the invoices of every billing period ended by a day (default today), split across assets by uptime-hours; journaled.' }),
  'finance.invoices.list': method({
    input: z.object({ asOf, customer: customerName.optional(), contractId: contractId.optional() }).strict(),
    output: z.object({ asOf: calendarDate, invoices: z.array(invoiceView), aging: agingTotals }),
    summary: 'Invoices issued by a day with what was paid, days past due and aging bucket.',
  }),
  'finance.payment.record': method({ input: paymentRecordInput, output: customerPaymentView, summary: 'Record money received from a customer; allocated to its invoices (named first, then oldest due); journaled.' }),
  'finance.payments.list': method({ input: z.object({ asOf, customer: customerName.optional() }).strict(), output: z.object({ asOf: calendarDate, payments: z.array(customerPaymentView) }), summary: 'Customer payments with their allocation to invoices and unapplied credit.' }),
  'finance.receivables': method({ input: z.object({ asOf }).strict(), output: receivablesView, summary: 'Aging of receivables, payment history per customer and customer concentration.' }),
  'finance.collateral.appraise': method({ input: appraisalInput, output: appraisalView, summary: 'Appraise an asset: value, depreciation (straight line or declining balance) and advance rate; journaled.' }),
  'finance.collateral.appraisals': method({ input: z.object({ assetId: assetId.optional() }).strict(), output: z.object({ appraisals: z.array(appraisalView) }), summary: 'Appraisals, oldest first.' }),
  'finance.collateral.pledge': method({ input: pledgeInput, output: z.object({ pledges: z.array(pledgeView) }), summary: 'Pledge assets to a facility (one facility at a time per asset); journaled.' }),
  'finance.collateral.release': method({ input: releaseInput, output: z.object({ pledges: z.array(pledgeView) }), summary: 'Release pledged assets; journaled.' }),
  'finance.covenant.set': method({ input: covenantInput, output: covenantInput, summary: "Set a facility's minimum-coverage covenant (a multiple, e.g. 1.3); journaled." }),
  'finance.coverage': method({ input: z.object({ facilityId, asOf }).strict(), output: coverageView, summary: 'Collateral of a facility on a day: each asset valued and checked, coverage, covenant, cures, borrowing base and history.' }),
  'finance.cost.record': method({ input: costInput, output: z.object({ id: z.string(), date: calendarDate }), summary: 'Record an operating cost (power, facility, other) against a facility; journaled.' }),
  'finance.tariff.set': method({ input: tariffInput, output: z.object({ effectiveFrom: calendarDate, pricePerKwh: microUnits }), summary: 'The energy tariff per kWh from a day: power cost from the node where none is entered; journaled.' }),
  'finance.waterfall': method({ input: z.object({ facilityId, asOf }).strict(), output: waterfallView, summary: "A facility's waterfall per period: revenue received, operating costs, the lender first, the operator; DSCR." }),
  'finance.alerts.list': method({ input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), output: z.object({ alerts: z.array(financeAlert) }), summary: 'Alerts, newest first.' }),
  'finance.alerts.check': method({ input: z.object({ asOf }).strict(), output: z.object({ alerts: z.array(financeAlert) }), summary: 'Check covenants, collateral and receivables now; returns (and pushes) the new alerts.' }),
  'finance.eligibility': method({ input: z.object({ asOf }).strict(), output: eligibilityView, summary: 'The eligibility summary a lender asks for: contracts and remaining terms, payment history, concentration, coverage and trend, uptime, arrears.' }),
  'finance.period.close': method({ input: z.object({ month }).strict(), output: periodCloseResult, summary: 'Close a month: fold epochs, issue invoices, record revenue-share revenue, check alerts; journaled.' }),
  'finance.import': method({
    input: z.object({ table: importTable, csv: z.string().max(20 * 1024 * 1024), dryRun: z.boolean().default(false) }).strict(),
    output: importResult,
    summary: 'Import contracts, invoices, payments, costs, appraisals or pledges from CSV: every row checked, all rows or none.',
  }),
  'finance.export': method({ input: z.object({ table: exportTable, asOf, facilityId: facilityId.optional() }).strict(), output: z.object({ csv: z.string(), filename: z.string() }), summary: 'Any finance table as CSV.' }),
  'finance.statement.pdf': method({ input: z.object({ facilityId, period: z.number().int().positive(), asOf }).strict(), output: pdfDocument, summary: "A facility's statement for one period as PDF: waterfall, DSCR, coverage, payments." }),
  'finance.borrowingBase.pdf': method({ input: z.object({ facilityId, asOf }).strict(), output: pdfDocument, summary: 'The borrowing-base certificate of a facility on a day as PDF: collateral, values, eligibility, coverage.' }),
} as const;

export const customersEvents = {
  /** Contracts, invoices, payments, collateral, costs or alerts changed: refetch what shows them. */
  onFinanceChanged: z.object({ scope: z.string(), at: isoUtc }),
  /** A covenant breach (with its cures), its end, an asset that stopped counting, an invoice 30 days past due. */
  onFinanceAlert: financeAlert,
} as const;

export type CustomersMethods = typeof customersMethods;
export type CustomersMethodName = keyof CustomersMethods;
export type CustomersEventName = keyof typeof customersEvents;
export type CustomersMethodInput<M extends CustomersMethodName> = z.output<CustomersMethods[M]['input']>;
export type CustomersMethodOutput<M extends CustomersMethodName> = z.output<CustomersMethods[M]['output']>;
export type CustomersEventPayload<E extends CustomersEventName> = z.output<(typeof customersEvents)[E]>;
export type CustomersHandlers = { [M in CustomersMethodName]: (input: CustomersMethodInput<M>) => Promise<CustomersMethodOutput<M>> };
