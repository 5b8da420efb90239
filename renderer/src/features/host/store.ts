import { create } from 'zustand';
import type { SietchClient } from '../../../../electron/contract/client';
import type { HostInventory } from '../../../../electron/contract/schemas/host';
import { describeError, type UiError } from '../../client/describe-error';

export interface HostState {
  /** undefined until the first answer; null when the server has no inventory yet. */
  inventory: HostInventory | null | undefined;
  loading: boolean;
  refreshing: boolean;
  error: UiError | null;
}

export const initialHostState: HostState = { inventory: undefined, loading: false, refreshing: false, error: null };

export const useHostStore = create<HostState>()(() => initialHostState);

/**
 * Takes an inventory from any source (get, refresh, the onHostInventoryChanged event) unless
 * a newer one is already shown: answers and events can arrive in either order.
 */
export function receiveHostInventory(inventory: HostInventory | null): void {
  const current = useHostStore.getState().inventory;
  if (inventory && current && isOlder(inventory, current)) return;
  if (!inventory && current) return;
  useHostStore.setState({ inventory });
}

export async function loadHostInventory(client: SietchClient): Promise<void> {
  useHostStore.setState({ loading: true });
  try {
    receiveHostInventory(await client.invoke('inventory.host.get'));
    useHostStore.setState({ error: null });
  } catch (error) {
    useHostStore.setState({ error: describeError(error) });
  } finally {
    useHostStore.setState({ loading: false });
  }
}

export async function refreshHostInventory(client: SietchClient): Promise<void> {
  if (useHostStore.getState().refreshing) return;
  useHostStore.setState({ refreshing: true, error: null });
  try {
    receiveHostInventory(await client.invoke('inventory.host.refresh'));
  } catch (error) {
    useHostStore.setState({ error: describeError(error) });
  } finally {
    useHostStore.setState({ refreshing: false });
  }
}

export function dismissHostError(): void {
  useHostStore.setState({ error: null });
}

function isOlder(candidate: HostInventory, current: HostInventory): boolean {
  return Date.parse(candidate.collectedAt) < Date.parse(current.collectedAt);
}
