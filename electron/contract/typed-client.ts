import type { EventName, MethodName } from './api';
import type { SietchClient, WireTransport } from './client';
import { ApiError, isApiErrorBody } from './errors';
import { decodeEvent, decodeOutput, toWire } from './wire';

/** Wraps a wire transport into the typed client: encodes inputs, decodes outputs and events. */
export function createTypedClient(transport: WireTransport): SietchClient {
  return {
    transport: transport.kind,
    async invoke(method: MethodName, input?: unknown) {
      try {
        const wire = await transport.call(method, toWire(input ?? {}));
        return decodeOutput(method, wire);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        if (isApiErrorBody(error)) throw ApiError.fromBody(error);
        throw error;
      }
    },
    subscribe(event: EventName, listener: (payload: never) => void) {
      return transport.subscribe(event, (wire) => listener(decodeEvent(event, wire) as never));
    },
    onConnectionChange: (listener) => transport.onConnectionChange(listener),
  } as SietchClient;
}
