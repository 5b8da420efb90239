import type { SietchBridge } from '../../../electron/contract/bridge';
import type { SietchClient, WireTransport } from '../../../electron/contract/client';
import { createTypedClient } from '../../../electron/contract/typed-client';
import type { NetworkStatus, OpenSocket } from './event-socket';
import type { FetchLike } from './http-call';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

/** What the rest of the app may know about the transport: for display, never for branching. */
export interface ConnectionDetails {
  transport: WireTransport['kind'];
  /** The server the page talks to in browser mode; null on IPC. */
  serverOrigin: string | null;
}

export interface ClientEnvironment {
  bridge: SietchBridge | undefined;
  origin: string;
  fetch: FetchLike;
  openSocket: OpenSocket;
  network: NetworkStatus;
}

/**
 * The platform switch, decided once at start-up: the Electron preload's bridge when it is
 * there, else HTTP + WebSocket to the server that served this page. Nothing else in the app
 * asks which one it got.
 */
export function pickTransport(env: ClientEnvironment): WireTransport {
  if (env.bridge) return createIpcTransport(env.bridge);
  return createHttpTransport({ origin: env.origin, fetch: env.fetch, openSocket: env.openSocket, network: env.network });
}

export function createClient(env: ClientEnvironment): { client: SietchClient; details: ConnectionDetails } {
  const transport = pickTransport(env);
  return {
    client: createTypedClient(transport),
    details: { transport: transport.kind, serverOrigin: transport.kind === 'http' ? env.origin : null },
  };
}

/** The real environment of this window. */
export function browserEnvironment(): ClientEnvironment {
  return {
    bridge: window.sietch,
    origin: window.location.origin,
    // fetch must be called with the window as `this`.
    fetch: (url, init) => window.fetch(url, init),
    openSocket: (url) => new WebSocket(url),
    network: {
      isOnline: () => navigator.onLine,
      onOnline(listener) {
        window.addEventListener('online', listener);
        return () => window.removeEventListener('online', listener);
      },
    },
  };
}
