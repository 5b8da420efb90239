import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTarIndex } from '../../electron/core/audit/tar';
import { launchChromium } from '../support/chromium';
import { apiResult, runSietch, startServe, waitForExit, type ServeHandle } from '../support/sietch-process';
import { until } from '../support/until';

// The Reports page on the real product path: the built `sietch serve --simulate` with an
// operator key, 10 s epochs so signed reports exist within the test; Debian's Chromium drives
// the built renderer. Export a period (progress, then a real download), drop the downloaded
// bundle on the page to verify it (the same result as the CLI), drop a tampered copy (named
// failure), export a single-asset proof and verify it with OpenZeppelin's library.
const SCREENSHOTS = join('test-results', 'screenshots');
const dir = mkdtempSync(join(tmpdir(), 'sietch-reports-'));
let serve: ServeHandle;
let browser: Browser;
let page: Page;
let operator: string;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ node: { sampleIntervalSeconds: 1, epochSeconds: 10 } }));
  const passphraseFile = join(dir, 'passphrase');
  writeFileSync(passphraseFile, 'correct horse battery staple');
  chmodSync(passphraseFile, 0o600);
  const created = runSietch(['key', 'create', '--passphrase-file', passphraseFile, '--data-dir', dir, '--json']);
  expect(created.status, created.stderr).toBe(0);
  operator = (JSON.parse(created.stdout) as { address: string }).address;
  serve = await startServe(dir, ['--simulate', '--passphrase-file', passphraseFile]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await until('two signed reports', async () => (await apiResult(serve, 'node.status')).reports.signed >= 2, 60_000);
});

afterAll(async () => {
  await browser?.close();
  serve?.child.kill('SIGTERM');
  if (serve) await waitForExit(serve.child);
  rmSync(dir, { recursive: true, force: true });
});

