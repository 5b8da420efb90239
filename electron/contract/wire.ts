import { z } from 'zod';
import { events, methods, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodOutput } from './api';
import { ApiError } from './errors';

/**
 * Conversions between the domain form (bigint money) and the wire form (JSON-safe: decimal
 * strings). Servers decode inputs and encode outputs; clients do the reverse. The same code
 * runs for IPC and HTTP, which is why both transports give byte-identical results.
 */

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message }));
}

export function decodeInput<M extends MethodName>(method: M, wire: unknown): MethodInput<M> {
  const parsed = z.safeDecode(methods[method].input as z.ZodType, wire ?? {});
  if (!parsed.success) throw new ApiError('invalid-input', `invalid input for ${method}: ${issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`, issuesOf(parsed.error));
  return parsed.data as MethodInput<M>;
}

export function encodeOutput<M extends MethodName>(method: M, value: MethodOutput<M>): unknown {
  const encoded = z.safeEncode(methods[method].output as z.ZodType, value);
  // An output that does not match its schema is our bug, not the caller's: say so plainly.
  if (!encoded.success) throw new ApiError('internal', `the ${method} handler returned a value that does not match the contract`);
  return encoded.data;
}

export function decodeOutput<M extends MethodName>(method: M, wire: unknown): MethodOutput<M> {
  return z.decode(methods[method].output as z.ZodType, wire) as MethodOutput<M>;
}

export function encodeEvent<E extends EventName>(event: E, payload: EventPayload<E>): unknown {
  return z.encode(events[event] as z.ZodType, payload);
}

export function decodeEvent<E extends EventName>(event: E, wire: unknown): EventPayload<E> {
  return z.decode(events[event] as z.ZodType, wire) as EventPayload<E>;
}

/** Domain values to JSON-safe ones for inputs: bigint -> decimal string, recursively. */
export function toWire(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}
