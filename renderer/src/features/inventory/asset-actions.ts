import type { AssetEdit } from '../../../../electron/contract/schemas/assets';
import type { SietchClient } from '../../../../electron/contract/client';
import { loadDetail } from './detail-store';
import { receiveAssetSummary } from './store';

/**
 * Saves a cost book edit; the row updates from the answer at once, the drawer reloads for the
 * new journal entry. Errors propagate: the form shows them next to its buttons.
 */
export async function saveAssetEdit(client: SietchClient, edit: AssetEdit): Promise<void> {
  receiveAssetSummary(await client.invoke('inventory.asset.update', edit));
  await loadDetail(client, edit.id);
}

export async function retireAsset(client: SietchClient, id: string, reason: string): Promise<void> {
  receiveAssetSummary(await client.invoke('inventory.asset.retire', { id, reason }));
  await loadDetail(client, id);
}
