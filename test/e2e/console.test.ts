import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as si from 'systeminformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startServe, waitForExit, type ServeHandle, apiResult } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';

// The real product path: the built `sietch serve` on a fresh data directory, the built
// renderer it serves, this machine's real host inventory, Debian's Chromium.
const SCREENSHOTS = join('test-results', 'screenshots');
const PAGES = ['overview', 'inventory', 'robots', 'node', 'finance', 'reports', 'settings'] as const;
const tempDir = useTempDirs();
let serve: ServeHandle;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  serve = await startServe(tempDir());
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  page.on('pageerror', (error) => {
    throw error;
  });
});

afterAll(async () => {
  await browser?.close();
  serve?.child.kill('SIGTERM');
  if (serve) await waitForExit(serve.child);
});

const api = (method: string): Promise<any> => apiResult(serve, method);

describe('the web console', () => {
  it('refuses the page without the token', async () => {
    const response = await page.goto(serve.url);
    expect(response?.status()).toBe(401);
  });

  it('opens from the printed URL and shows this machine on Overview', async () => {
    await page.goto(serve.urlWithToken);
    // The token was traded for a cookie and dropped from the address bar (and from history).
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => page.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    const host = await api('inventory.host.get');
    const cpu = await si.cpu();
    await expect.poll(() => page.getByTestId('host-asset-id').textContent(), { timeout: 15_000 }).toContain(host.assetId);
    expect(await page.getByTestId('host-cpu').textContent()).toContain(cpu.brand);
    const serial = host.system.serial ?? host.baseboard.serial ?? '—';
    expect(await page.getByTestId('host-serial').textContent()).toContain(serial);
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-en.png'), fullPage: true });
  });

  it('navigates every page with the mouse and the keyboard', async () => {
    for (const name of PAGES) {
      await page.getByTestId(`nav-${name}`).click();
      await expect.poll(() => page.url()).toContain(`#/${name}`);
      await expect.poll(() => page.getByTestId(`nav-${name}`).getAttribute('aria-current')).toBe('page');
      await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-en.png`) });
    }
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.url()).toContain('#/inventory');
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.url()).toContain('#/overview');
  });

  it('switches to French and keeps it after a reload', async () => {
    const englishTitle = await page.getByTestId('page-title').textContent();
    await page.getByTestId('language-select').selectOption('fr');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    await expect.poll(() => page.getByTestId('nav-settings').textContent()).toMatch(/Paramètres/);
    expect(await page.getByTestId('page-title').textContent()).not.toBe(englishTitle);
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-settings').textContent()).toMatch(/Paramètres/);
    for (const name of PAGES) {
      await page.getByTestId(`nav-${name}`).click();
      await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-fr.png`) });
    }
  });

  it('renders the dark theme', async () => {
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('theme-select').selectOption('dark');
    await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-fr-dark.png'), fullPage: true });
  });

  it('shows the connection lost when the server stops', async () => {
    serve.child.kill('SIGTERM');
    await waitForExit(serve.child);
    await expect.poll(() => page.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).not.toBe('connected');
  });
});
