import { create } from 'zustand';
import type { ConnectionState } from '../../../../electron/contract/client';
import type { ConnectionDetails } from '../../client/pick-client';

interface ConnectionStore extends ConnectionDetails {
  state: ConnectionState;
  /** Server time of the last onHeartbeat, as sent (ISO UTC). */
  lastHeartbeatAt: string | null;
}

export const useConnectionStore = create<ConnectionStore>()(() => ({
  transport: 'http',
  serverOrigin: null,
  state: 'connecting',
  lastHeartbeatAt: null,
}));
