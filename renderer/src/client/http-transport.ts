import type { WireTransport } from '../../../electron/contract/client';
import { createEventSocket, eventSocketUrl, type NetworkStatus, type OpenSocket, type Timers } from './event-socket';
import { httpCall, type FetchLike } from './http-call';
import type { BackoffPolicy } from './backoff';

export interface HttpTransportOptions {
  /** The server's origin, e.g. location.origin: calls and the event socket both go there. */
  origin: string;
  fetch: FetchLike;
  openSocket: OpenSocket;
  network?: NetworkStatus;
  timers?: Timers;
  backoff?: BackoffPolicy;
  callTimeoutMs?: number;
  staleAfterMs?: number;
}

export interface HttpTransport extends WireTransport {
  readonly kind: 'http';
  /** Closes the event socket for good (tests, page teardown). */
  close(): void;
}

/** Browser mode: calls over POST /api/call/<method>, events over the /api/events WebSocket. */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const events = createEventSocket({
    url: eventSocketUrl(options.origin),
    openSocket: options.openSocket,
    network: options.network,
    timers: options.timers,
    backoff: options.backoff,
    staleAfterMs: options.staleAfterMs,
  });
  const callOptions = { origin: options.origin, fetch: options.fetch, timeoutMs: options.callTimeoutMs };
  return {
    kind: 'http',
    call: (method, wireInput) => httpCall(callOptions, method, wireInput),
    subscribe: (event, listener) => events.subscribe(event, listener),
    onConnectionChange: (listener) => events.onStateChange(listener),
    close: () => events.close(),
  };
}
