import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backdateNodeStart } from '../support/backdate-node';
import { SCREENSHOTS, showConsolePage, useConsoleSession, type ConsolePage } from '../support/console-session';
import { scrollTo, startRowCounter, stopRowCounter, timeAction, type ActionTiming } from '../support/page-probes';
import { seedGpuAssets } from '../support/seed-assets';
import { runSietch, type ServeHandle, apiResult } from '../support/sietch-process';

// The Node page on the real product path: the built `sietch serve --simulate` on a fresh data
// directory whose config.json samples every second and closes 10 s epochs, so reports arrive
// while the test watches; Debian's Chromium drives the built renderer. First a node with no
// operator key (reports wait, unsigned), then one started with its key (reports signed).
const ROW = '[data-testid="node-report-row"]';
const LEAF = '[data-testid="node-leaf-row"]';
/** What `serve --simulate` runs: the replayed 8-GPU server and 24 simulated robots (12 per VDA 5050 version). */
const ASSETS = 8 + 24;
const FAST_NODE = { node: { sampleIntervalSeconds: 1, epochSeconds: 10 } };
const METRICS_FILE = join('test-results', 'node-metrics.json');
const metrics: Record<string, unknown> = {};
const session = useConsoleSession();
const serveOn = session.serve;

/** A fresh data directory whose config.json makes the node sample and close epochs fast. */
function dataDir(): string {
  const dir = session.tempDir('sietch-node-');
  writeFileSync(join(dir, 'config.json'), JSON.stringify(FAST_NODE));
  return dir;
}

const api = apiResult;

/** A page on the Node page that records every uncaught error, console error and CSP violation. */
async function openNodePage(serve: ServeHandle): Promise<ConsolePage> {
  const opened = await session.openConsole(serve, {
    // A wrong passphrase is answered 401, which Chromium logs as a failed load: expected, not a problem.
    expectedConsoleError: (message) => message.text().includes('401') && message.location().url.endsWith('/api/call/node.key.unlock'),
  });
  await showConsolePage(opened.page, 'node');
  return opened;
}

async function setLook(page: Page, language: 'en' | 'fr', theme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('language-select').selectOption(language);
  await page.getByTestId('theme-select').selectOption(theme);
  await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe(theme);
  await expect.poll(() => page.getAttribute('html', 'lang')).toBe(language);
}

const LOOKS = [
  ['en', 'light'],
  ['en', 'dark'],
  ['fr', 'light'],
  ['fr', 'dark'],
] as const;

/** For what waits on the server (a switch, a load): generous for a loaded CI machine. */
const SOON = { timeout: 5_000 };

const spaces = (text: string | null): string => (text ?? '').replace(/\s/g, ' ');

afterAll(() => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync(METRICS_FILE, `${JSON.stringify(metrics, null, 2)}\n`);
  process.stdout.write(`Node page metrics (also in ${METRICS_FILE}):\n${JSON.stringify(metrics, null, 2)}\n`);
});

