import { create } from 'zustand';
import type { AssetDetail } from '../../../../electron/contract/schemas/assets';
import type { SietchClient } from '../../../../electron/contract/client';
import { describeError, type UiError } from '../../client/describe-error';

export interface DetailState {
  /** The asset the drawer asked for; answers for any other id are dropped. */
  id: string | null;
  detail: AssetDetail | null;
  loading: boolean;
  error: UiError | null;
}

export const initialDetailState: DetailState = { id: null, detail: null, loading: false, error: null };

export const useDetailStore = create<DetailState>()(() => initialDetailState);

/**
 * Loads one asset's detail. Moving through rows with the drawer open asks for several in a
 * row; only the answer for the asset still shown is kept, whatever order they arrive in.
 */
export async function loadDetail(client: SietchClient, id: string): Promise<void> {
  const shown = useDetailStore.getState();
  // Keep the previous asset's detail on screen while the same asset reloads (no flicker).
  useDetailStore.setState({ id, loading: true, ...(shown.id === id ? {} : { detail: null, error: null }) });
  try {
    const detail = await client.invoke('inventory.asset.get', { id });
    if (useDetailStore.getState().id === id) useDetailStore.setState({ detail, error: null });
  } catch (error) {
    if (useDetailStore.getState().id === id) useDetailStore.setState({ error: describeError(error) });
  } finally {
    if (useDetailStore.getState().id === id) useDetailStore.setState({ loading: false });
  }
}

/** After a change announcement: reload the shown asset if it is among the changed ones. */
export function reloadDetailIfShown(client: SietchClient, changedIds?: readonly string[]): void {
  const { id } = useDetailStore.getState();
  if (id !== null && (!changedIds || changedIds.includes(id))) void loadDetail(client, id);
}

export function clearDetail(): void {
  useDetailStore.setState(initialDetailState);
}
