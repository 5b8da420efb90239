import { create } from 'zustand';
import type { SietchClient } from '../../../../electron/contract/client';
import type { GpuEvidenceDocument, GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';
import { describeError, type UiError } from '../../client/describe-error';

export interface EvidenceDetail {
  /** With the device's measurements. */
  record: GpuEvidenceRecord;
  /** The evidence exactly as the GPU gave it; null when collection itself failed. */
  evidence: GpuEvidenceDocument | null;
}

export interface EvidenceDetailState {
  /** The GPU the drawer shows; answers for any other are dropped. */
  assetId: string | null;
  /** undefined while the first answer is awaited; null: the core holds no evidence for this GPU. */
  detail: EvidenceDetail | null | undefined;
  error: UiError | null;
}

export const initialEvidenceDetailState: EvidenceDetailState = { assetId: null, detail: undefined, error: null };

export const useEvidenceDetailStore = create<EvidenceDetailState>()(() => initialEvidenceDetailState);

/**
 * One GPU's latest evidence in full. Moving through rows with the drawer open asks for several
 * in a row: only the answer for the GPU still shown is kept, whatever order they arrive in.
 */
export async function loadEvidenceDetail(client: SietchClient, assetId: string): Promise<void> {
  const shown = useEvidenceDetailStore.getState();
  // The same GPU reloading (new evidence) keeps its section on screen: no flicker.
  if (shown.assetId !== assetId) useEvidenceDetailStore.setState({ assetId, detail: undefined, error: null });
  try {
    const detail = await client.invoke('attest.gpu.get', { assetId });
    if (useEvidenceDetailStore.getState().assetId === assetId) useEvidenceDetailStore.setState({ detail, error: null });
  } catch (error) {
    if (useEvidenceDetailStore.getState().assetId !== assetId) return;
    const problem = describeError(error);
    // "Nothing collected for this GPU" is an answer, not a failure: the section explains what to set up.
    if (problem.code === 'not-found') useEvidenceDetailStore.setState({ detail: null, error: null });
    else useEvidenceDetailStore.setState({ error: problem });
  }
}

/** After onGpuEvidenceChanged: reload the shown GPU if it is among the changed ones. */
export function reloadEvidenceDetailIfShown(client: SietchClient, changedIds?: readonly string[]): void {
  const { assetId } = useEvidenceDetailStore.getState();
  if (assetId !== null && (!changedIds || changedIds.includes(assetId))) void loadEvidenceDetail(client, assetId);
}

export function clearEvidenceDetail(): void {
  useEvidenceDetailStore.setState(initialEvidenceDetailState);
}
