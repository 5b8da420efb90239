import { describe, expect, it, vi } from 'vitest';
import type { BridgeResult, SietchBridge } from '../../../electron/contract/bridge';
import type { ConnectionState } from '../../../electron/contract/client';
import { ApiError } from '../../../electron/contract/errors';
import { createTypedClient } from '../../../electron/contract/typed-client';
import { createIpcTransport, unwrapEnvelope } from './ipc-transport';

function fakeBridge(answer: (method: string, input: unknown) => Promise<BridgeResult>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const bridge: SietchBridge & { emit(event: string, payload: unknown): void; invoked: [string, unknown][] } = {
    invoked: [],
    invoke(method, input) {
      bridge.invoked.push([method, input]);
      return answer(method, input);
    },
    subscribe(event, listener) {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    emit(event, payload) {
      listeners.get(event)?.(payload);
    },
  };
  return bridge;
}

describe('the IPC transport', () => {
  it('unwraps a successful envelope', async () => {
    const bridge = fakeBridge(async () => ({ ok: true, result: { entries: [] } }));
    const transport = createIpcTransport(bridge);
    expect(transport.kind).toBe('ipc');
    expect(await transport.call('journal.list', { limit: 5 })).toEqual({ entries: [] });
    expect(bridge.invoked).toEqual([['journal.list', { limit: 5 }]]);
  });

  it('keeps a null result', () => {
    expect(unwrapEnvelope('inventory.host.get', { ok: true, result: null })).toBeNull();
  });

  it('rejects with the error of a failed envelope, intact', async () => {
    const body = { code: 'invalid-input' as const, message: 'bad limit', issues: [{ path: 'limit', message: 'too big' }] };
    const transport = createIpcTransport(fakeBridge(async () => ({ ok: false, error: body })));
    const error = await transport.call('journal.list', { limit: 9999 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toBody()).toEqual(body);
  });

  it('rejects a malformed envelope as internal', () => {
    for (const envelope of [undefined, null, 42, { ok: true }, { ok: false, error: 'boom' }, { result: 1 }]) {
      expect(() => unwrapEnvelope('system.info', envelope)).toThrow(expect.objectContaining({ code: 'internal' }));
    }
  });

  it('reports a failing bridge as unavailable', async () => {
    const transport = createIpcTransport(fakeBridge(async () => Promise.reject(new Error("No handler registered for 'sietch:invoke'"))));
    await expect(transport.call('system.info', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('is always connected', () => {
    const states: ConnectionState[] = [];
    createIpcTransport(fakeBridge(async () => ({ ok: true, result: null }))).onConnectionChange((state) => states.push(state));
    expect(states).toEqual(['connected']);
  });

  it('passes events through, decoded by the typed client, and survives a throwing listener', () => {
    const bridge = fakeBridge(async () => ({ ok: true, result: null }));
    const client = createTypedClient(createIpcTransport(bridge));
    const seen: string[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const stop = client.subscribe('onHeartbeat', (beat) => seen.push(beat.at));
    bridge.emit('onHeartbeat', { at: '2026-11-24T15:00:05.000Z' });
    bridge.emit('onHeartbeat', { at: 'not a time' });
    expect(seen).toEqual(['2026-11-24T15:00:05.000Z']);
    expect(errors).toHaveBeenCalledTimes(1);
    stop();
    bridge.emit('onHeartbeat', { at: '2026-11-24T15:00:10.000Z' });
    expect(seen).toHaveLength(1);
    errors.mockRestore();
  });
});
