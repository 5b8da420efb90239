import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Serves the built renderer (out/renderer) for the app:// protocol. Plain Node (Request in,
 * Response out) so it is tested without Electron. Only files under the root are ever read:
 * anything that would leave it (.., encoded separators, symlinks pointing out) is a 404.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The file an app:// URL names under rootDir, or null when the URL is foreign or would leave the root. */
export function resolveRendererPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    // Decoding first means %2e%2e%2f and friends are judged as the separators they become.
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // NUL cuts paths in native code; a backslash is a separator on Windows. Neither has a use here.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = resolve(rootDir);
  const candidate = resolve(root, pathname === '/' ? 'index.html' : `.${pathname}`);
  return isInside(root, candidate) ? candidate : null;
}

function securityHeaders(contentType: string): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  // The policy is written out as one literal right here, where it is applied, so a reviewer (and
  // electronegativity's CSP check, which only reads literals) sees exactly what the page gets.
  // No remote origin anywhere: the renderer talks to the core over IPC, never over the network.
  // Our own origin is named (app://sietch) rather than 'self': the same thing for this page, but
  // CSP evaluators rightly treat 'self' as "maybe weak" (JSONP, uploads) without knowing the origin.
  headers['Content-Security-Policy'] = "default-src 'none'; script-src app://sietch; style-src app://sietch; img-src app://sietch data:; font-src app://sietch; connect-src app://sietch; manifest-src app://sietch; worker-src app://sietch; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'; object-src 'none'";
  return headers;
}

function notFound(): Response {
  return new Response('not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Reads a file only if its real path (symlinks resolved) is still under the real root. */
async function readContained(realRoot: string, file: string): Promise<Buffer | null> {
  try {
    const real = await realpath(file);
    if (!isInside(realRoot, real)) return null;
    return await readFile(real);
  } catch {
    return null; // missing, a directory, unreadable: all the same 404 to the page
  }
}

export function createRendererRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers: { ...securityHeaders('text/plain; charset=utf-8'), Allow: 'GET, HEAD' } });
    const file = resolveRendererPath(root, request.url);
    if (!file) return notFound();
    realRoot ??= realpath(root).catch(() => root);
    const rootOnDisk = await realRoot;
    let served = file;
    let body = await readContained(rootOnDisk, file);
    // Client-side routes (no file extension) fall back to the single page, as a web server would.
    if (!body && extname(file) === '') {
      served = resolve(root, 'index.html');
      body = await readContained(rootOnDisk, served);
    }
    if (!body) return notFound();
    const headers = securityHeaders(CONTENT_TYPES[extname(served).toLowerCase()] ?? 'application/octet-stream');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
