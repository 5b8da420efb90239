import type { ConnectionState, Dispose } from '../../../electron/contract/client';
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffPolicy } from './backoff';
import { isolateListener, reportListenerError } from './isolate-listener';

/** The slice of a browser WebSocket we use; a test hands in a fake. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export type OpenSocket = (url: string) => SocketLike;

/** Whether the machine has a network at all (navigator.onLine and its events). */
export interface NetworkStatus {
  isOnline(): boolean;
  onOnline(listener: () => void): Dispose;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EventSocketOptions {
  /** null when the page has no usable origin (file:// without the desktop bridge): never connects. */
  url: string | null;
  openSocket: OpenSocket;
  network?: NetworkStatus;
  timers?: Timers;
  backoff?: BackoffPolicy;
  /** The server sends onHeartbeat every 5 s; silence this long means a dead (half-open) connection. */
  staleAfterMs?: number;
}

export interface EventSocket {
  subscribe(event: string, listener: (wirePayload: unknown) => void): Dispose;
  onStateChange(listener: (state: ConnectionState) => void): Dispose;
  readonly state: ConnectionState;
  /** Stops for good: closes the socket and cancels any reconnect. */
  close(): void;
}

const ALWAYS_ONLINE: NetworkStatus = { isOnline: () => true, onOnline: () => () => {} };
const GLOBAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * The server's push channel: one WebSocket, frames `{"event", "payload"}`, reconnected with
 * exponential backoff whenever it drops. It opens lazily, on the first subscribe or state
 * listener, so merely creating a client has no side effect.
 */
export function createEventSocket(options: EventSocketOptions): EventSocket {
  const network = options.network ?? ALWAYS_ONLINE;
  const timers = options.timers ?? GLOBAL_TIMERS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const staleAfterMs = options.staleAfterMs ?? 15_000;

  const eventListeners = new Map<string, Set<(wirePayload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let failedAttempts = 0;
  let reconnectTimer: unknown = null;
  let staleTimer: unknown = null;
  let started = false;
  let closed = false;
  let stopWatchingNetwork: Dispose = () => {};

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function start(): void {
    if (started || closed) return;
    started = true;
    // Back on the network: try now rather than wait out the backoff.
    stopWatchingNetwork = network.onOnline(() => {
      if (closed || state === 'connected') return;
      failedAttempts = 0;
      cancelReconnect();
      connect();
    });
    connect();
  }

  function connect(): void {
    if (closed) return;
    dropSocket();
    if (options.url === null) {
      scheduleReconnect();
      return;
    }
    let opened: SocketLike;
    try {
      opened = options.openSocket(options.url);
    } catch (error) {
      reportListenerError(error, 'opening the event socket');
      scheduleReconnect();
      return;
    }
    socket = opened;
    // Also bounds the handshake: a connect that neither opens nor fails counts as failed.
    armStaleTimer();
    opened.onopen = () => {
      if (socket !== opened) return;
      failedAttempts = 0;
      setState('connected');
      armStaleTimer();
    };
    opened.onmessage = (message) => {
      if (socket !== opened) return;
      armStaleTimer();
      dispatch(message.data);
    };
    opened.onclose = () => {
      if (socket !== opened) return;
      socket = null;
      cancelStaleTimer();
      scheduleReconnect();
    };
    // Every error is followed by a close; the close handler does the work.
    opened.onerror = () => {};
  }

  function scheduleReconnect(): void {
    if (closed) return;
    cancelReconnect();
    const online = network.isOnline();
    setState(online ? 'reconnecting' : 'offline');
    // Offline, keep probing slowly anyway: a server on loopback works without a network.
    const delay = online ? reconnectDelay(failedAttempts, backoff) : backoff.maxDelayMs;
    failedAttempts += 1;
    reconnectTimer = timers.setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function armStaleTimer(): void {
    cancelStaleTimer();
    staleTimer = timers.setTimeout(() => {
      staleTimer = null;
      // A half-open socket may take minutes to report its close: give up on it ourselves.
      dropSocket();
      scheduleReconnect();
    }, staleAfterMs);
  }

  function cancelStaleTimer(): void {
    if (staleTimer !== null) timers.clearTimeout(staleTimer);
    staleTimer = null;
  }

  function cancelReconnect(): void {
    if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
    reconnectTimer = null;
  }

  function dropSocket(): void {
    const current = socket;
    socket = null;
    if (!current) return;
    current.onopen = current.onmessage = current.onclose = current.onerror = null;
    try {
      current.close();
    } catch {
      // Already closing: nothing more to do.
    }
  }

  function dispatch(data: unknown): void {
    const frame = parseFrame(data);
    if (!frame) {
      console.warn('[sietch] ignored a malformed event frame');
      return;
    }
    const listeners = eventListeners.get(frame.event);
    if (!listeners) return;
    for (const listener of [...listeners]) listener(frame.payload);
  }

  return {
    get state() {
      return state;
    },
    subscribe(event, listener) {
      const guarded = isolateListener(listener, event);
      let listeners = eventListeners.get(event);
      if (!listeners) eventListeners.set(event, (listeners = new Set()));
      listeners.add(guarded);
      start();
      return () => {
        listeners.delete(guarded);
      };
    },
    onStateChange(listener) {
      const guarded = isolateListener(listener, 'connection state');
      // A new listener learns the current state at once, so nobody renders a stale default;
      // before start(), so it sees each state once and in order.
      guarded(state);
      stateListeners.add(guarded);
      start();
      return () => {
        stateListeners.delete(guarded);
      };
    },
    close() {
      if (closed) return;
      closed = true;
      stopWatchingNetwork();
      cancelReconnect();
      cancelStaleTimer();
      dropSocket();
    },
  };
}

export function parseFrame(data: unknown): { event: string; payload: unknown } | null {
  if (typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { event, payload } = parsed as { event?: unknown; payload?: unknown };
  return typeof event === 'string' ? { event, payload } : null;
}

/** ws://host/api/events for an http origin, wss:// for https; null for an origin that is not a URL. */
export function eventSocketUrl(origin: string): string | null {
  let url: URL;
  try {
    url = new URL('/api/events', origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
