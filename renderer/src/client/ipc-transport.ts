import type { SietchBridge } from '../../../electron/contract/bridge';
import type { WireTransport } from '../../../electron/contract/client';
import { ApiError, isApiErrorBody } from '../../../electron/contract/errors';
import { isolateListener } from './isolate-listener';

/**
 * Desktop mode: window.sietch from the preload. The bridge wraps every result in an
 * envelope because Electron keeps only the message of a thrown error; we unwrap it and
 * reject with the error intact (code, message, field issues).
 */
export function createIpcTransport(bridge: SietchBridge): WireTransport {
  return {
    kind: 'ipc',
    async call(method, wireInput) {
      let envelope: unknown;
      try {
        envelope = await bridge.invoke(method, wireInput ?? {});
      } catch (error) {
        // The bridge itself failed (no handler registered, window closing): not an API answer.
        throw new ApiError('unavailable', `the desktop bridge failed on ${method}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return unwrapEnvelope(method, envelope);
    },
    subscribe: (event, listener) => bridge.subscribe(event, isolateListener(listener, event)),
    onConnectionChange(listener) {
      // In-process IPC cannot drop: it is connected for as long as the window exists.
      listener('connected');
      return () => {};
    },
  };
}

export function unwrapEnvelope(method: string, envelope: unknown): unknown {
  if (typeof envelope === 'object' && envelope !== null && 'ok' in envelope) {
    const { ok } = envelope as { ok: unknown };
    if (ok === true && 'result' in envelope) return (envelope as { result: unknown }).result;
    if (ok === false) {
      const { error } = envelope as { error?: unknown };
      if (isApiErrorBody(error)) throw new ApiError(error.code, error.message, error.issues);
    }
  }
  throw new ApiError('internal', `the desktop bridge answered ${method} with a malformed envelope`);
}
