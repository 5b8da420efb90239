/**
 * Identity record keys the core writes (a GPU: uuid, serial, pciBusId, boardPartNumber,
 * hostId; a host: its system ids). Each known key has inventory.identityField.<key>; others
 * are shown under their raw name.
 */
export const IDENTITY_FIELDS = ['uuid', 'serial', 'pciBusId', 'boardPartNumber', 'hostId', 'systemUuid', 'baseboardSerial', 'machineId', 'manufacturer', 'serialNumber'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

const KNOWN: ReadonlySet<string> = new Set(IDENTITY_FIELDS);

export function isIdentityField(key: string): key is IdentityField {
  return KNOWN.has(key);
}

/** The cost book fields of asset.updated entries and of the edit form. */
export const EDITABLE_FIELDS = ['site', 'rack', 'acquisitionCost', 'acquisitionDate', 'notes'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

const EDITABLE: ReadonlySet<string> = new Set(EDITABLE_FIELDS);

export function isEditableField(key: string): key is EditableField {
  return EDITABLE.has(key);
}

/**
 * Where a GPU's asset id comes from: its UUID, or its host and PCI slot when the UUID was
 * missing, masked or shared (docs/asset-ids.md). Hosts and robots say nothing here.
 */
export function gpuIdSource(id: string): 'uuid' | 'slot' | null {
  if (!id.startsWith('gpu:')) return null;
  return id.startsWith('gpu:host:') ? 'slot' : 'uuid';
}
