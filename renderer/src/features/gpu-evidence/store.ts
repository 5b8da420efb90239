import { create } from 'zustand';
import type { SietchClient } from '../../../../electron/contract/client';
import type { GpuEvidenceRecord, GpuEvidenceStatus } from '../../../../electron/contract/gpu-evidence-api';
import { describeError, type UiError } from '../../client/describe-error';
import { serialized } from '../../client/serialized';

/**
 * Each GPU's latest hardware evidence and its verdict (the Inventory badges), and where the
 * evidence comes from (the Node page's status card). Measurements and the raw evidence are
 * not here: the drawer asks for one GPU's at a time (evidence-detail-store.ts).
 */
export interface GpuEvidenceState {
  /** Asset id → its latest record; undefined until the first answer. */
  records: ReadonlyMap<string, GpuEvidenceRecord> | undefined;
  status: GpuEvidenceStatus | undefined;
  error: UiError | null;
}

export const initialGpuEvidenceState: GpuEvidenceState = { records: undefined, status: undefined, error: null };

export const useGpuEvidenceStore = create<GpuEvidenceState>()(() => initialGpuEvidenceState);

/** One load at a time per client (see serialized). */
let loaders = new WeakMap<SietchClient, () => Promise<void>>();

export function loadGpuEvidence(client: SietchClient): Promise<void> {
  let load = loaders.get(client);
  if (!load) loaders.set(client, (load = serialized(() => fetchGpuEvidence(client))));
  return load();
}

async function fetchGpuEvidence(client: SietchClient): Promise<void> {
  try {
    const [{ records }, status] = await Promise.all([client.invoke('attest.gpu.latest'), client.invoke('attest.gpu.status')]);
    useGpuEvidenceStore.setState({ records: mergeRecords(useGpuEvidenceStore.getState().records, records), status, error: null });
  } catch (error) {
    // The last records stay on screen: a badge that vanishes on a hiccup would read as "not attested".
    useGpuEvidenceStore.setState({ error: describeError(error) });
  }
}

/**
 * The new records by asset id, keeping the previous object where nothing changed: an epoch's
 * evidence arrives for a few GPUs, and the Inventory rows (memoized on their props) of every
 * other GPU then keep theirs and do not render again.
 */
export function mergeRecords(previous: ReadonlyMap<string, GpuEvidenceRecord> | undefined, records: readonly GpuEvidenceRecord[]): ReadonlyMap<string, GpuEvidenceRecord> {
  const merged = new Map<string, GpuEvidenceRecord>();
  for (const record of records) {
    const before = previous?.get(record.assetId);
    merged.set(record.assetId, before && sameRecord(before, record) ? before : record);
  }
  return merged;
}

/** A record is written once per GPU and epoch: the epoch, the time and the hash tell it apart. */
function sameRecord(a: GpuEvidenceRecord, b: GpuEvidenceRecord): boolean {
  return a.epochSeq === b.epochSeq && a.collectedAt === b.collectedAt && a.verified === b.verified && a.evidenceHash === b.evidenceHash;
}

export function dismissGpuEvidenceError(): void {
  useGpuEvidenceStore.setState({ error: null });
}

/** Tests only: forget state and any request in flight. */
export function resetGpuEvidenceStore(): void {
  loaders = new WeakMap();
  useGpuEvidenceStore.setState(initialGpuEvidenceState, true);
}
