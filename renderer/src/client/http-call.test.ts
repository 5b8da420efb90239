import { describe, expect, it } from 'vitest';
import { methods } from '../../../electron/contract/api';
import { ApiError } from '../../../electron/contract/errors';
import { createTypedClient } from '../../../electron/contract/typed-client';
import { errorCodeForStatus, httpCall, type FetchLike } from './http-call';
import { createHttpTransport } from './http-transport';

interface Recorded {
  url: string;
  init: RequestInit;
}

/** A fetch that answers with a fixed status and body text, and records what it was asked. */
function fakeFetch(status: number, body: string, statusText = ''): FetchLike & { calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return { ok: status >= 200 && status < 300, status, statusText, text: async () => body };
  };
  return Object.assign(fetch, { calls });
}

const noSocket = () => {
  throw new Error('no sockets in this test');
};

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to reject');
}

describe('httpCall', () => {
  it('POSTs the wire input as JSON to /api/call/<method> and returns the result', async () => {
    const fetch = fakeFetch(200, '{"result":{"entries":[]}}');
    const result = await httpCall({ origin: 'http://127.0.0.1:7300', fetch }, 'journal.list', { afterSeq: 3 });
    expect(result).toEqual({ entries: [] });
    const [call] = fetch.calls;
    expect(call?.url).toBe('http://127.0.0.1:7300/api/call/journal.list');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.body).toBe('{"afterSeq":3}');
    expect(call?.init.credentials).toBe('same-origin');
    expect(new Headers(call?.init.headers).get('content-type')).toBe('application/json');
  });

  it('sends {} when there is no input, and keeps a null result', async () => {
    const fetch = fakeFetch(200, '{"result":null}');
    expect(await httpCall({ origin: '', fetch }, 'inventory.host.get', undefined)).toBeNull();
    expect(fetch.calls[0]?.init.body).toBe('{}');
    expect(fetch.calls[0]?.url).toBe('/api/call/inventory.host.get');
  });

  it("rejects with the server's error body, code, message and issues intact", async () => {
    const body = { error: { code: 'invalid-input', message: 'invalid input for journal.list: limit: too big', issues: [{ path: 'limit', message: 'too big' }] } };
    const error = await rejection(httpCall({ origin: '', fetch: fakeFetch(400, JSON.stringify(body)) }, 'journal.list', { limit: 9999 }));
    expect(error.toBody()).toEqual(body.error);
  });

  it('rejects with a code from the status when the body is not an error body (a proxy page)', async () => {
    const error = await rejection(httpCall({ origin: '', fetch: fakeFetch(502, '<html>Bad Gateway</html>', 'Bad Gateway') }, 'system.info', {}));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('502');
  });

  it('rejects a 200 without a result as internal', async () => {
    const error = await rejection(httpCall({ origin: '', fetch: fakeFetch(200, '{"nothing":1}') }, 'system.info', {}));
    expect(error.code).toBe('internal');
  });

  it('rejects as unavailable when the server cannot be reached', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = await rejection(httpCall({ origin: '', fetch }, 'system.info', {}));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('Failed to fetch');
  });

  it('maps bare statuses to the closest contract code', () => {
    expect(errorCodeForStatus(401)).toBe('unauthorized');
    expect(errorCodeForStatus(403)).toBe('forbidden');
    expect(errorCodeForStatus(404)).toBe('not-found');
    expect(errorCodeForStatus(409)).toBe('conflict');
    expect(errorCodeForStatus(503)).toBe('unavailable');
    expect(errorCodeForStatus(504)).toBe('unavailable');
    expect(errorCodeForStatus(418)).toBe('invalid-input');
    expect(errorCodeForStatus(500)).toBe('internal');
  });
});

describe('the HTTP transport under the typed client', () => {
  it('decodes outputs with the contract', async () => {
    const info = { product: 'sietch', version: '0.1.0', mode: 'headless', simulate: false, dataDir: '/var/lib/sietch', schemaVersion: 1, startedAt: '2026-11-24T15:00:00.000Z', journal: { length: 0, head: `0x${'0'.repeat(64)}` } };
    expect(methods['system.info'].output.parse(info)).toEqual(info);
    const client = createTypedClient(createHttpTransport({ origin: '', fetch: fakeFetch(200, JSON.stringify({ result: info })), openSocket: noSocket }));
    expect(client.transport).toBe('http');
    expect(await client.invoke('system.info')).toEqual(info);
  });

  it('surfaces server errors as ApiError', async () => {
    const client = createTypedClient(createHttpTransport({ origin: '', fetch: fakeFetch(401, '{"error":{"code":"unauthorized","message":"no token"}}'), openSocket: noSocket }));
    await expect(client.invoke('system.info')).rejects.toMatchObject({ name: 'ApiError', code: 'unauthorized', message: 'no token' });
  });
});
