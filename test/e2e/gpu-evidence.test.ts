import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, showConsolePage, useConsoleSession, type ConsolePage } from '../support/console-session';
import { setUpEvidenceCommand, type EvidenceCommandSetup } from '../support/gpu-evidence-command';
import { apiResult as api, runSietch, type ServeHandle } from '../support/sietch-process';

// Hardware-rooted GPU identity in the console, on the product path: the built `sietch serve
// --simulate` on a fresh data directory whose config.json closes 10 s epochs and asks each GPU for
// evidence through the operator's command. The command (test/support/fake-gpu-evidence-command.mjs)
// answers with the REAL nvtrust H100 report re-signed for each epoch's nonce by a synthetic
// NVIDIA-shaped chain (makeSyntheticGpuChain, made fresh here); the node verifies it against that
// chain's root, and signed reports' GPU leaves carry hwAttested. Debian's Chromium then shows the
// Inventory badges, the drawer's "Hardware identity" and the Node page's marks, in English and French.
const ROW = '[data-testid="inventory-row"]';
const LEAF = '[data-testid="node-leaf-row"]';
const REPORT_ROW = '[data-testid="node-report-row"]';
const GPUS = 8;
const PASSPHRASE = 'correct horse battery staple';
/** For what waits on the server (a load, an event): generous for a loaded CI machine. */
const SOON = { timeout: 10_000 };
const { tempDir, serve: serveOn, openConsole: openConsolePage } = useConsoleSession();
/** Wide enough for the drawer beside the grid; Save evidence downloads a file. */
const openConsole = (serve: ServeHandle): Promise<ConsolePage> => openConsolePage(serve, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });

async function setLanguage(page: Page, language: 'en' | 'fr'): Promise<void> {
  await page.getByTestId('language-select').selectOption(language);
  await expect.poll(() => page.getAttribute('html', 'lang')).toBe(language);
}

