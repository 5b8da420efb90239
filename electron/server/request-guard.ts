import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The three checks every request passes before it reaches the API: the Host header names
 * this server (defeats DNS rebinding), a browser Origin, if sent, is this server's own, and
 * the caller holds the token (cookie from the browser exchange, or a bearer header).
 */
export interface GuardOptions {
  bindHost: string;
  port: number;
  token: string;
  /** Extra host names an operator has put in front of the server (a reverse proxy). */
  extraHosts?: string[];
}

export type GuardFailure = { status: 403 | 401; reason: 'bad-host' | 'bad-origin' | 'no-token' | 'bad-token'; message: string };

export function allowedHosts({ bindHost, port, extraHosts = [] }: GuardOptions): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', ...extraHosts]);
  if (bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  return new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
}

/** Cookies are not scoped by port: the name carries it so two servers on one machine do not collide. */
export function sessionCookieName(port: number): string {
  return `sietch_session_${port}`;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function presentedToken(request: IncomingMessage, port: number): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? parseCookies(request.headers.cookie).get(sessionCookieName(port));
}

export function checkHostAndOrigin(request: IncomingMessage, hosts: Set<string>): GuardFailure | null {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { status: 403, reason: 'bad-host', message: `Host "${request.headers.host ?? ''}" is not this server: requests must name 127.0.0.1, localhost or [::1] with the port` };
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//i, '').toLowerCase())) {
    return { status: 403, reason: 'bad-origin', message: `Origin "${origin}" is not allowed: the API answers only pages served by this server` };
  }
  return null;
}

export function checkToken(request: IncomingMessage, options: GuardOptions): GuardFailure | null {
  const candidate = presentedToken(request, options.port);
  if (!candidate) return { status: 401, reason: 'no-token', message: 'a token is required: open the URL printed by `sietch serve`, or send "Authorization: Bearer <token>" (the token is in the data directory, file server-token)' };
  if (!tokenMatches(candidate, options.token)) return { status: 401, reason: 'bad-token', message: 'the token is not valid for this server' };
  return null;
}
