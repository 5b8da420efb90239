import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/support/temp-dir';
import { isAppOriginUrl } from './app-origin';
import { createRendererRequestHandler, resolveRendererPath } from './renderer-files';

const tempDir = useTempDirs();

describe('resolveRendererPath', () => {
  const root = '/srv/sietch/out/renderer';

  it('maps app://sietch paths under the root, / to index.html', () => {
    expect(resolveRendererPath(root, 'app://sietch/')).toBe(`${root}/index.html`);
    expect(resolveRendererPath(root, 'app://sietch/index.html')).toBe(`${root}/index.html`);
    expect(resolveRendererPath(root, 'app://sietch/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(resolveRendererPath(root, 'app://sietch/assets/a%20b.css')).toBe(`${root}/assets/a b.css`);
  });

  it('never resolves outside the root', () => {
    // Plain and %2e dot segments are already folded by the URL parser: they stay inside the root.
    for (const url of ['app://sietch/../../etc/passwd', 'app://sietch/%2e%2e/%2e%2e/etc/passwd', 'app://sietch/..']) {
      const resolved = resolveRendererPath(root, url);
      expect(resolved === null || resolved.startsWith(`${root}/`), `${url} -> ${resolved}`).toBe(true);
    }
    // Encoded separators only become separators after decoding: judged after it, and refused.
    for (const url of ['app://sietch/assets/..%2f..%2f..%2fetc%2fpasswd', 'app://sietch/..%5c..%5cwindows%5csystem.ini', 'app://sietch/index.html%00.js', 'app://sietch/%E0%A4%A']) {
      expect(resolveRendererPath(root, url), url).toBeNull();
    }
  });

  it('refuses other hosts and schemes', () => {
    for (const url of ['app://evil/index.html', 'file:///srv/sietch/out/renderer/index.html', 'https://sietch/index.html', 'not a url']) {
      expect(resolveRendererPath(root, url), url).toBeNull();
    }
  });
});

describe('isAppOriginUrl', () => {
  it('accepts only our own origin', () => {
    expect(isAppOriginUrl('app://sietch/index.html')).toBe(true);
    expect(isAppOriginUrl('app://sietch/')).toBe(true);
    for (const url of ['app://sietch.evil/', 'app://evil/', 'app://user:pw@sietch/', 'https://sietch/', 'file:///index.html', 'about:blank', '', undefined, null, 'garbage']) {
      expect(isAppOriginUrl(url), String(url)).toBe(false);
    }
  });
});

describe('createRendererRequestHandler', () => {
  let root: string;
  let outside: string;

  beforeEach(() => {
    const base = tempDir();
    root = join(base, 'renderer');
    outside = join(base, 'secret');
    mkdirSync(join(root, 'assets'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Sietch</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(outside, 'key.txt'), 'private key');
    symlinkSync(join(outside, 'key.txt'), join(root, 'assets', 'leak.txt'));
  });

  const get = (url: string, method = 'GET') => createRendererRequestHandler(root)(new Request(url, { method }));

  it('serves files with their type, a strict CSP and nosniff', async () => {
    const page = await get('app://sietch/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Sietch</title>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('script-src app://sietch;');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://sietch/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('falls back to index.html for client-side routes, but not for missing files', async () => {
    expect(await (await get('app://sietch/hosts/gpu-node-07')).text()).toContain('<title>Sietch</title>');
    expect((await get('app://sietch/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the root: traversal and symlinks are 404', async () => {
    for (const url of ['app://sietch/../secret/key.txt', 'app://sietch/%2e%2e/secret/key.txt', 'app://sietch/assets/leak.txt']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('private key');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://sietch/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://sietch/index.html', 'POST')).status).toBe(405);
  });
});
