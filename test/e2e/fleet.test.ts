import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { dcgmScrape } from '../support/dcgm-fixtures';
import { startDcgmEndpoint, type DcgmEndpoint } from '../support/dcgm-endpoint';
import { startPrometheus } from '../support/prometheus-server';
import { apiResult, startServe, waitForExit, type ServeHandle } from '../support/sietch-process';
import { until } from '../support/until';

// Fleet sources in the console, on the real product path: `sietch serve --simulate` (its own
// simulated 8-GPU server), a local endpoint serving the real dcgm-exporter captures of
// ../shared/fixtures/dcgm-exporter (stripped of their notes) as four hosts plus one target that
// answers 500, and Debian's Chromium driving the built renderer. The operator adds the targets
// in Settings (field errors first, a connection test), sees the source's health, finds its GPUs
// grouped by host on the Inventory page, follows a source chip back to Settings, and removes it.
const SCREENSHOTS = join('test-results', 'screenshots');
const GRID = '[data-testid="inventory-table"]';
const GROUP = '[data-testid="inventory-group"]';
const ROW = '[data-testid="inventory-row"]';
const SOURCE = '[data-testid="fleet-source"]';
const CAPTURES = { a100: dcgmScrape('a100'), mig: dcgmScrape('a100Mig'), idle: dcgmScrape('t4Idle'), busy: dcgmScrape('t4Busy') };
/** The hosts the captures name (their Hostname labels), as the integration tests found them. */
const HOSTS = ['ip-172-20-10-123', 'ip-172-20-10-26', 'nvidia-dcgm-exporter-drqwq', 'nvidia-dcgm-exporter-tl46n'];

let browser: Browser;
let endpoint: DcgmEndpoint;
let serve: ServeHandle;
let page: Page;
let dataDir: string;
const problems: string[] = [];

const api = (method: string, input: unknown = {}) => apiResult(serve, method, input);
const activeTestId = () => page.evaluate('document.activeElement?.getAttribute("data-testid") ?? null');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  endpoint = await startDcgmEndpoint({ ...Object.fromEntries(Object.entries(CAPTURES).map(([name, body]) => [name, { body }])), broken: { status: 500 } });
  dataDir = mkdtempSync(join(tmpdir(), 'sietch-fleet-e2e-'));
  // Sweeps every 5 s (the shortest allowed), so the page follows the fleet within the test.
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ fleet: { refreshSeconds: 5, timeoutSeconds: 3 } }));
  serve = await startServe(dataDir, ['--simulate']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(serve.urlWithToken);
  await until('the console to connect', async () => (await page.getByTestId('connection-indicator').getAttribute('data-state')) === 'connected', 20_000);
});

