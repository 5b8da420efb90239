import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, showConsolePage, useConsoleSession, type ConsolePage } from '../support/console-session';
import { apiResult, type ServeHandle } from '../support/sietch-process';

// The Robots page on the real product path: the built `sietch serve --simulate` (an embedded
// MQTT broker and 24 simulated VDA 5050 robots, 12 of each version, in the same process), and
// Debian's Chromium driving the built renderer. Then a plain `sietch serve` with no broker,
// whose page must say how to connect one.
const ROW = '[data-testid="robot-row"]';
const session = useConsoleSession();

function serveOn(args: string[]): Promise<ServeHandle> {
  return session.serve(session.tempDir('sietch-robots-'), args);
}

async function openRobotsPage(serve: ServeHandle): Promise<ConsolePage> {
  const opened = await session.openConsole(serve);
  await showConsolePage(opened.page, 'robots');
  return opened;
}

describe('the Robots page of `sietch serve --simulate`', () => {
  let serve: ServeHandle;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    serve = await serveOn(['--simulate']);
    ({ page, problems } = await openRobotsPage(serve));
  });

  it('shows the live simulated fleet: 24 robots, online, with mode, battery and runtime', async () => {
    await expect.poll(() => page.getByTestId('robots-table').getAttribute('data-row-count'), { timeout: 30_000 }).toBe('24');
    expect(await page.getByTestId('robots-count').textContent()).toBe('24');
    await expect.poll(async () => Number(await page.getByTestId('robots-online').textContent()), { timeout: 15_000 }).toBeGreaterThan(20);
    expect(await page.getByTestId('robots-source').getAttribute('data-connected')).toBe('true');
    expect(await page.locator('.page-header .tag-simulated').count()).toBe(1);
    // Every robot the API lists is a row; the battery shown is the one the API has (live, so compared within a refetch).
    const { robots } = await apiResult(serve, 'robots.list');
    expect(robots).toHaveLength(24);
    for (const robot of robots) expect(await page.locator(`${ROW}[data-robot-id="${robot.id}"]`).count()).toBe(1);
    await expect
      .poll(async () => {
        const listed = (await apiResult(serve, 'robots.list')).robots as { id: string; batteryPct: number | null }[];
        const shown = await page.locator(`${ROW}[data-robot-id="robot:SietchSim:CB3-0001"] [data-testid="robot-battery"]`).textContent();
        const battery = listed.find((robot) => robot.id === 'robot:SietchSim:CB3-0001')!.batteryPct;
        return battery !== null && (shown ?? '').includes(`${Math.round(battery)} %`);
      }, { timeout: 10_000 })
      .toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'robots-fleet-en.png') });
    expect(problems).toEqual([]);
  });

  it('counts an invalid message on the robot whose topic it came on', async () => {
    const { source } = await apiResult(serve, 'robots.list');
    const client = await mqtt.connectAsync(source.brokerUrl, { clientId: 'e2e-garbage' });
    await client.publishAsync('uagv/v2/SietchSim/CB2-0005/state', '{"headerId": "not a number"', { qos: 1 });
    await client.publishAsync('uagv/v2/SietchSim/CB2-0005/state', JSON.stringify({ headerId: 1 }), { qos: 1 });
    await client.endAsync();
    await expect.poll(() => page.getByTestId('robots-invalid-total').textContent(), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => page.locator(`${ROW}[data-robot-id="robot:SietchSim:CB2-0005"] [data-testid="robot-invalid"]`).textContent(), { timeout: 5_000 }).toBe('2');
    expect(await page.getByTestId('robots-invalid-reasons').textContent()).toContain('Schema');
  });

  it('opens a robot from the keyboard: figures, factsheet, the battery and activity timeline (uPlot), its history', async () => {
    await page.getByTestId('robots-table').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('robot-detail').getAttribute('data-robot-id')).toBe('robot:SietchSim:CB2-0001');
    await expect.poll(async () => Number(await page.getByTestId('robot-timeline').getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="robot-timeline"] canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('robot-figures').textContent()).toContain('Missions completed');
    expect(await page.getByTestId('robot-events').textContent()).toContain('Registered');
    await page.screenshot({ path: join(SCREENSHOTS, 'robots-detail-en.png') });
    await page.getByTestId('robot-timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'robots-detail-timeline-en.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('robots-table').count()).toBe(1);
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('robots-table');
  });

  it('reads in French and in the dark theme', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-select').selectOption('fr');
    await page.getByTestId('theme-select').selectOption('dark');
    await page.getByTestId('nav-robots').click();
    await expect.poll(() => page.getByTestId('robots-source').textContent()).toContain("À l'écoute");
    await page.screenshot({ path: join(SCREENSHOTS, 'robots-fleet-fr-dark.png') });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-select').selectOption('en');
    await page.getByTestId('theme-select').selectOption('light');
    expect(problems).toEqual([]);
  });
});

describe('the Robots page with no broker', () => {
  it('explains how to connect a broker', async () => {
    const serve = await serveOn([]);
    const { page, problems } = await openRobotsPage(serve);
    await expect.poll(() => page.getByTestId('robots-empty').count(), { timeout: 15_000 }).toBe(1);
    const text = (await page.getByTestId('robots-empty').textContent()) ?? '';
    for (const hint of ['no MQTT broker', 'config.json', 'mqtts://', 'embeddedBroker', 'sietch serve --simulate', 'sietch simulate robots']) expect(text).toContain(hint);
    await page.screenshot({ path: join(SCREENSHOTS, 'robots-empty-en.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
