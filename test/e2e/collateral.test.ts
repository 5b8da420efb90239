import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUnits } from '../../electron/contract/money';
import { launchChromium } from '../support/chromium';
import { seedGpuAssets, type SeededFleet } from '../support/seed-assets';
import { apiResult, startServe, waitForExit, type ServeHandle } from '../support/sietch-process';
import { until } from '../support/until';

// The books behind the facilities on the real product path: a seeded fleet of 40 GPUs, the built
// `sietch serve`, Debian's Chromium. The operator imports appraisals, pledges and contracts as CSV
// through the page (bad files are refused with every error, nothing written), the months are
// closed, and every tab — customers and aging, collateral with the coverage gauge, its cures and
// history, the waterfall, eligibility, alerts — shows exactly what the API computes.
const SCREENSHOTS = join('test-results', 'screenshots');
let browser: Browser;
let serve: ServeHandle;
let dataDir: string;
let page: Page;
let fleet: SeededFleet;
let facilityId: string;
const problems: string[] = [];
const api = (method: string, input: unknown = {}): Promise<any> => apiResult(serve, method, input);
const en = (micro: string | bigint): string => new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(formatUnits(BigInt(micro)) as `${number}`);

/** The first day of the month `months` before this one (UTC). */
function monthStart(months: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)).toISOString().slice(0, 10);
}
const START = monthStart(6);

async function importThroughPage(table: string, csv: string, name: string): Promise<void> {
  const file = join(dataDir, name);
  writeFileSync(file, csv);
  await page.getByTestId('finance-import-table').first().selectOption(table);
  await page.getByTestId('finance-import-file').first().setInputFiles(file);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'sietch-collateral-'));
  fleet = seedGpuAssets(dataDir, { gpus: 40, withSamples: 0 });
  serve = await startServe(dataDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(serve.urlWithToken);
  await until('the console to connect', async () => (await page.getByTestId('connection-indicator').getAttribute('data-state')) === 'connected', 15_000);
  const facility = await api('ledger.facility.create', { name: 'H100 pod A', lender: 'Northwind Credit', terms: { structure: 'revenue-share', principal: '600000000000', startDate: START, sharePct: '60', targetMultiple: '1.25', termMonths: 36 } });
  facilityId = facility.facility.id;
  await api('finance.covenant.set', { facilityId, minCoverage: '1.3' });
});

