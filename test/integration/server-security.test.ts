import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../electron/core/core';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { silentLogger } from '../../electron/core/log/logger';
import { startApiServer, type ApiServer } from '../../electron/server/api-server';
import { startTestCore } from '../support/core-fixture';
import { gpuRead, gpuReading } from '../support/gpu-reads';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const TOKEN = 'a'.repeat(64);
let core: Core;
let server: ApiServer;

beforeEach(async () => {
  core = startTestCore(tempDir());
  server = await startApiServer({ handlers: core.handlers, events: core.events, host: '127.0.0.1', port: 0, token: TOKEN, logger: silentLogger });
});
afterEach(async () => {
  await server.close();
  await core.close();
});

/** Raw HTTP so the test controls every header, Host included (fetch would not let it). */
function send(path: string, { method = 'POST', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON (redirects, static files)
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
const authed = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describe('HTTP API security', () => {
  it('answers a call with the token', async () => {
    const response = await send('/api/call/system.info', { headers: authed, body: '{}' });
    expect(response.status).toBe(200);
    expect(response.json.result).toMatchObject({ product: 'sietch', mode: 'headless', schemaVersion: MIGRATIONS.length });
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('refuses a call without a token, with a wrong token, and a WebSocket without one', async () => {
    const none = await send('/api/call/system.info', { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(none.json.error.message).toMatch(/token is required/);
    const wrong = await send('/api/call/system.info', { headers: { ...authed, authorization: `Bearer ${'b'.repeat(64)}` }, body: '{}' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.message).toMatch(/not valid/);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    expect(server.counters['no-token']).toBe(2);
    expect(server.counters['bad-token']).toBe(1);
  });

  it('refuses a wrong Host header (DNS rebinding) even with the right token', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1']) {
      const response = await send('/api/call/system.info', { headers: { ...authed, host }, body: '{}' });
      expect(response.status).toBe(403);
      expect(response.json.error.message).toMatch(/is not this server/);
    }
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`]) expect((await send('/api/call/system.info', { headers: { ...authed, host }, body: '{}' })).status).toBe(200);
  });

  it('refuses a foreign Origin, even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${server.port}`, 'http://127.0.0.1:1']) {
      const response = await send('/api/call/system.info', { headers: { ...authed, origin }, body: '{}' });
      expect(response.status).toBe(403);
      expect(response.json.error.code).toBe('forbidden');
    }
    expect((await send('/api/call/system.info', { headers: { ...authed, origin: `http://127.0.0.1:${server.port}` }, body: '{}' })).status).toBe(200);
  });

  it('answers invalid input with a clear 4xx', async () => {
    const invalid = await send('/api/call/journal.list', { headers: authed, body: JSON.stringify({ limit: 0 }) });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatchObject({ code: 'invalid-input', issues: [{ path: 'limit' }] });
    expect((await send('/api/call/journal.list', { headers: authed, body: '{"limit":' })).json.error.message).toMatch(/not valid JSON/);
    expect((await send('/api/call/no.such', { headers: authed, body: '{}' })).status).toBe(404);
    expect((await send('/api/call/system.info', { method: 'GET', headers: authed })).status).toBe(405);
    expect((await send('/api/call/system.info', { headers: { ...authed, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const huge = await send('/api/call/journal.list', { headers: authed, body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(400);
    expect(server.counters['invalid-input']).toBeGreaterThanOrEqual(4);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie that HTTP and WebSocket accept', async () => {
    const exchange = await send('/?token=' + TOKEN, { method: 'GET' });
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    const cookie = String(exchange.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    const call = await send('/api/call/system.info', { headers: { cookie: pair, 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}` }, body: '{}' });
    expect(call.status).toBe(200);
    expect((await send('/?token=' + 'c'.repeat(64), { method: 'GET' })).status).toBe(401);

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { cookie: pair, origin: `http://127.0.0.1:${server.port}` } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const frame = new Promise<{ event: string; payload: { kind: string } }>((resolve) =>
      ws.on('message', (data) => {
        const parsed = JSON.parse(String(data));
        if (parsed.event === 'onJournalAppended') resolve(parsed);
      }),
    );
    await send('/api/call/inventory.host.refresh', { headers: authed, body: '{}' });
    expect((await frame).payload.kind).toBe('asset.discovered');
    ws.close();
  });

  it('refuses a WebSocket from a foreign Origin', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' } });
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });
});

describe('HTTP API transfer', () => {
  it('gzips large results for clients that accept it, and only for them', async () => {
    // A register of 64 GPUs: its list is well above the compression threshold.
    const big = startTestCore(tempDir(), undefined, async () => gpuRead(Array.from({ length: 64 }, (_, index) => gpuReading({ index, uuid: `GPU-${String(index).padStart(8, '0')}-0000-0000-0000-000000000000` }))));
    await big.handlers['inventory.gpus.refresh']({});
    const bigServer = await startApiServer({ handlers: big.handlers, events: big.events, host: '127.0.0.1', port: 0, token: TOKEN, logger: silentLogger });
    try {
      const call = (acceptEncoding?: string) =>
        new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
          const headers: Record<string, string> = { host: `127.0.0.1:${bigServer.port}`, ...authed, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) };
          const req = request({ host: '127.0.0.1', port: bigServer.port, path: '/api/call/inventory.assets.list', method: 'POST', headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
          });
          req.on('error', reject);
          req.end('{}');
        });
      const plain = await call();
      expect(plain.encoding).toBeUndefined();
      const zipped = await call('gzip, deflate, br');
      expect(zipped.encoding).toBe('gzip');
      expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
      expect(gunzipSync(zipped.body).toString('utf8')).toBe(plain.body.toString('utf8'));
      expect(JSON.parse(plain.body.toString('utf8')).result.assets).toHaveLength(65);
    } finally {
      await bigServer.close();
      await big.close();
    }
  });
});
