import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventNames, isMethodName, type ApiHandlers } from '../contract/api';
import { API_ERROR_STATUS, ApiError, type ApiErrorBody } from '../contract/errors';
import { decodeInput, encodeEvent, encodeOutput } from '../contract/wire';
import type { EventBus } from '../core/events/event-bus';
import type { Logger } from '../core/log/logger';
import { allowedHosts, checkHostAndOrigin, checkToken, sessionCookieName, tokenMatches, type GuardFailure } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

export interface ApiServerOptions {
  handlers: ApiHandlers;
  events: EventBus;
  host: string;
  port: number;
  token: string;
  logger: Logger;
  /** The built renderer (out/renderer); without it only the API is served. */
  staticDir?: string | undefined;
  extraHosts?: string[];
  maxBodyBytes?: number;
}

export interface ApiServer {
  /** http://127.0.0.1:PORT/ — without the token. */
  url: string;
  port: number;
  /** Refusals and failures by reason, for `doctor` and the tests. */
  counters: Record<string, number>;
  close(): Promise<void>;
}

const CALL_PREFIX = '/api/call/';
/** Bodies above this are gzipped for clients that accept it (a 10,000-asset list is ~6 MB of JSON, ~10× smaller gzipped). */
const COMPRESS_ABOVE_BYTES = 8 * 1024;
const gzipAsync = promisify(gzip);

/**
 * The API over HTTP + WebSocket, generic over the contract: one route for every method, one
 * socket for every event. Listens on loopback by default; every request passes the Host,
 * Origin and token checks first.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { handlers, logger, token } = options;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const counters: Record<string, number> = {};
  const count = (reason: string): void => {
    counters[reason] = (counters[reason] ?? 0) + 1;
  };
  let hosts = new Set<string>();
  let port = options.port;

  function sendJson(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  }

  /** A method's result: compressed off the event loop when large and the client accepts gzip. */
  async function sendResult(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    const text = JSON.stringify(body);
    if (text.length < COMPRESS_ABOVE_BYTES || !/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return sendJson(response, 200, body);
    const compressed = await gzipAsync(text, { level: 4 });
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip', vary: 'accept-encoding', 'cache-control': 'no-store', 'content-length': compressed.length });
    response.end(compressed);
  }

  function sendError(response: ServerResponse, status: number, body: ApiErrorBody): void {
    count(body.code);
    sendJson(response, status, { error: body });
  }

  function refuse(response: ServerResponse, failure: GuardFailure): void {
    count(failure.reason);
    sendJson(response, failure.status, { error: { code: failure.status === 401 ? 'unauthorized' : 'forbidden', message: failure.message } });
  }

  async function readBody(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > maxBody) throw new ApiError('invalid-input', `request body is larger than ${maxBody} bytes`);
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8').trim();
    if (text === '') return {};
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError('invalid-input', 'request body is not valid JSON');
    }
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return sendError(response, 405, { code: 'invalid-input', message: `use POST ${CALL_PREFIX}${method}` });
    }
    // A JSON content type cannot be sent by a plain HTML form: one more wall against CSRF.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return sendError(response, 415, { code: 'invalid-input', message: 'send the input as JSON with "Content-Type: application/json"' });
    }
    if (!isMethodName(method)) return sendError(response, 404, { code: 'unknown-method', message: `no method "${method}"` });
    try {
      const input = decodeInput(method, await readBody(request));
      const output = await (handlers[method] as (input: unknown) => Promise<unknown>)(input);
      await sendResult(request, response, { result: encodeOutput(method, output as never) });
    } catch (error) {
      if (error instanceof ApiError) return sendError(response, API_ERROR_STATUS[error.code], error.toBody());
      logger.error({ err: error, method }, 'API method failed');
      sendError(response, 500, { code: 'internal', message: `${method} failed; the server log has the details` });
    }
  }

  /** GET /?token=… from the printed URL: trade the token for a cookie, then drop it from the address bar. */
  function exchangeToken(request: IncomingMessage, response: ServerResponse, url: URL): boolean {
    const offered = url.searchParams.get('token');
    if (offered === null || request.method !== 'GET') return false;
    if (!tokenMatches(offered, token)) {
      refuse(response, { status: 401, reason: 'bad-token', message: 'the token in this URL is not valid for this server: copy the URL printed by `sietch serve` again' });
      return true;
    }
    url.searchParams.delete('token');
    response.writeHead(303, {
      ...SECURITY_HEADERS,
      'set-cookie': `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      location: `${url.pathname}${url.search}`,
      'cache-control': 'no-store',
    });
    response.end();
    return true;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const guardOptions = { bindHost: options.host, port, token };
    const hostFailure = checkHostAndOrigin(request, hosts);
    if (hostFailure) return refuse(response, hostFailure);
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') return sendJson(response, 200, { status: 'ok' });
    if (exchangeToken(request, response, url)) return;
    const tokenFailure = checkToken(request, guardOptions);
    if (tokenFailure) return refuse(response, tokenFailure);
    if (url.pathname.startsWith(CALL_PREFIX)) return handleCall(request, response, decodeURIComponent(url.pathname.slice(CALL_PREFIX.length)));
    if (url.pathname.startsWith('/api/')) return sendError(response, 404, { code: 'not-found', message: `no route ${url.pathname}` });
    if (!options.staticDir || (request.method !== 'GET' && request.method !== 'HEAD')) return sendError(response, 404, { code: 'not-found', message: 'not found' });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    serveStatic(options.staticDir, url.pathname, response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!response.headersSent) sendError(response, 500, { code: 'internal', message: 'internal error' });
      else response.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (request, socket, head) => {
    const failure = checkHostAndOrigin(request, hosts) ?? checkToken(request, { bindHost: options.host, port, token });
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (failure || path !== '/api/events') {
      count(failure?.reason ?? 'not-found');
      socket.end(`HTTP/1.1 ${failure?.status ?? 404} ${failure ? 'Refused' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      ws.on('message', () => undefined); // the socket is push-only; client frames are ignored
    });
  });

  const unsubscribe = eventNames.map((event) =>
    options.events.on(event, (payload) => {
      if (clients.size === 0) return;
      const frame = JSON.stringify({ event, payload: encodeEvent(event, payload as never) });
      for (const client of clients) if (client.readyState === client.OPEN) client.send(frame);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts({ bindHost: options.host, port, token, extraHosts: options.extraHosts });
  const displayHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${displayHost}:${port}/`,
    port,
    counters,
    async close() {
      for (const dispose of unsubscribe) dispose();
      for (const client of clients) client.close(1001, 'server shutting down');
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
