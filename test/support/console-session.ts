import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { startServe, waitForExit, type ServeHandle } from './sietch-process';
import { until } from './until';

/** Where e2e tests write the screenshots a reviewer looks at. */
export const SCREENSHOTS = join('test-results', 'screenshots');

export interface OpenConsoleOptions {
  /** 1366×860 unless the page needs more room. */
  viewport?: { width: number; height: number };
  /** For tests that click a download (Save evidence, exports). */
  acceptDownloads?: boolean;
  /** How long the console may take to connect; until()'s default otherwise. */
  connectTimeoutMs?: number;
  /** A console error the test provokes on purpose (a wrong passphrase's 401): not a problem. */
  expectedConsoleError?: (message: ConsoleMessage) => boolean;
}

export interface ConsolePage {
  page: Page;
  /** Every uncaught error, console error and CSP violation the page has had: tests assert it stays empty. */
  problems: string[];
}

export interface ConsoleSession {
  /** A fresh data directory, removed after the file's tests. */
  tempDir: (prefix: string) => string;
  /** The built `sietch serve` on a data directory, stopped after the file's tests. */
  serve: (dataDir: string, args?: string[]) => Promise<ServeHandle>;
  /** A Chromium page on the serve's console, connected, recording its problems instead of hiding them. */
  openConsole: (serve: ServeHandle, options?: OpenConsoleOptions) => Promise<ConsolePage>;
}

/**
 * What an e2e file on the product path needs around its tests: one Chromium for the file, the
 * serves and data directories it starts, all closed after its last test, and the screenshots
 * folder made. Call once at the top of the file (it registers beforeAll and afterAll).
 */
export function useConsoleSession(): ConsoleSession {
  let browser: Browser | undefined;
  const dirs: string[] = [];
  const servers: ServeHandle[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const serve of servers) {
      serve.child.kill('SIGTERM');
      await waitForExit(serve.child);
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  return {
    tempDir: (prefix) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    serve: async (dataDir, args = []) => {
      const handle = await startServe(dataDir, args);
      servers.push(handle);
      return handle;
    },
    openConsole: async (serve, options = {}) => {
      if (!browser) throw new Error('openConsole before Chromium started: call it from a hook or a test, not at the top of the file');
      const page = await browser.newPage({ viewport: options.viewport ?? { width: 1366, height: 860 }, ...(options.acceptDownloads === undefined ? {} : { acceptDownloads: options.acceptDownloads }) });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !options.expectedConsoleError?.(message)) problems.push(`console: ${message.text()}`);
      });
      await page.goto(serve.urlWithToken);
      await until('the console to connect', async () => (await page.getByTestId('connection-indicator').getAttribute('data-state')) === 'connected', options.connectTimeoutMs);
      return { page, problems };
    },
  };
}

/** Opens one of the console's pages from the navigation and waits for its route. */
export async function showConsolePage(page: Page, name: string): Promise<void> {
  await page.getByTestId(`nav-${name}`).click();
  await until(`the ${name} page`, async () => page.url().includes(`#/${name}`));
}
