import { create } from 'zustand';
import type { AssetSummary, GpuSourceStatus } from '../../../../electron/contract/schemas/assets';
import type { SietchClient } from '../../../../electron/contract/client';
import { describeError, type UiError } from '../../client/describe-error';

export interface InventoryState {
  /** undefined until the first answer. */
  assets: AssetSummary[] | undefined;
  gpuSource: GpuSourceStatus | null;
  loading: boolean;
  error: UiError | null;
  /** The highlighted row (by asset id, so it survives sorting, filtering and reloads). */
  selectedId: string | null;
  /** The detail drawer shows the selected asset when open. */
  drawerOpen: boolean;
  refreshingGpus: boolean;
  refreshError: UiError | null;
  exporting: boolean;
  exportError: UiError | null;
}

export const initialInventoryState: InventoryState = {
  assets: undefined,
  gpuSource: null,
  loading: false,
  error: null,
  selectedId: null,
  drawerOpen: false,
  refreshingGpus: false,
  refreshError: null,
  exporting: false,
  exportError: null,
};

export const useInventoryStore = create<InventoryState>()(() => initialInventoryState);

// One list request at a time: a change announced while one is in flight asks for one more
// afterwards (its answer may predate the change), never for a parallel, out-of-order one.
let inFlight: Promise<void> | null = null;
let again = false;

export function loadAssets(client: SietchClient): Promise<void> {
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = (async () => {
    useInventoryStore.setState({ loading: true });
    try {
      do {
        again = false;
        await fetchAssets(client);
      } while (again);
    } finally {
      useInventoryStore.setState({ loading: false });
      inFlight = null;
    }
  })();
  return inFlight;
}

async function fetchAssets(client: SietchClient): Promise<void> {
  try {
    const { assets, gpuSource } = await client.invoke('inventory.assets.list', {});
    useInventoryStore.setState({ assets, gpuSource, error: null });
  } catch (error) {
    useInventoryStore.setState({ error: describeError(error) });
  }
}

/** Reads the GPUs now; the new source state shows at once, the register follows by event. */
export async function refreshGpus(client: SietchClient): Promise<void> {
  if (useInventoryStore.getState().refreshingGpus) return;
  useInventoryStore.setState({ refreshingGpus: true, refreshError: null });
  try {
    const gpuSource = await client.invoke('inventory.gpus.refresh');
    useInventoryStore.setState({ gpuSource });
    await loadAssets(client);
  } catch (error) {
    useInventoryStore.setState({ refreshError: describeError(error) });
  } finally {
    useInventoryStore.setState({ refreshingGpus: false });
  }
}

/** Asks the server for the cost book CSV and hands it to `save` (a browser download in the app). */
export async function exportCostBook(client: SietchClient, save: (csv: string, filename: string) => void): Promise<void> {
  if (useInventoryStore.getState().exporting) return;
  useInventoryStore.setState({ exporting: true, exportError: null });
  try {
    const { csv, filename } = await client.invoke('inventory.costBook.export');
    save(csv, filename);
  } catch (error) {
    useInventoryStore.setState({ exportError: describeError(error) });
  } finally {
    useInventoryStore.setState({ exporting: false });
  }
}

/** An edit's answer: replace that one row now rather than wait for the list to come back. */
export function receiveAssetSummary(summary: AssetSummary): void {
  const { assets } = useInventoryStore.getState();
  if (!assets) return;
  const index = assets.findIndex((asset) => asset.id === summary.id);
  if (index < 0) return;
  const next = assets.slice();
  next[index] = summary;
  useInventoryStore.setState({ assets: next });
}

export function selectAsset(id: string | null): void {
  if (useInventoryStore.getState().selectedId !== id) useInventoryStore.setState({ selectedId: id });
}

export function openDrawer(id?: string): void {
  useInventoryStore.setState((state) => ({ drawerOpen: true, selectedId: id ?? state.selectedId }));
}

export function closeDrawer(): void {
  useInventoryStore.setState({ drawerOpen: false });
}

export function dismissInventoryError(): void {
  useInventoryStore.setState({ error: null });
}

export function dismissRefreshError(): void {
  useInventoryStore.setState({ refreshError: null });
}

export function dismissExportError(): void {
  useInventoryStore.setState({ exportError: null });
}

/** Tests only: forget state and any request in flight. */
export function resetInventoryStore(): void {
  inFlight = null;
  again = false;
  useInventoryStore.setState(initialInventoryState, true);
}
