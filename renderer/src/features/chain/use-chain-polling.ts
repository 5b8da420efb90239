import { useEffect } from 'react';
import type { SietchClient } from '../../../../electron/contract/client';
import { loadChain } from './chain-feed';

/**
 * The block number and the balance change with every block and no event says so: ask every
 * `intervalMs` while the page is shown and the window visible.
 */
export function useChainPolling(client: SietchClient, intervalMs = 5000): void {
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void loadChain(client);
    }, intervalMs);
    return () => clearInterval(timer);
  }, [client, intervalMs]);
}