describe('a node whose GPUs give verified hardware evidence', () => {
  let serve: ServeHandle;
  let setup: EvidenceCommandSetup;
  let page: Page;
  let problems: string[];
  /** The first signed report whose GPU leaves are all hardware-attested. */
  let attestedSeq: number;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir('sietch-gpu-evidence-');
    setup = await setUpEvidenceCommand(tempDir('sietch-gpu-chain-'));
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ node: { sampleIntervalSeconds: 1, epochSeconds: 10, gpuEvidence: setup.config } }));
    serve = await serveOn(dataDir, ['--simulate']);
    // Evidence is asked for on the previous SIGNED report's hash: the node needs its key.
    expect((await api(serve, 'node.key.create', { passphrase: PASSPHRASE })).state).toBe('unlocked');
    ({ page, problems } = await openConsole(serve));
  });

  afterAll(async () => {
    await page?.close();
  });

  it('signs a report whose 8 GPU leaves carry hwAttested and the evidence hash (the API, before the console)', async () => {
    let found: number | null = null;
    await expect
      .poll(
        async () => {
          const { reports } = await api(serve, 'node.reports.list', { limit: 5 });
          for (const report of reports) {
            if (report.status === 'unsigned') continue;
            const { leaves } = await api(serve, 'node.report.get', { seq: report.seq });
            const gpus = leaves.filter((leaf: any) => leaf.kind === 'gpu');
            if (gpus.length === GPUS && gpus.every((leaf: any) => leaf.hwAttested)) found = report.seq;
          }
          return found;
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .not.toBeNull();
    attestedSeq = found!;
    const { records } = await api(serve, 'attest.gpu.latest');
    expect(records).toHaveLength(GPUS);
    for (const record of records) {
      expect(record.verified, record.failure?.reason).toBe(true);
      // The identity is the synthetic chain's: its leaf's serial (the UEID) and its chip id.
      expect(record.device.serial).toBe(setup.chain.serial);
      expect(record.device.chipId).toBe(setup.chain.chipId);
    }
  });

  it('shows the HW-attested badge on each GPU row of the Inventory, with the epoch and the UEID in its tooltip', async () => {
    await showConsolePage(page, 'inventory');
    await expect.poll(() => page.getByTestId('inventory-filter-kind-gpu').getAttribute('data-count'), { timeout: 30_000 }).toBe(String(GPUS));
    const { records } = await api(serve, 'attest.gpu.latest');
    await expect.poll(() => page.locator(`${ROW} [data-testid="evidence-badge"][data-verdict="attested"]`).count(), SOON).toBe(GPUS);
    for (const record of records) {
      const badge = page.locator(`${ROW}[data-asset-id="${record.assetId}"] [data-testid="evidence-badge"]`);
      // The console follows the node's epochs (the event, batched): it shows this epoch or a newer one.
      await expect.poll(async () => Number(await badge.getAttribute('data-epoch')), SOON).toBeGreaterThanOrEqual(record.epochSeq);
      const title = (await badge.getAttribute('title'))!;
      expect(title).toMatch(/^Hardware-rooted identity verified for epoch #\d+ · UEID /);
      expect(title).toContain(setup.chain.serial.slice(0, 8));
      expect(title).toContain(setup.chain.serial.slice(-8));
      // Compact in the grid; the full words for screen readers.
      expect(await badge.locator('[aria-hidden="true"]').last().textContent()).toBe('HW ✓');
      expect(await badge.locator('.sr-only').textContent()).toBe('HW-attested');
    }
    // Only GPUs: the host row has no badge.
    expect(await page.locator(`${ROW}:not([data-asset-id^="gpu:"]) [data-testid="evidence-badge"]`).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-inventory-en.png') });
  });

  it("shows the GPU's hardware identity in the drawer: every check, the identity, the epoch, the measurements, and saves the evidence", async () => {
    const { records } = await api(serve, 'attest.gpu.latest');
    const assetId = records[0].assetId as string;
    await page.locator(`${ROW}[data-asset-id="${assetId}"]`).click();
    const section = page.getByTestId('evidence-section');
    await expect.poll(() => section.getAttribute('data-verdict'), SOON).toBe('attested');
    const epoch = Number(await section.getAttribute('data-epoch'));
    const { record, evidence } = await api(serve, 'attest.gpu.get', { assetId, epochSeq: epoch });

    // Nine checks in the verifier's order; the two that need NVIDIA's services said so, not passed.
    const checks = await page.getByTestId('evidence-check').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-check'), row.getAttribute('data-status')]));
    expect(checks).toEqual(record.checks.map((check: any) => [check.name, check.status]));
    expect(checks.map(([name]) => name)).toEqual(['format', 'chain', 'validity', 'root', 'signature', 'nonce', 'fwid', 'revocation', 'rim']);
    expect(Object.fromEntries(checks)).toMatchObject({ signature: 'passed', nonce: 'passed', fwid: 'passed', root: 'passed', revocation: 'not-checked-offline', rim: 'not-checked-offline' });
    expect(await page.locator('[data-testid="evidence-check"][data-check="revocation"] .chip').textContent()).toBe('Not checked offline');
    expect(await page.getByTestId('evidence-online-note').isVisible()).toBe(true);

    expect(await page.getByTestId('evidence-serial').textContent()).toBe(setup.chain.serial);
    expect(await page.getByTestId('evidence-chip-id').textContent()).toBe(setup.chain.chipId);
    expect(await page.getByTestId('evidence-fwid').textContent()).toBe(setup.chain.fwid);
    expect(await page.getByTestId('evidence-model').textContent()).toBe(record.device.model);
    expect(await page.getByTestId('evidence-driver').textContent()).toBe(record.device.driverVersion);
    expect(await page.getByTestId('evidence-vbios').textContent()).toBe(record.device.vbiosVersion);
    expect(await page.getByTestId('evidence-epoch').textContent()).toBe(`#${epoch}`);
    expect(await page.getByTestId('evidence-nonce').textContent()).toBe(record.nonce);
    expect(await page.getByTestId('evidence-hash').textContent()).toBe(record.evidenceHash);

    // The measurements fold open, one row per block the GPU signed.
    const measurements = page.getByTestId('evidence-measurements');
    expect(Number(await measurements.getAttribute('data-count'))).toBe(record.device.measurements.length);
    expect(record.device.measurements.length).toBeGreaterThan(0);
    await measurements.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('evidence-measurement').count()).toBe(record.device.measurements.length);
    expect(await page.getByTestId('evidence-measurement').first().locator('.evidence-measurement-value').textContent()).toBe(record.device.measurements[0]);
    await page.keyboard.press('Enter');

    // "Save evidence" writes the evidence exactly as the API holds it, with the verdict.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('evidence-save').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`gpu-evidence-${assetId.replace(/[^A-Za-z0-9._-]+/g, '-')}-epoch-${epoch}.json`);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved.evidence).toEqual(evidence);
    expect(saved).toMatchObject({ assetId, epochSeq: epoch, verified: true, nonce: record.nonce, evidenceHash: record.evidenceHash });
    // An auditor re-checks the saved evidence offline, with the root from their own records and
    // the epoch's nonce: the CLI reaches the same verdict and the same evidence hash.
    const evidenceFile = join(tempDir('sietch-gpu-saved-'), 'evidence.json');
    writeFileSync(evidenceFile, JSON.stringify(saved.evidence));
    const recheck = runSietch(['attest', 'verify-gpu', '--evidence', evidenceFile, '--root', setup.config.rootFile, '--nonce', saved.nonce.slice(2), '--at', saved.collectedAt, '--json']);
    expect(recheck.status, recheck.stderr).toBe(0);
    expect(JSON.parse(recheck.stdout)).toMatchObject({ ok: true, evidenceHash: saved.evidenceHash });

    // The section from its title (verdict and checks), then from the identity down to Save.
    const sectionTop = async (testId: string) => page.getByTestId(testId).evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await sectionTop('inventory-hardware-identity');
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-drawer-en.png') });
    await sectionTop('evidence-fields');
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-drawer-identity-en.png') });
    await setLanguage(page, 'fr');
    await expect.poll(() => page.locator('[data-testid="evidence-check"][data-check="rim"] .chip').textContent()).toBe('Non vérifié hors ligne');
    await sectionTop('inventory-hardware-identity');
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-drawer-fr.png') });
    await sectionTop('evidence-fields');
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-drawer-identity-fr.png') });
    await page.getByTestId('inventory-drawer-close').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-inventory-fr.png') });
    await setLanguage(page, 'en');
  });

  it('shows the evidence source in the Node status card, the HW mark on attested leaves and the count in the report', async () => {
    await showConsolePage(page, 'node');
    const status = await api(serve, 'attest.gpu.status');
    expect(status.source).toBe('command');
    await expect.poll(() => page.getByTestId('node-evidence-source').getAttribute('data-source'), SOON).toBe('command');
    // The root's common name; its whole subject in the tooltip.
    expect(await page.getByTestId('node-evidence-root').textContent()).toBe('Root: Sietch Synthetic Device Identity CA');
    expect(await page.getByTestId('node-evidence-root').getAttribute('title')).toBe(status.rootSubject);
    expect(Number(await page.getByTestId('node-evidence-counters').getAttribute('data-verified'))).toBeGreaterThanOrEqual(GPUS);
    expect(await page.getByTestId('node-evidence-counters').getAttribute('data-rejected')).toBe('0');
    expect(await page.getByTestId('node-evidence-problem').count()).toBe(0);
    await page.getByTestId('node-evidence-source').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-node-status-en.png') });

    const row = page.locator(`${REPORT_ROW}[data-seq="${attestedSeq}"]`);
    await expect.poll(() => row.count(), SOON).toBe(1);
    await row.click();
    const view = page.getByTestId('node-report-view');
    await expect.poll(() => view.getAttribute('data-loaded'), SOON).toBe('true');
    const count = page.getByTestId('node-report-attested');
    expect(await count.getAttribute('data-attested')).toBe(String(GPUS));
    expect(await count.getAttribute('data-gpus')).toBe(String(GPUS));
    expect((await count.textContent())!.replace(/\s/g, ' ')).toBe(`HW-attested GPUs ${GPUS} of ${GPUS}`);
    // The GPU leaves are the first in the tree's order (gpu: < robot:): in the DOM, each with its mark.
    const { leaves } = await api(serve, 'node.report.get', { seq: attestedSeq });
    for (const leaf of leaves.filter((entry: any) => entry.kind === 'gpu')) {
      const leafRow = page.locator(`${LEAF}[data-asset-id="${leaf.assetId}"]`);
      expect(await leafRow.getAttribute('data-hw-attested')).toBe('true');
      expect(await leafRow.getByTestId('node-leaf-hw').textContent()).toContain('HW');
      expect(await leafRow.locator('.leaf-identity').getAttribute('title')).toContain(leaf.evidenceHash);
    }
    const robot = leaves.find((entry: any) => entry.kind === 'robot');
    expect(await page.locator(`${LEAF}[data-asset-id="${robot.assetId}"] [data-testid="node-leaf-hw"]`).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-node-report-en.png') });
    await setLanguage(page, 'fr');
    await expect.poll(async () => (await count.textContent())!.replace(/\s/g, ' ')).toBe(`GPU attestés (matériel) ${GPUS} sur ${GPUS}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-node-report-fr.png') });
    await page.getByTestId('node-report-close').click();
    await page.getByTestId('node-evidence-source').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-node-status-fr.png') });
    await setLanguage(page, 'en');
  });

  it('verifies an exported bundle on the Reports page up to the GPU root the auditor chooses, as the CLI does', async () => {
    // The period's bundle, exported by the CLI beside the running serve (it reads without the lock).
    const day = new Date().toISOString().slice(0, 10);
    const file = join(tempDir('sietch-gpu-bundle-'), 'bundle.tar');
    const exported = runSietch(['audit', 'export', '--from', day, '--to', day, '--out', file, '--data-dir', dataDir]);
    expect(exported.status, exported.stderr).toBe(0);
    const operator = (await api(serve, 'node.key.status')).address as string;
    const cli = JSON.parse(runSietch(['audit', 'verify', file, '--signer', operator, '--gpu-root', setup.config.rootFile, '--json']).stdout);
    expect(cli.ok, JSON.stringify(cli.failure)).toBe(true);
    expect(cli.summary.hardware.attestedLeaves).toBeGreaterThanOrEqual(GPUS);

    await showConsolePage(page, 'reports');
    await page.getByTestId('reports-verify-signer').fill(operator);
    await page.getByTestId('reports-gpu-root-file').setInputFiles(setup.config.rootFile);
    await expect.poll(() => page.getByTestId('reports-gpu-root-hint').textContent(), SOON).toBe('GPU evidence will be checked up to the root in root.pem.');
    await page.getByTestId('reports-verify-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('reports-verify-result').getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
    const hardware = await page.getByTestId('reports-result-hardware').textContent();
    expect(hardware).toBe(`${cli.summary.hardware.evidenceItems} GPU evidence items verified up to the trusted root ${cli.summary.hardware.root}`);
    expect(hardware).toContain('Sietch Synthetic Device Identity CA');
    await page.getByTestId('reports-verify').screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-reports-verified-en.png') });

    // Without the root: the same bundle passes, and the console says what was not checked.
    await page.getByTestId('reports-gpu-root-clear').click();
    await page.getByTestId('reports-verify-file').setInputFiles([]);
    await page.getByTestId('reports-verify-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('reports-result-hardware').textContent(), { timeout: 30_000 }).toContain('but not against a trusted root');
  });

  it('raised no page error, console error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});

describe('a node without GPU evidence configured', () => {
  it('says in the drawer what evidence needs, and "Off" in the Node status card', async () => {
    const serve = await serveOn(tempDir('sietch-gpu-evidence-off-'), ['--simulate']);
    const { page, problems } = await openConsole(serve);
    await showConsolePage(page, 'inventory');
    await expect.poll(() => page.getByTestId('inventory-filter-kind-gpu').getAttribute('data-count'), { timeout: 30_000 }).toBe(String(GPUS));
    expect(await page.getByTestId('evidence-badge').count()).toBe(0);
    const { assets } = await api(serve, 'inventory.assets.list', { kind: 'gpu' });
    await page.locator(`${ROW}[data-asset-id="${assets[0].id}"]`).click();
    const body = page.getByTestId('evidence-empty-body');
    await expect.poll(() => body.getAttribute('data-state'), SOON).toBe('off');
    const text = (await body.textContent())!;
    for (const hint of ['H100', 'confidential-computing', 'node.gpuEvidence', 'docs/gpu-evidence.md']) expect(text).toContain(hint);
    await page.getByTestId('inventory-hardware-identity').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-drawer-empty-en.png') });
    await setLanguage(page, 'fr');
    await page.screenshot({ path: join(SCREENSHOTS, 'gpu-evidence-drawer-empty-fr.png') });
    await setLanguage(page, 'en');
    await page.getByTestId('inventory-drawer-close').click();
    await showConsolePage(page, 'node');
    await expect.poll(() => page.getByTestId('node-evidence-source').textContent(), SOON).toBe('Off');
    expect(problems).toEqual([]);
    await page.close();
  });
});