afterAll(async () => {
  await browser?.close();
  if (serve) {
    serve.child.kill('SIGTERM');
    await waitForExit(serve.child);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the Finance books', () => {
  it('explains what to do when there are no contracts, and refuses a contracts file with bad rows', async () => {
    await page.getByTestId('nav-finance').click();
    await page.getByTestId('finance-tab-customers').click();
    await expect.poll(() => page.getByTestId('finance-customers-empty').isVisible(), { timeout: 10_000 }).toBe(true);
    const gpus = fleet.ids.join(' ');
    await importThroughPage('contracts', `id,customer,kind,billing_unit,unit_price,start_date,term_months,payment_terms_days,asset_ids\nLEASE-1,Acme AI,compute-lease,gpu-month,500,${START},36,20,${gpus}\nLEASE-2,Borealis,compute-lease,robot-month,abc,${START},0,20,gpu:GPU-none\n`, 'bad-contracts.csv');
    // Row 3: a price that is not an amount and a term of 0 months, each named with its column.
    await expect.poll(() => page.getByTestId('finance-import-errors').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    expect(await page.getByTestId('finance-import-errors').locator('li[data-row="3"][data-column="unit_price"]').count()).toBe(1);
    expect(await page.getByTestId('finance-import-errors').locator('li[data-row="3"][data-column="term_months"]').count()).toBe(1);
    expect((await api('finance.contracts.list')).contracts).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'finance-import-errors-en-light.png') });
    await importThroughPage('contracts', `id,customer,kind,billing_unit,unit_price,start_date,term_months,payment_terms_days,asset_ids\nLEASE-1,Acme AI,compute-lease,gpu-month,500,${START},36,20,${gpus}\n`, 'contracts.csv');
    await expect.poll(() => page.getByTestId('finance-contract-row').count(), { timeout: 10_000 }).toBe(1);
  });

  it('imports appraisals and pledges, closes the months, and shows invoices with their aging', async () => {
    await page.getByTestId('finance-tab-collateral').click();
    await expect.poll(() => page.getByTestId('finance-collateral-empty').isVisible(), { timeout: 10_000 }).toBe(true);
    const appraisals = ['asset_id,appraised_on,value,method,life_months,residual_value,advance_rate_pct', ...fleet.ids.map((id) => `${id},${START},20000,straight-line,48,0,75`)].join('\n');
    await importThroughPage('appraisals', appraisals, 'appraisals.csv');
    await expect.poll(() => page.getByTestId('finance-import-done').textContent(), { timeout: 10_000 }).toContain('40 rows');
    await importThroughPage('pledges', ['facility_id,asset_id,date', ...fleet.ids.map((id) => `${facilityId},${id},${START}`), `${facilityId},${fleet.ids[0]},${START}`].join('\n'), 'pledges-twice.csv');
    await expect.poll(() => page.getByTestId('finance-import-errors').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    expect((await api('finance.coverage', { facilityId })).collateral).toEqual([]);
    await importThroughPage('pledges', ['facility_id,asset_id,date', ...fleet.ids.map((id) => `${facilityId},${id},${START}`)].join('\n'), 'pledges.csv');
    await expect.poll(() => page.getByTestId('finance-collateral-table').getAttribute('data-row-count'), { timeout: 10_000 }).toBe('40');

    // Six months: each closed; Acme pays every invoice but the last one on its due date.
    for (let months = 6; months >= 1; months -= 1) {
      const month = monthStart(months).slice(0, 7);
      const { invoices } = await api('finance.invoices.list');
      for (const invoice of invoices) if (invoice.open !== '0' && invoice.dueDate.slice(0, 7) === month && invoice.period < 5) await api('finance.payment.record', { customer: 'Acme AI', date: invoice.dueDate, amount: invoice.open, invoiceId: invoice.id });
      await api('finance.period.close', { month });
    }
    await page.getByTestId('finance-tab-customers').click();
    const { invoices, aging } = await api('finance.invoices.list');
    expect(invoices.length).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.getByTestId('finance-invoices').getAttribute('data-row-count'), { timeout: 10_000 }).toBe(String(invoices.length));
    expect(await page.getByTestId('finance-aging').getAttribute('data-total')).toBe(aging.total);
    for (const bucket of ['current', '1-29', '30-59', '60-89', '90+']) expect(await page.locator(`[data-testid="finance-aging"] [data-bucket="${bucket}"] dd`).textContent()).toBe(en(aging[bucket]));
    const overdue = invoices.filter((invoice: any) => invoice.state === 'overdue');
    expect(overdue.length).toBeGreaterThan(0);
    const row = page.locator(`[data-testid="finance-invoice-row"][data-invoice-id="${overdue[0].id}"]`);
    expect(await row.getAttribute('data-days-past-due')).toBe(String(overdue[0].daysPastDue));
    const receivables = await api('finance.receivables');
    expect(await page.locator('[data-testid="finance-history-row"][data-customer="Acme AI"] [data-field="averageDaysLate"]').textContent()).toBe(receivables.customers[0].averageDaysLate ?? '—');
    await page.screenshot({ path: join(SCREENSHOTS, 'finance-customers-en-light.png'), fullPage: true });
  });

  it('shows coverage on the gauge with both cures and its history, and the certificate downloads', async () => {
    await page.getByTestId('finance-tab-collateral').click();
    const coverage = await api('finance.coverage', { facilityId });
    expect(coverage.figures.breached).toBe(true); // a missing and a failing GPU count as zero
    await expect.poll(() => page.getByTestId('finance-coverage-gauge').getAttribute('data-coverage'), { timeout: 10_000 }).toBe(coverage.figures.coverage);
    expect(await page.getByTestId('finance-coverage-gauge').getAttribute('data-state')).toBe('breached');
    expect(await page.getByTestId('finance-cures').getAttribute('data-pledge')).toBe(coverage.figures.cures.pledgeMore);
    expect(await page.getByTestId('finance-cures').textContent()).toContain(en(coverage.figures.cures.repay));
    expect(await page.locator('[data-testid="finance-coverage"] [data-field="eligibleValue"]').textContent()).toBe(en(coverage.figures.eligibleValue));
    expect(await page.getByTestId('finance-coverage-history').getAttribute('data-points')).toBe(String(coverage.history.length));
    expect(await page.locator('[data-testid="finance-coverage-history"] canvas').count()).toBe(1);
    const missing = page.locator(`[data-testid="finance-collateral-row"][data-asset-id="${fleet.missing[0]}"]`);
    expect(await missing.getAttribute('data-condition')).toBe('missing');
    const download = page.waitForEvent('download');
    await page.getByTestId('finance-certificate').click();
    const file = await (await download).path();
    expect(readFileSync(file!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.screenshot({ path: join(SCREENSHOTS, 'finance-collateral-en-light.png'), fullPage: true });
  });

  it('draws the waterfall per period with DSCR, as the API computes it', async () => {
    await page.getByTestId('finance-tab-waterfall').click();
    const waterfall = await api('finance.waterfall', { facilityId });
    await expect.poll(() => page.getByTestId('finance-waterfall-row').count(), { timeout: 10_000 }).toBe(waterfall.periods.length);
    for (const period of waterfall.periods) {
      const row = page.locator(`[data-testid="finance-waterfall-row"][data-n="${period.n}"]`);
      expect(await row.getAttribute('data-dscr')).toBe(period.dscr ?? '');
      expect(await row.locator('[data-field="revenue"]').textContent()).toBe(en(period.revenue));
      expect(await row.locator('[data-field="toLender"]').textContent()).toBe(en(period.toLender));
    }
    expect(await page.locator('[data-testid="finance-waterfall-chart"] canvas').count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByTestId('finance-statement').first().click();
    expect((await download).suggestedFilename()).toBe(`sietch-statement-${facilityId}-period-1.pdf`);
    await page.screenshot({ path: join(SCREENSHOTS, 'finance-waterfall-en-light.png'), fullPage: true });
  });

  it('summarizes eligibility and lists the alerts, in English and in French', async () => {
    await page.getByTestId('finance-tab-eligibility').click();
    const eligibility = await api('finance.eligibility');
    await expect.poll(() => page.locator('[data-field="activeContracts"]').textContent(), { timeout: 10_000 }).toBe(String(eligibility.activeContracts));
    const facility = page.locator(`[data-testid="finance-eligibility-facility"][data-facility-id="${facilityId}"]`);
    expect(await facility.getAttribute('data-breached')).toBe('yes');
    expect(await facility.locator('[data-field="coverage"]').textContent()).toBe(`${eligibility.facilities[0].figures.coverage}×`);
    expect(await page.locator('[data-field="arrears30"]').textContent()).toContain(en(eligibility.arrears30));
    await page.screenshot({ path: join(SCREENSHOTS, 'finance-eligibility-en-light.png'), fullPage: true });

    await page.getByTestId('finance-tab-alerts').click();
    const { alerts } = await api('finance.alerts.list');
    expect(alerts.map((alert: any) => alert.kind)).toContain('coverage-breach');
    await expect.poll(() => page.getByTestId('finance-alert').count(), { timeout: 10_000 }).toBe(alerts.length);
    expect(await page.locator('[data-testid="finance-alert"][data-kind="coverage-breach"]').textContent()).toContain(en(alerts.find((alert: any) => alert.kind === 'coverage-breach').figures.pledgeMore));
    await page.screenshot({ path: join(SCREENSHOTS, 'finance-alerts-en-light.png'), fullPage: true });

    await page.getByTestId('language-select').selectOption('fr');
    await page.getByTestId('theme-select').selectOption('dark');
    await page.getByTestId('finance-tab-collateral').click();
    await expect.poll(() => page.getByTestId('finance-cures').textContent(), { timeout: 10_000 }).toContain('ou rembourser');
    await page.screenshot({ path: join(SCREENSHOTS, 'finance-collateral-fr-dark.png'), fullPage: true });
    await page.getByTestId('finance-tab-waterfall').click();
    await expect.poll(() => page.getByTestId('finance-waterfall-table').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'finance-waterfall-fr-dark.png'), fullPage: true });
    await page.getByTestId('language-select').selectOption('en');
    await page.getByTestId('theme-select').selectOption('light');
    // Tabs answer the keyboard.
    await page.getByTestId('finance-tab-waterfall').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('finance-tab-eligibility').getAttribute('aria-selected')).toBe('true');
    expect(problems).toEqual([]);
  });
});