/** Drops bytes on the drop zone as a real drag-and-drop would (a DataTransfer holding a File). */
async function dropFile(bytes: Buffer, name: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(`(() => {
    const binary = atob(${JSON.stringify(bytes.toString('base64'))});
    const data = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) data[i] = binary.charCodeAt(i);
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], ${JSON.stringify(name)}));
    return transfer;
  })()`);
  await page.getByTestId('reports-dropzone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('reports-dropzone').dispatchEvent('drop', { dataTransfer });
}

async function resultOf(): Promise<string | null> {
  await until('a verification result', async () => (await page.getByTestId('reports-verify-result').count()) > 0, 30_000);
  return page.getByTestId('reports-verify-result').getAttribute('data-ok');
}

describe('the Reports page', () => {
  it('exports a period with progress and downloads the bundle, which the CLI verifies', async () => {
    await page.goto(serve.urlWithToken);
    await until('the console to connect', async () => (await page.getByTestId('connection-indicator').getAttribute('data-state')) === 'connected');
    await page.getByTestId('nav-reports').click();
    await until('the Reports page', async () => page.url().includes('#/reports'));
    expect(await page.getByTestId('not-built').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-empty-en.png') });

    const download = page.waitForEvent('download');
    await page.getByTestId('reports-export-button').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^sietch-audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.tar$/);
    const file = join(dir, saved.suggestedFilename());
    await saved.saveAs(file);
    await until('the export summary', async () => (await page.getByTestId('reports-export-done').count()) > 0);
    expect(await page.getByTestId('reports-export-done').textContent()).toContain(`--signer ${operator}`);
    const bytes = readFileSync(file);
    expect(readTarIndex(bytes).map((entry) => entry.name).slice(0, 3)).toEqual(['manifest.json', 'journal.json', 'reports/00000001.json']);
    const cli = runSietch(['audit', 'verify', file, '--signer', operator, '--json']);
    expect(cli.status, cli.stderr).toBe(0);
  });

  it('verifies a dropped bundle against the operator address: the same facts as the CLI', async () => {
    const file = join(dir, (await page.getByTestId('reports-export-done').textContent())!.match(/sietch-audit-[\d-]+\.tar/)![0]);
    const bytes = readFileSync(file);
    const cli = JSON.parse(runSietch(['audit', 'verify', file, '--signer', operator, '--json']).stdout);
    await page.getByTestId('reports-verify-signer').fill(operator);
    await dropFile(bytes, 'bundle.tar');
    expect(await resultOf()).toBe('true');
    const reportsText = await page.getByTestId('reports-result-reports').textContent();
    expect(reportsText).toContain(`${cli.summary.reports.count} (sequence ${cli.summary.reports.firstSeq} to ${cli.summary.reports.lastSeq}`);
    expect(await page.getByTestId('reports-result-signer').textContent()).toBe(operator);
    expect(await page.getByTestId('reports-result-assets').textContent()).toContain(`${cli.summary.assets.count} (`);
    expect(await page.locator('[data-testid="reports-result-assets-table"] tbody tr').count()).toBe(cli.summary.perAsset.length);
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-verified-en.png') });
    await page.getByTestId('reports-verify-result').scrollIntoViewIfNeeded();
    await page.getByTestId('reports-verify').screenshot({ path: join(SCREENSHOTS, 'reports-verified-result-en.png') });
  });

  it('names the report, leaf and field of a tampered bundle, like the CLI', async () => {
    const file = join(dir, (await page.getByTestId('reports-export-done').textContent())!.match(/sietch-audit-[\d-]+\.tar/)![0]);
    const bytes = readFileSync(file);
    const entry = readTarIndex(bytes).find((candidate) => candidate.name === 'reports/00000002.json')!;
    const text = bytes.toString('latin1', entry.offset, entry.offset + entry.size);
    const at = text.indexOf('"meanUtilBps":') + '"meanUtilBps":'.length;
    const tampered = Buffer.from(bytes);
    tampered.write(text[at] === '9' ? '8' : String(Number(text[at]) + 1), entry.offset + at, 'latin1');
    const tamperedFile = join(dir, 'tampered.tar');
    writeFileSync(tamperedFile, tampered);
    const cli = JSON.parse(runSietch(['audit', 'verify', tamperedFile, '--signer', operator, '--json']).stdout);
    expect(cli.ok).toBe(false);
    await dropFile(tampered, 'tampered.tar');
    await until('the failure', async () => (await page.getByTestId('reports-verify-result').getAttribute('data-ok')) === 'false', 30_000);
    expect(await page.getByTestId('reports-failure-report').textContent()).toBe(String(cli.failure.report));
    expect(await page.getByTestId('reports-failure-leaf').textContent()).toBe(cli.failure.leaf);
    expect(await page.getByTestId('reports-failure-field').textContent()).toBe(cli.failure.field);
    expect(await page.getByTestId('reports-failure-message').textContent()).toBe(cli.failure.message);
    await page.getByTestId('reports-verify-result').scrollIntoViewIfNeeded();
    await page.getByTestId('reports-verify').screenshot({ path: join(SCREENSHOTS, 'reports-tampered-en.png') });
  });

  it("exports one asset's proof, which OpenZeppelin's library and the page both verify", async () => {
    const detail = await apiResult(serve, 'node.report.get', { seq: 2 });
    const gpu = detail.leaves.find((leaf: { assetId: string }) => leaf.assetId.startsWith('gpu:')).assetId as string;
    await page.getByTestId('reports-proof-asset').fill(gpu);
    await page.getByTestId('reports-proof-seq').fill('2');
    const download = page.waitForEvent('download');
    await page.getByTestId('reports-proof-button').click();
    const saved = await download;
    const file = join(dir, saved.suggestedFilename());
    await saved.saveAs(file);
    const proof = JSON.parse(readFileSync(file, 'utf8'));
    expect(StandardMerkleTree.verify(proof.report.merkleRoot, proof.leafEncoding, proof.values, proof.proof)).toBe(true);
    await dropFile(readFileSync(file), saved.suggestedFilename());
    await until('the proof result', async () => ((await page.getByTestId('reports-verify-result').textContent()) ?? '').includes(gpu), 30_000);
    expect(await page.getByTestId('reports-verify-result').getAttribute('data-ok')).toBe('true');
    // French, dark: the same page, translated.
    await page.getByTestId('language-select').selectOption('fr');
    await page.getByTestId('theme-select').selectOption('dark');
    await until('the French page', async () => ((await page.getByTestId('reports-verify-result').textContent()) ?? '').includes('figure dans le rapport'));
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-fr-dark.png') });
    await page.getByTestId('reports-verify-result').scrollIntoViewIfNeeded();
    await page.getByTestId('reports-verify').screenshot({ path: join(SCREENSHOTS, 'reports-proof-fr-dark.png') });
    expect(problems).toEqual([]);
  });
});
