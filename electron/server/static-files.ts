import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Serves the built renderer. Only files inside root; unknown paths get index.html (hash routing needs no more). */
export function serveStatic(root: string, urlPath: string, response: ServerResponse): void {
  const base = resolve(root);
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  } catch {
    response.writeHead(400).end('bad path');
    return;
  }
  let file = resolve(join(base, relative || 'index.html'));
  if (file !== base && !file.startsWith(base + sep)) {
    response.writeHead(404).end('not found');
    return;
  }
  let stats = statSafe(file);
  if (!stats?.isFile()) {
    file = join(base, 'index.html');
    stats = statSafe(file);
  }
  if (!stats?.isFile()) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The console is not built: run `npm run build` in the Sietch checkout.');
    return;
  }
  const immutable = file.includes(`${sep}assets${sep}`); // vite puts content-hashed files there
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': Number(stats.size), 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  createReadStream(file).pipe(response);
}

function statSafe(file: string): import('node:fs').Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
