import type { AssetSummary } from '../../../../electron/contract/schemas/assets';

/** Host asset id -> the host's label (its hostname), for showing and searching a GPU's host. */
export type HostLabels = ReadonlyMap<string, string>;

export function hostLabelsOf(assets: readonly AssetSummary[]): HostLabels {
  const labels = new Map<string, string>();
  for (const asset of assets) if (asset.kind === 'host' && asset.label) labels.set(asset.id, asset.label);
  return labels;
}

/**
 * What the Host column shows: the hostname when the host is registered, else its asset id
 * without the "host:" every row would repeat (the full id is in the cell's title).
 */
export function hostDisplay(hostId: string | null, hosts: HostLabels): string | null {
  if (hostId === null) return null;
  return hosts.get(hostId) ?? hostId.replace(/^host:/, '');
}
