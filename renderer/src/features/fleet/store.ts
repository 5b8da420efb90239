import { create } from 'zustand';
import type { SietchClient } from '../../../../electron/contract/client';
import type { FleetHost, FleetSourceStatus } from '../../../../electron/contract/schemas/fleet';
import { describeError, type UiError } from '../../client/describe-error';
import { serialized } from '../../client/serialized';

/**
 * The fleet sources (dcgm-exporter targets, Prometheus servers) with their health, and the hosts
 * they reported (for the Inventory page's host and site groups). Shared by Settings and Inventory.
 */
export interface FleetState {
  /** undefined until the first answer. */
  sources: FleetSourceStatus[] | undefined;
  refreshSeconds: number | null;
  /** Host asset id → the fleet host (its site and source). */
  hosts: ReadonlyMap<string, FleetHost>;
  error: UiError | null;
  refreshing: boolean;
  refreshError: UiError | null;
}

export const initialFleetState: FleetState = { sources: undefined, refreshSeconds: null, hosts: new Map(), error: null, refreshing: false, refreshError: null };

export const useFleetStore = create<FleetState>()(() => initialFleetState);

/** One load at a time per client (see serialized). */
let loaders = new WeakMap<SietchClient, () => Promise<void>>();

export function loadFleet(client: SietchClient): Promise<void> {
  let load = loaders.get(client);
  if (!load) loaders.set(client, (load = serialized(() => fetchFleet(client))));
  return load();
}

async function fetchFleet(client: SietchClient): Promise<void> {
  try {
    const [{ sources, refreshSeconds }, { hosts }] = await Promise.all([client.invoke('fleet.sources.list'), client.invoke('fleet.hosts.list')]);
    useFleetStore.setState({ sources, refreshSeconds, hosts: new Map(hosts.map((host) => [host.hostId, host])), error: null });
  } catch (error) {
    useFleetStore.setState({ error: describeError(error) });
  }
}

/** Sweeps every source now; the statuses come back in the answer and the register follows by event. */
export async function refreshFleet(client: SietchClient): Promise<void> {
  if (useFleetStore.getState().refreshing) return;
  useFleetStore.setState({ refreshing: true, refreshError: null });
  try {
    const { sources, refreshSeconds } = await client.invoke('fleet.refresh');
    useFleetStore.setState({ sources, refreshSeconds });
  } catch (error) {
    useFleetStore.setState({ refreshError: describeError(error) });
  } finally {
    useFleetStore.setState({ refreshing: false });
  }
}

/** An add's answer: shown at once (state "never-read" until its first read), before the event's reload. */
export function receiveAddedSource(source: FleetSourceStatus): void {
  const { sources } = useFleetStore.getState();
  if (sources && !sources.some((existing) => existing.id === source.id)) useFleetStore.setState({ sources: [...sources, source] });
}

export function forgetSource(id: string): void {
  const { sources } = useFleetStore.getState();
  if (sources) useFleetStore.setState({ sources: sources.filter((source) => source.id !== id) });
}

export function dismissFleetError(): void {
  useFleetStore.setState({ error: null });
}

export function dismissFleetRefreshError(): void {
  useFleetStore.setState({ refreshError: null });
}

/** Tests only: forget state and any request in flight. */
export function resetFleetStore(): void {
  loaders = new WeakMap();
  useFleetStore.setState(initialFleetState, true);
}
