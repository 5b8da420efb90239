import { useEffect } from 'react';
import type { SietchClient } from '../../../../electron/contract/client';
import { loadNodeStatus } from './node-status';

/**
 * Asks for the node status every `intervalMs` while the Node page is shown and the window is
 * visible. The ticks, the samples stored and the last tick change on every sample, and no event
 * announces them (onReportsChanged only fires when an epoch closes or reports are signed).
 */
export function useStatusPolling(client: SietchClient, intervalMs: number): void {
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void loadNodeStatus(client);
    }, intervalMs);
    // Back to a hidden window: refresh at once rather than show a status minutes old.
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void loadNodeStatus(client);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [client, intervalMs]);
}
