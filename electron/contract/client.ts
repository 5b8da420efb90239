import type { EventName, EventPayload, MethodCallInput, MethodName, MethodOutput } from './api';

/** A function that stops a subscription. Every subscribe returns one. */
export type Dispose = () => void;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * What a transport carries: wire-form JSON in, wire-form JSON out. Electron IPC and
 * HTTP/WebSocket both implement it; the typed client sits on top and is shared.
 */
export interface WireTransport {
  readonly kind: 'ipc' | 'http';
  call(method: string, wireInput: unknown): Promise<unknown>;
  subscribe(event: string, listener: (wirePayload: unknown) => void): Dispose;
  onConnectionChange(listener: (state: ConnectionState) => void): Dispose;
}

/** The one interface the renderer (and tests, and scripts) use to talk to the core. */
export interface SietchClient {
  readonly transport: WireTransport['kind'];
  invoke<M extends MethodName>(method: M, input?: MethodCallInput<M>): Promise<MethodOutput<M>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Dispose;
  onConnectionChange(listener: (state: ConnectionState) => void): Dispose;
}
