import http from 'node:http';
import https from 'node:https';

export interface HttpRequestOptions {
  /** The whole exchange (connect, headers, body) must finish within this. */
  timeoutMs: number;
  /** A body larger than this is refused (a misconfigured target must not fill the memory). */
  maxBytes: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Extra CA certificates (PEM) trusted for https, beside the system ones. */
  ca?: string | undefined;
  agent?: http.Agent | https.Agent | undefined;
}

export type HttpFailure = 'timeout' | 'unreachable' | 'http-status' | 'too-large';

export type HttpResult =
  | { ok: true; status: number; body: string; bytes: number; durationMs: number }
  | { ok: false; failure: HttpFailure; status: number | null; message: string; durationMs: number };

/**
 * One HTTP(S) exchange that never throws and never hangs: every outcome is a result, with a
 * timeout over the whole exchange (a target that sends headers and then stalls is a timeout too).
 * Only 2xx answers count; the body is decoded as UTF-8.
 */
export function httpRequest(url: URL, options: HttpRequestOptions): Promise<HttpResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (client === null) return Promise.resolve({ ok: false, failure: 'unreachable', status: null, message: `unsupported protocol ${url.protocol}`, durationMs: 0 });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: HttpResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (failure: HttpFailure, message: string, status: number | null = null): void => finish({ ok: false, failure, status, message, durationMs: elapsed() });
    const request = client.request(url, {
      method: options.method ?? 'GET',
      headers: { 'accept-encoding': 'identity', ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) },
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.agent !== undefined ? { agent: options.agent } : {}),
    });
    const timer = setTimeout(() => {
      fail('timeout', `no complete answer within ${options.timeoutMs} ms`);
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => fail('unreachable', error.code ? `${error.code}: ${error.message}` : error.message));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > options.maxBytes) {
          fail('too-large', `answer larger than ${options.maxBytes} bytes`, status);
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => fail('unreachable', error.message, status));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (status < 200 || status > 299) fail('http-status', `HTTP ${status}${body ? `: ${body.slice(0, 200).trim()}` : ''}`, status);
        else finish({ ok: true, status, body, bytes, durationMs: elapsed() });
      });
    });
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** Runs `work` over `items` with at most `limit` at once; results in the order of the items. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
