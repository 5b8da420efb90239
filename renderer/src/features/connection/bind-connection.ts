import type { Dispose, SietchClient } from '../../../../electron/contract/client';
import type { ConnectionDetails } from '../../client/pick-client';
import { useConnectionStore } from './store';

/** Feeds the connection store from the client: state changes and the server's heartbeat. */
export function bindConnection(client: SietchClient, details: ConnectionDetails): Dispose {
  useConnectionStore.setState({ transport: details.transport, serverOrigin: details.serverOrigin });
  const stopState = client.onConnectionChange((state) => useConnectionStore.setState({ state }));
  const stopHeartbeat = client.subscribe('onHeartbeat', (beat) => useConnectionStore.setState({ lastHeartbeatAt: beat.at }));
  return () => {
    stopState();
    stopHeartbeat();
  };
}
