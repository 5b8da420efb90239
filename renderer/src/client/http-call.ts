import { API_ERROR_STATUS, ApiError, isApiErrorBody, type ApiErrorCode } from '../../../electron/contract/errors';

/** The slice of `fetch` the transport uses, so a test can hand in a fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'statusText' | 'text'>>;

export interface HttpCallOptions {
  /** Scheme, host and port of the Sietch server; '' keeps URLs relative to the page. */
  origin: string;
  fetch: FetchLike;
  /** A host sweep can take seconds; a call still pending after this is reported as unavailable. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * POST /api/call/<method> with the wire input as JSON. Resolves with the wire result;
 * rejects with an ApiError (which is also a structural ApiErrorBody), whatever went wrong:
 * the server's own error body when it sent one, else one made up from the HTTP status.
 */
export async function httpCall(options: HttpCallOptions, method: string, wireInput: unknown): Promise<unknown> {
  const url = `${options.origin}/api/call/${encodeURIComponent(method)}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await options.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(wireInput ?? {}),
      // The auth cookie is HttpOnly and same-origin: the browser attaches it, we never see it.
      credentials: 'same-origin',
      signal: timeoutSignal(timeoutMs),
    });
  } catch (error) {
    throw new ApiError('unavailable', describeFetchFailure(error, method, timeoutMs));
  }

  const body = parseJson(await readText(response));
  if (response.ok) {
    if (isRecord(body) && 'result' in body) return body.result;
    throw new ApiError('internal', `the server answered ${method} with HTTP ${response.status} but without a result`);
  }
  if (isRecord(body) && isApiErrorBody(body.error)) {
    const { code, message, issues } = body.error;
    throw new ApiError(code, message, issues);
  }
  throw new ApiError(errorCodeForStatus(response.status), `the server answered ${method} with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
}

/** The closest contract code for an HTTP status that came without an error body (a proxy, a crash). */
export function errorCodeForStatus(status: number): ApiErrorCode {
  const exact = (Object.entries(API_ERROR_STATUS) as [ApiErrorCode, number][]).find(([code, codeStatus]) => codeStatus === status && code !== 'unknown-method');
  if (exact) return exact[0];
  if (status === 502 || status === 504) return 'unavailable';
  if (status >= 400 && status < 500) return 'invalid-input';
  return 'internal';
}

function timeoutSignal(ms: number): AbortSignal | undefined {
  return typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(ms) : undefined;
}

function describeFetchFailure(error: unknown, method: string, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `${method} got no answer within ${Math.round(timeoutMs / 1000)} s`;
  const reason = error instanceof Error ? error.message : String(error);
  return `cannot reach the Sietch server for ${method}: ${reason}`;
}

async function readText(response: Pick<Response, 'text'>): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // An HTML error page from a proxy, say: fall back to the status code.
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