afterAll(async () => {
  await browser?.close();
  if (serve) {
    serve.child.kill('SIGTERM');
    await waitForExit(serve.child);
  }
  await endpoint?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('fleet sources in the console', () => {
  it('Settings says there is no source and how to add one', async () => {
    await page.getByTestId('nav-settings').click();
    const empty = page.getByTestId('fleet-sources-empty');
    await expect.poll(() => empty.isVisible()).toBe(true);
    expect(await empty.textContent()).toContain('No fleet sources: add a Prometheus URL or dcgm-exporter targets.');
  });

  it('checks the form field by field before sending anything', async () => {
    await page.getByTestId('fleet-add-empty').click();
    const dialog = page.getByTestId('fleet-add-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Keyboard first: the dialog opens on the source kind; arrows pick the other one.
    expect(await activeTestId()).toBe('fleet-form-kind-prometheus');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('fleet-form-kind-targets').isChecked()).toBe(true);
    // Nothing typed: the name and the targets are asked for, and nothing is sent.
    await page.getByTestId('fleet-form-save').click();
    const errorOf = (field: string) => dialog.locator(`[data-testid="fleet-field-error"][data-field="${field}"]`);
    await expect.poll(() => errorOf('name').textContent()).toBe('Required.');
    expect(await errorOf('targets').textContent()).toBe('Give at least one target or a targets file.');
    expect(await page.getByTestId('fleet-form-name').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('fleet-form-name').fill('Rack 7');
    await page.getByTestId('fleet-form-targets').fill('ftp://gpu-07');
    await expect.poll(() => errorOf('targets').textContent()).toContain('“ftp://gpu-07” is not a target');
    await page.getByTestId('fleet-form-targets').fill(endpoint.url('a100'));
    await page.getByTestId('fleet-form-hostLabels').fill('Hostname 9lives');
    await page.getByTestId('fleet-form-test').click();
    await expect.poll(() => errorOf('hostLabels').textContent()).toContain('“9lives” is not a Prometheus label name');
    expect(await errorOf('targets').count()).toBe(0);
    // Nothing was sent while a field is wrong.
    expect(await page.getByTestId('fleet-test-result').count()).toBe(0);
    expect((await api('fleet.sources.list')).sources).toEqual([]);
  });

  it('tests the connection before saving: four hosts answer, one target fails', async () => {
    const targets = [...Object.keys(CAPTURES), 'broken'].map((name) => endpoint.url(name)).join('\n');
    await page.getByTestId('fleet-form-hostLabels').fill('');
    await page.getByTestId('fleet-form-targets').fill(`# rack 7, row 2\n${targets}`);
    await page.getByTestId('fleet-form-site').fill('par-2');
    await page.getByTestId('fleet-form-test').click();
    const result = page.getByTestId('fleet-test-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 15_000 }).toBe('partial');
    expect(await page.getByTestId('fleet-test-summary').textContent()).toMatch(/^4 hosts, 4 GPUs, 4 of 5 targets up, in [\d.,]+ m?s$/);
    expect(await page.getByTestId('fleet-test-message').textContent()).toBe('1 of 5 targets did not answer with metrics');
    await page.screenshot({ path: join(SCREENSHOTS, 'fleet-add-tested-en.png') });
    // A test changes nothing.
    expect((await api('fleet.sources.list')).sources).toEqual([]);
  });

  it('adds the source and shows its health live: partial, four hosts, the failing target first', async () => {
    await page.getByTestId('fleet-form-save').click();
    await expect.poll(() => page.getByTestId('fleet-add-dialog').count()).toBe(0);
    const item = page.locator(SOURCE);
    await expect.poll(() => item.count()).toBe(1);
    // The first sweep comes by event, without reloading the page.
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 20_000 }).toBe('partial');
    await expect.poll(() => item.getByTestId('fleet-source-gpus').textContent()).toBe('4');
    expect(await item.getByTestId('fleet-source-hosts').textContent()).toBe('4');
    expect(await item.getByTestId('fleet-source-targets-up').textContent()).toBe('4 of 5');
    expect(await item.getByTestId('fleet-source-message').textContent()).toBe('1 of 5 targets did not answer with metrics');
    // The targets table opens by itself when one fails, that one first, with its cause.
    const rows = item.locator('[data-testid="fleet-target"]');
    expect(await rows.count()).toBe(5);
    expect(await rows.first().getAttribute('data-state')).toBe('http-status');
    expect(await rows.first().textContent()).toContain('HTTP 500');
    expect(await rows.nth(1).getAttribute('data-state')).toBe('up');
    // Errors count up at each sweep: the source's failed sweeps, and in a row.
    await expect.poll(async () => Number((await item.getByTestId('fleet-source-errors').textContent())!.match(/^\d+/)![0]), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const [stored] = (await api('fleet.sources.list')).sources;
    expect(stored).toMatchObject({ name: 'Rack 7', kind: 'targets', origin: 'settings', site: 'par-2', state: 'partial', hosts: 4, gpus: 4 });
    expect(await item.getAttribute('data-source-id')).toBe(stored.id);
    await page.evaluate('document.activeElement?.blur()');
    await page.locator('[data-testid="fleet-sources"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'fleet-settings-sources-en.png'), fullPage: true });
    // The same in French and dark: every word of the card is translated.
    await page.getByTestId('language-select').selectOption('fr');
    await page.getByTestId('theme-select').selectOption('dark');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    await expect.poll(() => item.getByTestId('fleet-source-targets-up').textContent()).toBe('4 sur 5');
    expect(await page.getByTestId('fleet-sources').textContent()).toContain('Sources du parc');
    await page.screenshot({ path: join(SCREENSHOTS, 'fleet-settings-sources-fr-dark.png'), fullPage: true });
    await page.getByTestId('language-select').selectOption('en');
    await page.getByTestId('theme-select').selectOption('light');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
  });

  it('refuses a second source of the same name on the name field', async () => {
    await page.getByTestId('fleet-add').click();
    await page.getByTestId('fleet-form-kind-targets').check();
    await page.getByTestId('fleet-form-name').fill('Rack 7');
    await page.getByTestId('fleet-form-targets').fill(endpoint.url('a100'));
    await page.getByTestId('fleet-form-save').click();
    const nameError = page.locator('[data-testid="fleet-field-error"][data-field="name"]');
    await expect.poll(() => nameError.textContent()).toBe('a source named "Rack 7" exists already');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('fleet-add-dialog').count()).toBe(0);
    expect(await activeTestId()).toBe('fleet-add');
    expect((await api('fleet.sources.list')).sources).toHaveLength(1);
  });

  it('tests a Prometheus URL: a real Prometheus scraping the same captures, then one that is down', async () => {
    const promDir = mkdtempSync(join(tmpdir(), 'sietch-fleet-e2e-prom-'));
    const prometheus = await startPrometheus(promDir, Object.keys(CAPTURES).map((name) => ({ address: endpoint.address, path: `/${name}/metrics`, instance: `${name}:9400` })));
    try {
      // Four hosts; the MIG GPU has a row per GPU instance, hence more series than GPUs.
      await until('Prometheus to have scraped the four hosts', async () => (await prometheus.query('count(count by (Hostname) (DCGM_FI_DEV_GPU_TEMP))'))[0]?.value[1] === '4', 30_000);
      await page.getByTestId('fleet-add').click();
      expect(await page.getByTestId('fleet-form-kind-prometheus').isChecked()).toBe(true);
      await page.getByTestId('fleet-form-name').fill('Prometheus par-2');
      await page.getByTestId('fleet-form-url').fill(prometheus.url);
      // Basic auth asks for both the user and the password file (a path, never the password).
      await page.getByTestId('fleet-form-auth').selectOption('basic');
      await page.getByTestId('fleet-form-test').click();
      const dialog = page.getByTestId('fleet-add-dialog');
      await expect.poll(() => dialog.locator('[data-testid="fleet-field-error"][data-field="passwordFile"]').textContent()).toBe('Required.');
      await page.getByTestId('fleet-form-auth').selectOption('none');
      await page.getByTestId('fleet-form-test').click();
      const result = page.getByTestId('fleet-test-result');
      await expect.poll(() => result.getAttribute('data-state'), { timeout: 15_000 }).toBe('ok');
      expect(await page.getByTestId('fleet-test-summary').textContent()).toMatch(/^4 hosts, 4 GPUs, 4 of 4 targets up, in /);
      await page.getByTestId('fleet-form-url').fill('http://127.0.0.1:1');
      await page.getByTestId('fleet-form-test').click();
      await expect.poll(() => result.getAttribute('data-state'), { timeout: 15_000 }).toBe('down');
      expect(await page.getByTestId('fleet-test-message').textContent()).toBeTruthy();
      await page.getByTestId('fleet-form-cancel').click();
      await expect.poll(() => dialog.count()).toBe(0);
      expect((await api('fleet.sources.list')).sources.map((source: { name: string }) => source.name)).toEqual(['Rack 7']);
    } finally {
      await prometheus.stop();
      rmSync(promDir, { recursive: true, force: true });
    }
  });

  it('shows the source on the Inventory page and groups its GPUs by host', async () => {
    await page.getByTestId('nav-inventory').click();
    const chip = page.getByTestId('inventory-fleet-source');
    await expect.poll(() => chip.getAttribute('data-state')).toBe('partial');
    expect(await chip.textContent()).toContain('Rack 7');
    expect(await chip.textContent()).toContain('4 GPUs · 4/5 targets up');

    await page.getByTestId('inventory-group-mode').selectOption('host');
    await expect.poll(() => page.locator(GRID).getAttribute('data-group')).toBe('host');
    const assets = (await api('inventory.assets.list')).assets as { id: string; kind: string; hostId: string | null }[];
    for (const hostname of HOSTS) {
      const hostId = `host:fleet:${hostname}`;
      const header = page.locator(`${GROUP}[data-group-key="${hostId}"]`);
      await page.getByTestId('inventory-search').fill(hostname);
      await expect.poll(() => header.count()).toBe(1);
      expect(await header.getByTestId('inventory-group-name').textContent()).toBe(hostname);
      expect(await header.getByTestId('inventory-group-contents').textContent()).toBe('1 GPU · 1 host');
      // Under the header: the host itself, then its GPU (the one the register puts there).
      const gpu = assets.find((asset) => asset.kind === 'gpu' && asset.hostId === hostId)!;
      const ids = await page.locator(ROW).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-asset-id')));
      expect(ids).toEqual([hostId, gpu.id]);
    }
    await page.getByTestId('inventory-search').fill('');
    // Every group: the four fleet hosts, the simulated local server, and the rows without a host (robots).
    await expect.poll(() => page.locator(GROUP).count()).toBeGreaterThanOrEqual(5);
    const simulatedGpus = assets.filter((asset) => asset.kind === 'gpu' && !HOSTS.some((host) => asset.hostId === `host:fleet:${host}`));
    expect(simulatedGpus.length).toBe(8);
    const localHeader = page.locator(`${GROUP}[data-group-key="${simulatedGpus[0]!.hostId}"]`);
    expect(await localHeader.getByTestId('inventory-group-contents').textContent()).toBe('8 GPUs · 1 host');
    await page.evaluate('document.activeElement?.blur()');
    await page.screenshot({ path: join(SCREENSHOTS, 'fleet-inventory-by-host-en.png') });
  });

  it('folds and unfolds groups from the keyboard', async () => {
    await page.locator(GRID).focus();
    await page.keyboard.press('Home');
    const first = page.locator(`${GRID} [aria-rowindex="2"]`);
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true');
    expect(await first.getAttribute('data-testid')).toBe('inventory-group');
    const key = (await first.getAttribute('data-group-key'))!;
    const rowsBefore = Number(await page.locator(GRID).getAttribute('data-row-count'));
    await page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('aria-expanded')).toBe('false');
    const folded = Number(await first.getAttribute('data-rows'));
    expect(Number(await page.locator(GRID).getAttribute('data-row-count'))).toBe(rowsBefore - folded);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => first.getAttribute('aria-expanded')).toBe('true');
    // Down into the group, then ← goes back up to its header.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator(`${GRID} [aria-rowindex="3"]`).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true');
    expect(await first.getAttribute('data-group-key')).toBe(key);
    await page.getByTestId('inventory-group-collapse-all').click();
    await expect.poll(() => page.locator(ROW).count()).toBe(0);
    await page.getByTestId('inventory-group-expand-all').click();
    await expect.poll(() => page.locator(ROW).count()).toBeGreaterThan(0);
  });

  it('groups by site: the source’s site for its hosts, the local server under no site', async () => {
    await page.getByTestId('inventory-group-mode').selectOption('site');
    const site = page.locator(`${GROUP}[data-group-key="par-2"]`);
    await expect.poll(() => site.count()).toBe(1);
    expect(await site.getByTestId('inventory-group-contents').textContent()).toBe('4 GPUs · 4 hosts');
    expect(await page.locator(`${GROUP}[data-group-key=""]`).getByTestId('inventory-group-name').textContent()).toBe('No site');
    await page.evaluate('document.activeElement?.blur()');
    await page.screenshot({ path: join(SCREENSHOTS, 'fleet-inventory-by-site-en.png') });
    await page.getByTestId('inventory-group-mode').selectOption('host');
  });

  it('a source chip leads to that source in Settings, focused', async () => {
    await page.getByTestId('inventory-fleet-source').click();
    await expect.poll(() => page.url()).toContain('#/settings/sources/');
    await expect.poll(() => activeTestId()).toBe('fleet-source');
    expect(await page.evaluate('document.activeElement?.getAttribute("data-source-id")')).toBe((await api('fleet.sources.list')).sources[0].id);
  });

  it('removes the source after a confirmation; its GPUs stay in the register', async () => {
    const [source] = (await api('fleet.sources.list')).sources;
    await page.getByTestId('fleet-source-remove').click();
    const dialog = page.getByTestId('fleet-remove-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('Remove the source “Rack 7”?');
    expect(await dialog.textContent()).toContain('its 4 hosts and 4 GPUs stay in the register');
    // Escape keeps it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await api('fleet.sources.list')).sources).toHaveLength(1);
    await page.getByTestId('fleet-source-remove').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'fleet-remove-en.png') });
    await page.getByTestId('fleet-remove-confirm').click();
    await expect.poll(() => page.getByTestId('fleet-sources-empty').isVisible()).toBe(true);
    await expect.poll(() => activeTestId()).toBe('fleet-add');
    expect((await api('fleet.sources.list')).sources).toEqual([]);
    const assets = (await api('inventory.assets.list')).assets as { id: string; hostId: string | null }[];
    expect(assets.filter((asset) => HOSTS.some((host) => asset.hostId === `host:fleet:${host}`))).toHaveLength(4);
    expect(source.id).toMatch(/^src_/);
    // The Inventory strip follows: no source, and where to add one.
    await page.getByTestId('nav-inventory').click();
    await expect.poll(() => page.getByTestId('inventory-fleet-add').isVisible()).toBe(true);
    // Chromium logs the refused duplicate's 409 (the conflict the name field showed); nothing else may fail.
    expect(problems.filter((problem) => !problem.includes('status of 409 (Conflict)'))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
  });
});
