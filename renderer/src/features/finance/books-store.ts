import { create } from 'zustand';
import type { SietchClient } from '../../../../electron/contract/client';
import type { CoverageView, EligibilityView, FinanceAlert, WaterfallView } from '../../../../electron/contract/schemas/collateral';
import type { ContractView, InvoiceView, ReceivablesView } from '../../../../electron/contract/schemas/customers';
import { describeError, type UiError } from '../../client/describe-error';

/** The Finance page's tabs: facilities (the ledger), then the books behind them. */
export const FINANCE_TABS = ['facilities', 'customers', 'collateral', 'waterfall', 'eligibility', 'alerts'] as const;
export type FinanceTab = (typeof FINANCE_TABS)[number];

export interface BooksState {
  tab: FinanceTab;
  /** The facility the Collateral and Waterfall tabs show. */
  facilityId: string | null;
  contracts: ContractView[] | undefined;
  invoices: InvoiceView[] | undefined;
  receivables: ReceivablesView | undefined;
  coverage: CoverageView | undefined;
  waterfall: WaterfallView | undefined;
  eligibility: EligibilityView | undefined;
  alerts: FinanceAlert[] | undefined;
  error: UiError | null;
}

export const initialBooksState: BooksState = { tab: 'facilities', facilityId: null, contracts: undefined, invoices: undefined, receivables: undefined, coverage: undefined, waterfall: undefined, eligibility: undefined, alerts: undefined, error: null };

export const useBooksStore = create<BooksState>()(() => initialBooksState);

// Only the newest answer of each kind counts: the operator may switch facility while one is in flight.
const requests = new Map<string, number>();
async function latest<T>(key: string, load: () => Promise<T>, apply: (value: T) => void): Promise<void> {
  const request = (requests.get(key) ?? 0) + 1;
  requests.set(key, request);
  try {
    const value = await load();
    if (requests.get(key) === request) apply(value);
  } catch (error) {
    if (requests.get(key) === request) useBooksStore.setState({ error: describeError(error) });
  }
}

/** Loads what the current tab shows (and nothing else: a 10,000-asset coverage is not free). */
export function loadTab(client: SietchClient): Promise<void> {
  const { tab, facilityId } = useBooksStore.getState();
  switch (tab) {
    case 'customers':
      return Promise.all([
        latest('contracts', () => client.invoke('finance.contracts.list', {}), ({ contracts }) => useBooksStore.setState({ contracts })),
        latest('invoices', () => client.invoke('finance.invoices.list', {}), ({ invoices }) => useBooksStore.setState({ invoices })),
        latest('receivables', () => client.invoke('finance.receivables', {}), (receivables) => useBooksStore.setState({ receivables })),
      ]).then(() => undefined);
    case 'collateral':
      return facilityId === null ? Promise.resolve() : latest('coverage', () => client.invoke('finance.coverage', { facilityId }), (coverage) => useBooksStore.setState({ coverage }));
    case 'waterfall':
      return facilityId === null ? Promise.resolve() : latest('waterfall', () => client.invoke('finance.waterfall', { facilityId }), (waterfall) => useBooksStore.setState({ waterfall }));
    case 'eligibility':
      return latest('eligibility', () => client.invoke('finance.eligibility', {}), (eligibility) => useBooksStore.setState({ eligibility }));
    case 'alerts':
      return latest('alerts', () => client.invoke('finance.alerts.list', {}), ({ alerts }) => useBooksStore.setState({ alerts }));
    default:
      return Promise.resolve();
  }
}

export function showTab(tab: FinanceTab): void {
  useBooksStore.setState({ tab, error: null });
}

/** Picks the facility of the Collateral and Waterfall tabs; its old figures go so they never show under the new name. */
export function chooseFacility(facilityId: string | null): void {
  if (useBooksStore.getState().facilityId === facilityId) return;
  useBooksStore.setState({ facilityId, coverage: undefined, waterfall: undefined });
}

/** A pushed alert goes to the top of the list at once (the list is reloaded with the tab). */
export function receiveAlert(alert: FinanceAlert): void {
  const { alerts } = useBooksStore.getState();
  if (alerts && !alerts.some((existing) => existing.id === alert.id)) useBooksStore.setState({ alerts: [alert, ...alerts] });
}

export function dismissBooksError(): void {
  useBooksStore.setState({ error: null });
}

/** Tests only. */
export function resetBooksStore(): void {
  requests.clear();
  useBooksStore.setState(initialBooksState, true);
}