describe('the Node page of a node with no operator key', () => {
  let serve: ServeHandle;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    serve = await serveOn(dataDir(), ['--simulate']);
    ({ page, problems } = await openNodePage(serve));
  });

  afterAll(async () => {
    await page?.close();
  });

  it('shows the node running on simulated hardware, sampling every second into 10 s epochs, with no key unlocked', async () => {
    await expect.poll(() => page.getByTestId('node-running').getAttribute('data-state'), { timeout: 15_000 }).toBe('running');
    // Before the first epoch closes (10 s at most), the list says when its first report comes.
    if ((await page.getByTestId('node-empty').count()) > 0) await page.screenshot({ path: join(SCREENSHOTS, 'node-empty-en.png') });
    expect(await page.getByTestId('node-simulated').isVisible()).toBe(true);
    expect(await page.getByTestId('node-sample-interval').getAttribute('data-seconds')).toBe('1');
    expect(await page.getByTestId('node-epoch-length').getAttribute('data-seconds')).toBe('10');
    expect(spaces(await page.getByTestId('node-sample-interval').textContent())).toBe('every 1 sec');
    expect(spaces(await page.getByTestId('node-epoch-length').textContent())).toBe('10 sec');
    const status = await api(serve, 'node.status');
    expect(await page.getByTestId('node-network').textContent()).toBe(status.network.name);
    expect(await page.getByTestId('node-network').getAttribute('data-chain-id')).toBe(String(status.network.chainId));
    expect(await page.getByTestId('node-eas-address').getAttribute('title')).toBe(status.network.easAddress);
    expect(await page.getByTestId('node-signer').getAttribute('data-state')).toBe('none');
    await expect.poll(() => page.getByTestId('node-no-signer').getAttribute('data-key-state'), SOON).toBe('absent');
    expect(await page.getByTestId('node-key-create').isVisible()).toBe(true);
    expect(await page.getByTestId('node-key-import').isVisible()).toBe(true);
    expect(await page.getByTestId('node-next-epoch').getAttribute('data-state')).toMatch(/^(counting|closing)$/);
    // The ticks move although no event announces them (the page polls the status while shown).
    const ticks = Number(await page.getByTestId('node-ticks').getAttribute('data-ticks'));
    await expect.poll(async () => Number(await page.getByTestId('node-ticks').getAttribute('data-ticks')), { timeout: 15_000 }).toBeGreaterThan(ticks);
  });

  it('lists a report within 30 s, newest first, as the node closes epochs', async () => {
    await expect.poll(() => page.locator(ROW).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The first epochs may close before the simulated GPUs and robots are registered: wait for
    // one that holds them all (8 GPUs, 24 robots), and for the list to show it on top.
    let newest: any;
    await expect
      .poll(
        async () => {
          [newest] = (await api(serve, 'node.reports.list', { limit: 1 })).reports;
          return newest.assetCount;
        },
        { timeout: 30_000 },
      )
      .toBe(ASSETS);
    await expect.poll(async () => Number(await page.locator(ROW).first().getAttribute('data-seq')), { timeout: 5_000 }).toBeGreaterThanOrEqual(newest.seq);
    expect(await page.locator(ROW).first().getAttribute('data-status')).toBe('unsigned');
    expect(await page.getByTestId('node-empty').count()).toBe(0);
    await expect.poll(() => page.getByTestId('node-last-epoch').getAttribute('data-seq'), SOON).not.toBeNull();
    expect(Number(await page.getByTestId('node-report-counts').locator('[data-status="unsigned"]').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'node-en-light.png') });
  });

  it('opens the newest report from the keyboard and shows its leaves: 8 GPUs and the simulated robots', async () => {
    await page.getByTestId('node-reports-table').focus();
    await page.keyboard.press('Home');
    const first = page.locator(ROW).first();
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true');
    const seq = Number(await first.getAttribute('data-seq'));
    await page.keyboard.press('Enter');
    const view = page.getByTestId('node-report-view');
    await expect.poll(() => view.getAttribute('data-seq')).toBe(String(seq));
    await expect.poll(() => view.getAttribute('data-loaded'), { timeout: 5_000 }).toBe('true');
    expect(await page.getByTestId('node-reports-table').count()).toBe(0);

    const detail = await api(serve, 'node.report.get', { seq });
    const kinds = detail.leaves.map((leaf: any) => `${leaf.kind}:${leaf.assetId.split(':')[0]}`);
    expect(kinds.filter((kind: string) => kind === 'gpu:gpu')).toHaveLength(8);
    expect(kinds.filter((kind: string) => kind === 'robot:robot')).toHaveLength(ASSETS - 8);
    // The grid is virtualized: the rows in the DOM are the first ones of the report, in its order.
    await expect.poll(() => page.locator(LEAF).count(), SOON).toBeGreaterThanOrEqual(8);
    const ids = await page.locator(LEAF).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-asset-id')));
    expect(ids).toEqual(detail.leaves.slice(0, ids.length).map((leaf: any) => leaf.assetId));
    expect(await page.getByTestId('node-report-root').textContent()).toBe(detail.report.merkleRoot);
    expect(await page.getByTestId('node-report-journal-head').textContent()).toBe(detail.report.journalHead);
    expect(await page.getByTestId('node-leaf-count').getAttribute('data-total')).toBe(String(ASSETS));
    expect(await page.getByTestId('node-attestation').getAttribute('data-state')).toBe('none');

    // The search narrows the leaves by asset id; Escape in the search clears it, and only then closes.
    const target = ids[3]!;
    await page.getByTestId('node-leaf-search').fill(target.slice(-12));
    await expect.poll(() => page.getByTestId('node-leaf-count').getAttribute('data-shown')).toBe('1');
    expect(await page.locator(LEAF).getAttribute('data-asset-id')).toBe(target);
    await page.getByTestId('node-leaf-search').press('Escape');
    await expect.poll(() => page.getByTestId('node-leaf-count').getAttribute('data-shown')).toBe(String(ASSETS));
    expect(await view.count()).toBe(1);

    // "With flags" keeps exactly the leaves that carry one.
    const flagged = detail.leaves.filter((leaf: any) => leaf.healthFlags.length > 0).length;
    await page.getByTestId('node-leaf-flagged').click();
    await expect.poll(() => page.getByTestId('node-leaf-count').getAttribute('data-shown')).toBe(String(flagged));
    await page.getByTestId('node-leaf-flagged').click();
    await expect.poll(() => page.getByTestId('node-leaf-count').getAttribute('data-shown')).toBe(String(ASSETS));

    for (const [language, theme] of LOOKS) {
      await setLook(page, language, theme);
      await page.screenshot({ path: join(SCREENSHOTS, `node-report-${language}-${theme}.png`) });
    }
    await setLook(page, 'en', 'light');

    // Escape goes back to the list, on the report just read, with the focus in the grid.
    await page.locator('body').press('Escape');
    await expect.poll(() => view.count()).toBe(0);
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('node-reports-table');
    expect(await page.locator(`${ROW}[data-seq="${seq}"]`).getAttribute('aria-selected')).toBe('true');

    // A click opens a report too, and the close button goes back.
    await page.locator(`${ROW}[data-seq="${seq}"]`).click();
    await expect.poll(() => view.getAttribute('data-seq')).toBe(String(seq));
    await page.getByTestId('node-report-close').click();
    await expect.poll(() => view.count()).toBe(0);
  });

  it('stops and starts the node', async () => {
    await page.getByTestId('node-stop').click();
    await expect.poll(() => page.getByTestId('node-running').getAttribute('data-state'), SOON).toBe('stopped');
    expect((await api(serve, 'node.status')).running).toBe(false);
    expect(await page.getByTestId('node-next-epoch').getAttribute('data-state')).toBe('stopped');
    await page.screenshot({ path: join(SCREENSHOTS, 'node-stopped-en.png') });
    await page.getByTestId('node-start').click();
    await expect.poll(() => page.getByTestId('node-running').getAttribute('data-state'), SOON).toBe('running');
    expect((await api(serve, 'node.status')).running).toBe(true);
  });

  it('shows the status and the list in French and in the dark theme', async () => {
    for (const [language, theme] of LOOKS.slice(1)) {
      await setLook(page, language, theme);
      await page.screenshot({ path: join(SCREENSHOTS, `node-${language}-${theme}.png`) });
    }
    expect(spaces(await page.getByTestId('node-sample-interval').textContent())).toBe('intervalle de 1 s');
    await setLook(page, 'en', 'light');
  });

  it('raised no page error, console error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});

describe('the Node page of a node signing with its operator key', () => {
  let serve: ServeHandle;
  let page: Page;
  let problems: string[];
  let address: string;

  beforeAll(async () => {
    const dir = dataDir();
    const passphraseFile = join(dir, 'passphrase');
    writeFileSync(passphraseFile, 'correct horse battery staple');
    chmodSync(passphraseFile, 0o600);
    const created = runSietch(['key', 'create', '--passphrase-file', passphraseFile, '--data-dir', dir, '--json']);
    if (created.status !== 0) throw new Error(`sietch key create failed: ${created.stderr}`);
    address = (JSON.parse(created.stdout) as { address: string }).address;
    serve = await serveOn(dir, ['--simulate', '--passphrase-file', passphraseFile]);
    ({ page, problems } = await openNodePage(serve));
  });

  afterAll(async () => {
    await page?.close();
  });

  it('shows the signer and each report signed, with its hash, UID and EAS attestation', async () => {
    await expect.poll(() => page.getByTestId('node-signer').getAttribute('data-state'), { timeout: 15_000 }).toBe('unlocked');
    expect(await page.getByTestId('node-signer').getAttribute('data-address')).toBe(address);
    expect(await page.getByTestId('node-no-signer').count()).toBe(0);
    const signedRow = page.locator(`${ROW}[data-status="signed"]`).first();
    await expect.poll(() => signedRow.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const seq = Number(await signedRow.getAttribute('data-seq'));
    await signedRow.click();
    const view = page.getByTestId('node-report-view');
    await expect.poll(() => view.getAttribute('data-loaded'), SOON).toBe('true');
    const { report, attestation } = await api(serve, 'node.report.get', { seq });
    expect(await page.getByTestId('node-report-hash').textContent()).toBe(report.reportHash);
    expect(await page.getByTestId('node-report-uid').textContent()).toBe(report.uid);
    expect(await page.getByTestId('node-report-signer').textContent()).toBe(address);
    expect(await view.getByTestId('node-report-status').getAttribute('data-status')).toBe('signed');

    // The attestation is collapsed, and opens on the JSON the node stored.
    const block = page.getByTestId('node-attestation');
    expect(await block.getAttribute('data-state')).toBe('signed');
    expect(await page.getByTestId('node-attestation-json').isVisible()).toBe(false);
    await block.locator('summary').click();
    expect(JSON.parse((await page.getByTestId('node-attestation-json').textContent())!)).toEqual(attestation);

    // Copy puts the UID on the clipboard; where the clipboard is refused (the desktop app), it selects it instead.
    const uidField = page.getByTestId('node-report-uid').locator('xpath=..');
    await uidField.getByRole('button').click();
    await expect.poll(() => uidField.locator('.copyable-status').textContent()).toBe('Copied');
    await page.evaluate("navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'))");
    await uidField.getByRole('button').click();
    await expect.poll(() => page.evaluate('String(window.getSelection())')).toBe(report.uid);
    expect(await uidField.locator('.copyable-status').textContent()).toContain('Ctrl+C');

    for (const [language, theme] of LOOKS) {
      await setLook(page, language, theme);
      await page.screenshot({ path: join(SCREENSHOTS, `node-report-signed-${language}-${theme}.png`) });
    }
    await block.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'node-report-attestation-fr-dark.png') });
    await setLook(page, 'en', 'light');
    await page.getByTestId('node-report-close').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'node-signed-en-light.png') });
  });

  it('raised no page error, console error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});

describe('the Node page managing the operator key: create, lock, unlock', () => {
  const PASSPHRASE = 'correct horse battery staple';
  let serve: ServeHandle;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    serve = await serveOn(dataDir(), ['--simulate']);
    ({ page, problems } = await openNodePage(serve));
  });

  afterAll(async () => {
    await page?.close();
  });

  it('creates a key from the console: the signer shows its address', async () => {
    await expect.poll(() => page.getByTestId('node-no-signer').getAttribute('data-key-state'), { timeout: 15_000 }).toBe('absent');
    await page.getByTestId('node-key-create').click();
    const dialog = page.getByTestId('node-key-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getAttribute('data-mode')).toBe('create');
    // A confirmation that differs is refused before anything is sent, and the fields are emptied.
    await page.getByTestId('node-key-passphrase').fill(PASSPHRASE);
    await page.getByTestId('node-key-confirm').fill(`${PASSPHRASE}!`);
    await page.getByTestId('node-key-submit').click();
    await expect.poll(() => page.getByTestId('node-key-error').textContent()).toContain('differ');
    expect(await page.getByTestId('node-key-passphrase').inputValue()).toBe('');
    expect(await page.getByTestId('node-key-confirm').inputValue()).toBe('');
    expect((await api(serve, 'node.key.status')).state).toBe('absent');
    await page.getByTestId('node-key-passphrase').fill(PASSPHRASE);
    await page.getByTestId('node-key-confirm').fill(PASSPHRASE);
    await page.screenshot({ path: join(SCREENSHOTS, 'node-key-create-en-light.png') });
    await page.getByTestId('node-key-submit').click();
    await expect.poll(() => dialog.count(), SOON).toBe(0);

    const key = await api(serve, 'node.key.status');
    expect(key.state).toBe('unlocked');
    expect(key.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    await expect.poll(() => page.getByTestId('node-signer').getAttribute('data-address'), SOON).toBe(key.address);
    expect(await page.getByTestId('node-key-address').textContent()).toBe(key.address);
    expect(await page.getByTestId('node-no-signer').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'node-key-unlocked-en-light.png') });
  });

  it('locks the key, refuses a wrong passphrase, and signs the waiting reports once unlocked', async () => {
    await page.getByTestId('node-key-lock').click();
    await expect.poll(() => page.getByTestId('node-no-signer').getAttribute('data-key-state'), SOON).toBe('locked');
    await expect.poll(() => page.getByTestId('node-signer').getAttribute('data-state'), SOON).toBe('none');
    expect((await api(serve, 'node.key.status')).state).toBe('locked');
    const field = page.getByTestId('node-key-unlock-passphrase');
    expect(await field.getAttribute('type')).toBe('password');
    expect(await field.getAttribute('autocomplete')).toBe('current-password');
    // The remember checkbox appears only where an OS keychain can hold the passphrase.
    const { canRemember } = await api(serve, 'node.key.status');
    expect(await page.getByTestId('node-key-remember').count()).toBe(canRemember ? 1 : 0);

    await field.fill('not the passphrase');
    await page.getByTestId('node-key-unlock').click();
    await expect.poll(() => page.getByTestId('node-key-error').textContent(), SOON).toContain('Wrong passphrase');
    expect(await field.inputValue()).toBe('');
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('node-key-unlock-passphrase');
    expect((await api(serve, 'node.key.status')).state).toBe('locked');
    expect(await page.getByTestId('node-signer').getAttribute('data-state')).toBe('none');
    await page.screenshot({ path: join(SCREENSHOTS, 'node-key-wrong-en-light.png') });
    await setLook(page, 'fr', 'dark');
    await page.screenshot({ path: join(SCREENSHOTS, 'node-key-locked-fr-dark.png') });
    await setLook(page, 'en', 'light');

    await field.fill(PASSPHRASE);
    await page.getByTestId('node-key-unlock').click();
    const key = await (async () => {
      await expect.poll(async () => (await api(serve, 'node.key.status')).state, SOON).toBe('unlocked');
      return api(serve, 'node.key.status');
    })();
    await expect.poll(() => page.getByTestId('node-signer').getAttribute('data-address'), SOON).toBe(key.address);
    expect(await page.getByTestId('node-key-error').count()).toBe(0);
    const signedRow = page.locator(`${ROW}[data-status="signed"]`).first();
    await expect.poll(() => signedRow.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const { report } = await api(serve, 'node.report.get', { seq: Number(await signedRow.getAttribute('data-seq')) });
    expect(report.signer).toBe(key.address);
    await page.screenshot({ path: join(SCREENSHOTS, 'node-key-signed-en-light.png') });
    await setLook(page, 'fr', 'dark');
    await page.screenshot({ path: join(SCREENSHOTS, 'node-key-signed-fr-dark.png') });
    await setLook(page, 'en', 'light');
  });

  it('raised no page error, console error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});

describe('the Node page after a long stop: hundreds of reports, paged 100 at a time', () => {
  let serve: ServeHandle;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const dir = dataDir();
    // First sampled 40 minutes ago, then stopped: on start the node closes the 240 epochs missed since.
    backdateNodeStart(dir, 40);
    serve = await serveOn(dir, ['--simulate']);
    ({ page, problems } = await openNodePage(serve));
  });

  afterAll(async () => {
    await page?.close();
  });

  it('loads the newest 100 and the older ones as the list is scrolled to its end', async () => {
    const count = page.getByTestId('node-reports-count');
    await expect.poll(async () => Number(await count.getAttribute('data-total')), { timeout: 20_000 }).toBeGreaterThanOrEqual(240);
    expect(await count.getAttribute('data-loaded')).toBe('100');
    const grid = '[data-testid="node-reports-table"]';
    await page.evaluate(startRowCounter(ROW));
    const started = Date.now();
    await expect
      .poll(
        async () => {
          await page.evaluate(scrollTo(grid, 'bottom'));
          return Number(await count.getAttribute('data-loaded'));
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBeGreaterThanOrEqual(Number(await count.getAttribute('data-total')));
    metrics.allReportsLoadedByScrollingMs = Date.now() - started;
    metrics.reportsMaxRowsInDom = await page.evaluate(stopRowCounter());
    expect(metrics.reportsMaxRowsInDom).toBeLessThan(100);
    // The oldest report is the last row, and the sequence has no hole.
    await page.evaluate(scrollTo(grid, 'bottom'));
    await expect.poll(() => page.locator(ROW).last().getAttribute('data-seq')).toBe('1');
    const { reports } = await api(serve, 'node.reports.list', { limit: 500 });
    expect(reports.map((report: any) => report.seq)).toEqual(reports.map((_: unknown, index: number) => reports[0].seq - index));
    // End selects the oldest report from the keyboard.
    await page.locator(grid).focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator(`${ROW}[aria-selected="true"]`).getAttribute('data-seq')).toBe('1');
    await page.screenshot({ path: join(SCREENSHOTS, 'node-many-reports-en.png') });
  });

  it('raised no page error, console error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});

describe('the Node page with 10,000 GPUs: a report of 10,000 leaves', () => {
  let serve: ServeHandle;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const dir = dataDir();
    const fleet = seedGpuAssets(dir, { gpus: 10_000, gpusPerHost: 8 });
    metrics.seedMs = Math.round(fleet.durationMs);
    // No --simulate: the seeded fleet is the register, and this machine's GPUs (most likely none) are read.
    serve = await serveOn(dir, []);
    ({ page, problems } = await openNodePage(serve));
  });

  afterAll(async () => {
    await page?.close();
  });

  it('opens it, shows fewer than 100 rows in the DOM, filters and scrolls it', async () => {
    let newest: any;
    await expect
      .poll(
        async () => {
          [newest] = (await api(serve, 'node.reports.list', { limit: 1 })).reports;
          return newest?.assetCount ?? 0;
        },
        { timeout: 40_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(10_000);
    const row = `${ROW}[data-seq="${newest.seq}"]`;
    await expect.poll(() => page.locator(row).count(), SOON).toBe(1);
    const opened = (await page.evaluate(timeAction({ kind: 'click', selector: row }, { selector: '[data-testid="node-leaf-count"]', attribute: 'data-total', equals: String(newest.assetCount) }))) as ActionTiming;
    metrics.openReportOf10kLeavesMs = { dom: Math.round(opened.domMs), painted: Math.round(opened.paintedMs) };
    expect(opened.domMs).toBeLessThan(5_000);
    const rendered = await page.locator(LEAF).count();
    metrics.leafRowsInDom = rendered;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);

    const detail = await api(serve, 'node.report.get', { seq: newest.seq });
    const target = detail.leaves[4321].assetId as string;
    const searched = (await page.evaluate(timeAction({ kind: 'type', selector: '[data-testid="node-leaf-search"]', value: target }, { selector: '[data-testid="node-leaf-count"]', attribute: 'data-shown', equals: '1' }))) as ActionTiming;
    metrics.searchLeavesMs = { dom: Math.round(searched.domMs), painted: Math.round(searched.paintedMs) };
    expect(searched.domMs).toBeLessThan(1_000);
    expect(await page.locator(LEAF).getAttribute('data-asset-id')).toBe(target);
    await page.getByTestId('node-leaf-search').fill('');
    const flagged = detail.leaves.filter((leaf: any) => leaf.healthFlags.length > 0).length;
    await page.getByTestId('node-leaf-flagged').click();
    await expect.poll(() => page.getByTestId('node-leaf-count').getAttribute('data-shown')).toBe(String(flagged));
    await page.getByTestId('node-leaf-flagged').click();

    // The last leaf is reachable by scrolling the table.
    const leavesGrid = '[data-testid="node-leaves-table"]';
    await page.evaluate(scrollTo(leavesGrid, 'bottom'));
    await expect.poll(() => page.locator(`${LEAF}[aria-rowindex="${detail.leaves.length + 1}"]`).getAttribute('data-asset-id')).toBe(detail.leaves.at(-1).assetId);
    await page.evaluate(scrollTo(leavesGrid, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'node-report-10k-en-light.png') });
  });

  it('raised no page error, console error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
