import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { ANVIL } from '../support/dev-chain';
import { useDevnetProcesses } from '../support/devnet-process';
import { apiResult, runSietch, startServe, waitForExit, type ServeHandle } from '../support/sietch-process';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';

// The "done when" in the console: `sietch devnet` plus `sietch serve --simulate`, and the
// Node page shows reports going from queued to confirmed. The devnet is stopped while the node
// signs its first reports (they queue, the RPC shows unreachable), then started again on the same
// port: the queue goes out in order and the page follows, driven by the server's events.
const SCREENSHOTS = join('test-results', 'screenshots');
const tempDir = useTempDirs();
const startDevnet = useDevnetProcesses();
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const ROW = '[data-testid="chain-publication-row"]';

/** Every state each report's row was seen in, sampled in the page every 100 ms. */
const STATE_RECORDER = `(() => {
  window.__chainStates = {};
  const sample = () => {
    for (const row of document.querySelectorAll('${ROW}')) {
      const seq = row.getAttribute('data-seq');
      const seen = (window.__chainStates[seq] = window.__chainStates[seq] || []);
      const state = row.getAttribute('data-state');
      if (seen[seen.length - 1] !== state) seen.push(state);
    }
  };
  sample();
  window.__chainTimer = setInterval(sample, 100);
})()`;

describe.skipIf(!ANVIL)('the Node page follows reports onto the chain', () => {
  it('queued while the devnet is down, then sent and confirmed once it is back; links, balance and the report view', async () => {
    const dataDir = tempDir();
    const passphrase = join(tempDir(), 'passphrase');
    writeFileSync(passphrase, 'correct horse battery staple\n', { mode: 0o600 });
    chmodSync(passphrase, 0o600);
    expect(runSietch(['key', 'create', '--passphrase-file', passphrase, '--data-dir', dataDir]).status).toBe(0);
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ node: { sampleIntervalSeconds: 1, epochSeconds: 10 } }));
    const first = await startDevnet(dataDir);
    const port = new URL(first.info.rpcUrl).port;
    expect(await first.stop()).toBe(0);

    let serve: ServeHandle | null = null;
    let page: Page | null = null;
    try {
      serve = await startServe(dataDir, ['--simulate', '--passphrase-file', passphrase]);
      page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.goto(serve.urlWithToken);
      await until('the console to connect', async () => (await page!.getByTestId('connection-indicator').getAttribute('data-state')) === 'connected');
      await page.getByTestId('nav-node').click();
      await page.getByTestId('chain-panel').waitFor();
      await page.evaluate(STATE_RECORDER);
      expect(await page.getByTestId('chain-network').getAttribute('data-network')).toBe('devnet');
      await until('the RPC seen down', async () => (await page!.getByTestId('chain-connection').getAttribute('data-state')) === 'unreachable', 30_000);
      await until('a report queued', async () => (await page!.locator(`${ROW}[data-state="queued"]`).count()) > 0, 40_000);
      await page.screenshot({ path: join(SCREENSHOTS, 'chain-queued-en.png') });

      const back = await startDevnet(dataDir, ['--port', port]);
      expect(back.info).toMatchObject({ deployed: false, schemaRegistered: false });
      await until('two reports confirmed on the page', async () => (await page!.locator(`${ROW}[data-state="confirmed"]`).count()) >= 2, 60_000);
      await until('connected', async () => (await page!.getByTestId('chain-connection').getAttribute('data-state')) === 'ok', 20_000);
      const states = (await page.evaluate('window.__chainStates')) as Record<string, string[]>;
      // Report 1 was seen queued, then confirmed (sent in between when a page refresh caught it), never anything else.
      expect(states['1']![0]).toBe('queued');
      expect(states['1']!.at(-1)).toBe('confirmed');
      for (const seen of Object.values(states)) for (const state of seen) expect(['queued', 'sent', 'confirmed']).toContain(state);
      const status = await apiResult(serve, 'chain.status', {});
      expect(Number(await page.getByTestId('chain-block').getAttribute('data-block'))).toBeGreaterThan(0);
      expect(await page.getByTestId('chain-balance').getAttribute('data-wei')).toBe(status.balanceWei);
      expect(await page.getByTestId('chain-low-balance').count()).toBe(0);
      const row = page.locator(`${ROW}[data-seq="1"]`);
      expect(await row.locator('[data-testid="chain-uid"]').getAttribute('title')).toMatch(/^0x[0-9a-f]{64}$/);
      await page.screenshot({ path: join(SCREENSHOTS, 'chain-confirmed-en.png') });
      await page.getByTestId('language-select').selectOption('fr');
      await page.getByTestId('theme-select').selectOption('dark');
      await expect.poll(() => page!.getAttribute('html', 'lang')).toBe('fr');
      await page.screenshot({ path: join(SCREENSHOTS, 'chain-confirmed-fr-dark.png') });

      // The report view shows the report's own record on chain.
      await page.locator('[data-testid="node-report-row"][data-seq="1"]').click();
      await until('the report chain record', async () => (await page!.getByTestId('report-chain').getAttribute('data-state')) === 'confirmed', 10_000);
      await page.getByTestId('report-chain').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'chain-report-fr-dark.png'), fullPage: true });
      await page.getByTestId('language-select').selectOption('en');
      await page.getByTestId('theme-select').selectOption('light');
      expect(problems).toEqual([]);
    } finally {
      await page?.close();
      if (serve) {
        serve.child.kill('SIGTERM');
        await waitForExit(serve.child);
      }
    }
  }, 180_000);
});
