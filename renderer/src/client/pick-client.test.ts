import { describe, expect, it } from 'vitest';
import type { SietchBridge } from '../../../electron/contract/bridge';
import { createClient, type ClientEnvironment } from './pick-client';

function environment(bridge?: SietchBridge): ClientEnvironment & { fetched: string[]; sockets: string[] } {
  const fetched: string[] = [];
  const sockets: string[] = [];
  return {
    fetched,
    sockets,
    bridge,
    origin: 'http://127.0.0.1:7300',
    fetch: async (url) => {
      fetched.push(url);
      return { ok: true, status: 200, statusText: 'OK', text: async () => '{"result":null}' };
    },
    openSocket: (url) => {
      sockets.push(url);
      return { onopen: null, onmessage: null, onclose: null, onerror: null, close() {} };
    },
    network: { isOnline: () => true, onOnline: () => () => {} },
  };
}

describe('the platform switch', () => {
  it('uses the desktop bridge when the preload provided one, and never touches HTTP', async () => {
    const invoked: string[] = [];
    const bridge: SietchBridge = {
      invoke: async (method) => (invoked.push(method), { ok: true, result: null }),
      subscribe: () => () => {},
    };
    const env = environment(bridge);
    const { client, details } = createClient(env);
    expect(details).toEqual({ transport: 'ipc', serverOrigin: null });
    expect(client.transport).toBe('ipc');
    expect(await client.invoke('inventory.host.get')).toBeNull();
    client.subscribe('onHeartbeat', () => {});
    expect(invoked).toEqual(['inventory.host.get']);
    expect(env.fetched).toEqual([]);
    expect(env.sockets).toEqual([]);
  });

  it('uses HTTP and the WebSocket of the page origin otherwise', async () => {
    const env = environment();
    const { client, details } = createClient(env);
    expect(details).toEqual({ transport: 'http', serverOrigin: 'http://127.0.0.1:7300' });
    expect(await client.invoke('inventory.host.get')).toBeNull();
    client.subscribe('onHeartbeat', () => {});
    expect(env.fetched).toEqual(['http://127.0.0.1:7300/api/call/inventory.host.get']);
    expect(env.sockets).toEqual(['ws://127.0.0.1:7300/api/events']);
  });
});
