import { create } from 'zustand';
import type { SietchClient } from '../../../../electron/contract/client';
import type { FacilityDetail, FacilitySummary } from '../../../../electron/contract/schemas/facilities';
import { describeError, type UiError } from '../../client/describe-error';

/** What the Finance page shows: the list, one facility, or the form (new or editing one). */
export type FinanceView = { kind: 'list' } | { kind: 'detail'; id: string } | { kind: 'create' } | { kind: 'edit'; id: string };

export interface FinanceState {
  /** undefined until the first answer. */
  facilities: FacilitySummary[] | undefined;
  /** The day the server computed statuses and arrears for (today, UTC). */
  asOf: string | null;
  loading: boolean;
  error: UiError | null;
  /** The highlighted row in the list, by id, so it survives reloads. */
  selectedId: string | null;
  view: FinanceView;
  /** The facility the detail (or edit) view shows; replaced on every reload. */
  detail: FacilityDetail | undefined;
  detailError: UiError | null;
}

export const initialFinanceState: FinanceState = { facilities: undefined, asOf: null, loading: false, error: null, selectedId: null, view: { kind: 'list' }, detail: undefined, detailError: null };

export const useFinanceStore = create<FinanceState>()(() => initialFinanceState);

// One list request at a time: a change announced while one is in flight asks for one more
// afterwards (the answer in flight may predate the change), never a parallel, out-of-order one.
let listInFlight: Promise<void> | null = null;
let listAgain = false;

export function loadFacilities(client: SietchClient): Promise<void> {
  if (listInFlight) {
    listAgain = true;
    return listInFlight;
  }
  listInFlight = (async () => {
    useFinanceStore.setState({ loading: true });
    try {
      do {
        listAgain = false;
        try {
          const { asOf, facilities } = await client.invoke('ledger.facilities.list', {});
          useFinanceStore.setState({ facilities, asOf, error: null });
        } catch (error) {
          useFinanceStore.setState({ error: describeError(error) });
        }
      } while (listAgain);
    } finally {
      useFinanceStore.setState({ loading: false });
      listInFlight = null;
    }
  })();
  return listInFlight;
}

/** The id whose detail the current view needs, if any. */
export function shownFacilityId(view: FinanceView): string | null {
  return view.kind === 'detail' || view.kind === 'edit' ? view.id : null;
}

// Answers can come back out of order when the operator moves fast: only the newest request's counts.
let detailRequest = 0;

export async function loadDetail(client: SietchClient, id: string): Promise<void> {
  const request = ++detailRequest;
  try {
    const detail = await client.invoke('ledger.facility.get', { id });
    if (request === detailRequest) useFinanceStore.setState({ detail, detailError: null });
  } catch (error) {
    if (request === detailRequest) useFinanceStore.setState({ detailError: describeError(error) });
  }
}

/** A save or a payment answered with the facility: show it now rather than wait for the event. */
export function receiveDetail(detail: FacilityDetail): void {
  const { view } = useFinanceStore.getState();
  if (shownFacilityId(view) === detail.facility.id) useFinanceStore.setState({ detail, detailError: null });
  receiveSummary(detail.facility);
}

export function receiveSummary(summary: FacilitySummary): void {
  const { facilities } = useFinanceStore.getState();
  if (!facilities) return;
  const index = facilities.findIndex((facility) => facility.id === summary.id);
  const next = facilities.slice();
  if (index < 0) next.push(summary);
  else next[index] = summary;
  useFinanceStore.setState({ facilities: next });
}

export function selectFacility(id: string | null): void {
  if (useFinanceStore.getState().selectedId !== id) useFinanceStore.setState({ selectedId: id });
}

/** Changes view; a different facility drops the old detail so it never shows under the new name. */
export function showView(view: FinanceView): void {
  const state = useFinanceStore.getState();
  const id = shownFacilityId(view);
  const keepDetail = id !== null && state.detail?.facility.id === id;
  useFinanceStore.setState({ view, selectedId: id ?? state.selectedId, detail: keepDetail ? state.detail : undefined, detailError: null });
}

export function dismissFinanceError(): void {
  useFinanceStore.setState({ error: null });
}

export function dismissDetailError(): void {
  useFinanceStore.setState({ detailError: null });
}

/** Tests only: forget state and any request in flight. */
export function resetFinanceStore(): void {
  listInFlight = null;
  listAgain = false;
  detailRequest = 0;
  useFinanceStore.setState(initialFinanceState, true);
}
