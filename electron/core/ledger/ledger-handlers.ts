import type { LedgerEventName, LedgerEventPayload, LedgerHandlers } from '../../contract/ledger-api';
import { ApiError } from '../../contract/errors';
import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import { parseIsoDate } from './civil-date';
import { FacilityService } from './facility-service';
import { PaymentRefusedError } from './payments';
import { previewRevenueShare } from './revenue-share-preview';
import { previewSchedule } from './schedule-preview';
import { InvalidTermsError } from './terms-validation';
import { formatRate, xirr } from './xirr';

export interface LedgerHandlerDeps {
  db: Db;
  journal: Journal;
  emit: <E extends LedgerEventName>(event: E, payload: LedgerEventPayload<E>) => void;
  /** Pinned by tests; default: today (UTC) and the current instant. */
  today?: () => string;
  now?: () => Date;
}

/** Engine errors to the API's error codes: bad terms are invalid input, refused money a conflict. */
async function asApi<T>(work: () => T): Promise<T> {
  try {
    return work();
  } catch (error) {
    if (error instanceof InvalidTermsError) throw new ApiError('invalid-input', error.message, error.issues);
    if (error instanceof PaymentRefusedError) throw new ApiError('conflict', error.message);
    throw error;
  }
}

/**
 * One async handler per method of `ledgerMethods`, in the shape of core's ApiHandlers: the
 * input is already decoded (bigint money, defaults applied) and the output is domain values.
 */
export function createLedgerHandlers(deps: LedgerHandlerDeps): LedgerHandlers {
  const now = deps.now ?? (() => new Date());
  const facilities = new FacilityService({
    db: deps.db,
    journal: deps.journal,
    ...(deps.today ? { today: deps.today } : {}),
    now,
    onChange: (ids) => deps.emit('onFacilitiesChanged', { ids, at: now().toISOString() }),
  });
  return {
    'ledger.facilities.list': ({ asOf }) => asApi(() => facilities.list(asOf)),
    'ledger.facility.get': ({ id, asOf }) => asApi(() => facilities.get(id, asOf)),
    'ledger.facility.create': (input) => asApi(() => facilities.create(input)),
    'ledger.facility.update': (input) => asApi(() => facilities.update(input)),
    'ledger.payment.record': (input) => asApi(() => facilities.recordPayment(input)),
    'ledger.revenue.record': (input) => asApi(() => facilities.recordRevenue(input)),
    'ledger.schedule.preview': (terms) => asApi(() => previewSchedule(terms)),
    'ledger.revenueShare.preview': ({ terms, revenue }) => asApi(() => previewRevenueShare(terms, revenue)),
    'ledger.xirr': ({ flows }) =>
      asApi(() => {
        const result = xirr(flows.map((flow) => ({ day: parseIsoDate(flow.date), amount: flow.amount })));
        return result.ok ? { xirr: formatRate(result.rate), reason: null } : { xirr: null, reason: result.reason };
      }),
  };
}
