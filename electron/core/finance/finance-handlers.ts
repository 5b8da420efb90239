import type { CustomersEventName, CustomersEventPayload, CustomersHandlers } from '../../contract/customers-api';
import type { LedgerEventName, LedgerEventPayload } from '../../contract/ledger-api';
import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import { exportFinanceTable } from './finance-csv-export';
import { importFinanceCsv } from './finance-csv-import';
import { FinanceService } from './finance-service';

export interface FinanceHandlerDeps {
  db: Db;
  journal: Journal;
  emit: <E extends CustomersEventName | LedgerEventName>(event: E, payload: E extends CustomersEventName ? CustomersEventPayload<E> : E extends LedgerEventName ? LedgerEventPayload<E> : never) => void;
  unknownGraceMs: number;
  /** Pinned by tests; default: today (UTC) and the current instant. */
  today?: () => string;
  now?: () => Date;
}

/**
 * One async handler per method of `customersMethods`. The service is created once; events are
 * emitted after each commit: onFinanceChanged, onFinanceAlert, and onFacilitiesChanged when a
 * period close records revenue-share revenue.
 */
export function createFinanceHandlers(deps: FinanceHandlerDeps): CustomersHandlers {
  const now = deps.now ?? (() => new Date());
  const service = new FinanceService({
    db: deps.db,
    journal: deps.journal,
    unknownGraceMs: deps.unknownGraceMs,
    ...(deps.today ? { today: deps.today } : {}),
    now,
    onFacilitiesChanged: (ids) => deps.emit('onFacilitiesChanged', { ids, at: now().toISOString() }),
    onChanged: (scope) => deps.emit('onFinanceChanged', { scope, at: now().toISOString() }),
    onAlert: (alert) => deps.emit('onFinanceAlert', alert),
  });
  return {
    'finance.contracts.list': async ({ asOf }) => service.listContracts(asOf),
    'finance.contract.create': async (input) => service.createContract(input),
    'finance.invoices.generate': async ({ through }) => service.generateInvoices(through),
    'finance.invoices.list': async (input) => service.listInvoices(input),
    'finance.payment.record': async (input) => service.recordPayment(input),
    'finance.payments.list': async (input) => service.listPayments(input),
    'finance.receivables': async ({ asOf }) => service.receivablesView(asOf),
    'finance.collateral.appraise': async (input) => service.appraise(input),
    'finance.collateral.appraisals': async ({ assetId }) => ({ appraisals: service.appraisals(assetId) }),
    'finance.collateral.pledge': async (input) => ({ pledges: service.pledge(input) }),
    'finance.collateral.release': async (input) => ({ pledges: service.release(input) }),
    'finance.covenant.set': async (input) => service.setCovenant(input),
    'finance.coverage': async ({ facilityId, asOf }) => service.coverage(facilityId, asOf),
    'finance.cost.record': async (input) => service.recordCost(input),
    'finance.tariff.set': async (input) => service.setTariff(input),
    'finance.waterfall': async ({ facilityId, asOf }) => service.waterfall(facilityId, asOf),
    'finance.alerts.list': async ({ limit }) => ({ alerts: service.alerts(limit) }),
    'finance.alerts.check': async ({ asOf }) => ({ alerts: service.checkAlerts(asOf) }),
    'finance.eligibility': async ({ asOf }) => service.eligibility(asOf),
    'finance.period.close': async ({ month }) => service.closePeriod(month),
    'finance.import': async ({ table, csv, dryRun }) => importFinanceCsv(service, table, csv, dryRun),
    'finance.export': async ({ table, asOf, facilityId }) => exportFinanceTable(service, table, asOf, facilityId),
    // pdf-lib loads with the first document, not with every start of the core (~0.4 s).
    'finance.statement.pdf': async ({ facilityId, period, asOf }) => (await import('./finance-pdf')).facilityStatement(service, facilityId, period, asOf),
    'finance.borrowingBase.pdf': async ({ facilityId, asOf }) => (await import('./finance-pdf')).borrowingBaseCertificate(service, facilityId, asOf),
  };
}
