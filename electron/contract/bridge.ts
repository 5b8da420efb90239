import type { ApiErrorBody } from './errors';

/**
 * What the preload exposes as `window.sietch` (contextBridge) — and nothing more.
 * Results come back in an envelope because Electron's invoke keeps only the message of a
 * thrown error; the envelope carries the error code and field issues intact.
 */
export type BridgeResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface SietchBridge {
  invoke(method: string, wireInput: unknown): Promise<BridgeResult>;
  subscribe(event: string, listener: (wirePayload: unknown) => void): () => void;
}

/** IPC channel names, shared by main and preload. */
export const IPC_INVOKE_CHANNEL = 'sietch:invoke';
export const IPC_EVENT_CHANNEL = 'sietch:event';
export const IPC_SUBSCRIBE_CHANNEL = 'sietch:subscribe';
