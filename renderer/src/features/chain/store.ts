import { create } from 'zustand';
import type { ChainPublication, ChainStatus } from '../../../../electron/contract/chain-api';
import type { UiError } from '../../client/describe-error';

/** How many of the newest publications the Node page lists (older ones: `sietch chain status`, or a report's own view). */
export const RECENT_PUBLICATIONS = 8;

/** On-chain publication, as the Node page shows it: the chain's status and the newest reports on it. */
export interface ChainState {
  status: ChainStatus | undefined;
  recent: ChainPublication[] | undefined;
  error: UiError | null;
}

export const useChainStore = create<ChainState>(() => ({ status: undefined, recent: undefined, error: null }));

export function dismissChainError(): void {
  useChainStore.setState({ error: null });
}
