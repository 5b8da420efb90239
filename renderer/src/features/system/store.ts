import { create } from 'zustand';
import type { EventPayload } from '../../../../electron/contract/api';
import type { SietchClient } from '../../../../electron/contract/client';
import type { SystemInfo } from '../../../../electron/contract/schemas/system';
import { describeError, type UiError } from '../../client/describe-error';

export interface SystemState {
  info: SystemInfo | null;
  loading: boolean;
  error: UiError | null;
}

export const initialSystemState: SystemState = { info: null, loading: false, error: null };

export const useSystemStore = create<SystemState>()(() => initialSystemState);

export async function loadSystemInfo(client: SietchClient): Promise<void> {
  useSystemStore.setState({ loading: true });
  try {
    const info = await client.invoke('system.info');
    useSystemStore.setState({ info, error: null });
  } catch (error) {
    useSystemStore.setState({ error: describeError(error) });
  } finally {
    useSystemStore.setState({ loading: false });
  }
}

/** Keeps the journal length and head live without refetching system.info on every append. */
export function receiveJournalAppended(appended: EventPayload<'onJournalAppended'>): void {
  const { info } = useSystemStore.getState();
  if (!info || appended.seq <= info.journal.length) return;
  useSystemStore.setState({ info: { ...info, journal: { length: appended.seq, head: appended.hash } } });
}

export function dismissSystemError(): void {
  useSystemStore.setState({ error: null });
}
