import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BridgeResult, SietchBridge } from '../../electron/contract/bridge';
import { API_ERROR_STATUS, type ApiErrorBody } from '../../electron/contract/errors';
import { configSchema } from '../../electron/core/config/config';
import { createCore, type Core } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log/logger';
import { APP_ENTRY_URL, isAppOriginUrl } from '../../electron/main/app-origin';
import { registerIpcBridge, type BridgeIpcMain } from '../../electron/main/ipc-bridge';
import { startApiServer } from '../../electron/server/api-server';
import { SERVER_HOST } from '../support/core-fixture';
import { fakeElectron } from '../support/fake-electron';

// The preload imports 'electron'; the real runtime cannot be installed here, so it gets the fake.
vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule);

/**
 * One core, two transports: every answer must be the same JSON whether it travelled over
 * Electron IPC (preload -> ipcMain bridge) or over HTTP (the headless server). Both run the
 * contract's decode/encode, so a difference here means one transport grew its own logic.
 */

type Answer = { result: unknown } | { error: ApiErrorBody };

const TOKEN = 'equivalence-test-token-0123456789abcdef';
let dataDir: string;
let core: Core;
let server: Awaited<ReturnType<typeof startApiServer>>;
let disposeBridge: () => void;
let bridge: SietchBridge;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sietch-equivalence-'));
  core = createCore({ dataDir, config: configSchema.parse({}), logger: silentLogger, mode: 'desktop', hostInfoSource: SERVER_HOST });
  server = await startApiServer({ handlers: core.handlers, events: core.events, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: undefined, logger: silentLogger });
  disposeBridge = registerIpcBridge({ ipcMain: fakeElectron.ipcMain as unknown as BridgeIpcMain, handlers: core.handlers, events: core.events, isTrustedSender: isAppOriginUrl, logger: silentLogger });
  fakeElectron.page.frameUrl = APP_ENTRY_URL;
  await import('../../electron/preload/index');
  bridge = fakeElectron.page.mainWorld.sietch as SietchBridge;
});

afterAll(async () => {
  disposeBridge?.();
  await server?.close();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function overHttp(method: string, wireInput: unknown): Promise<{ status: number; answer: Answer; text: string }> {
  const response = await fetch(`${server.url}api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(wireInput),
  });
  const body = (await response.json()) as Answer;
  const answer = 'result' in body ? { result: body.result } : { error: body.error };
  return { status: response.status, answer, text: JSON.stringify(answer) };
}

async function overIpc(method: string, wireInput: unknown): Promise<{ answer: Answer; text: string }> {
  const envelope: BridgeResult = await bridge.invoke(method, wireInput);
  const answer = envelope.ok ? { result: envelope.result } : { error: envelope.error };
  return { answer, text: JSON.stringify(answer) };
}

/** Same call both ways: identical JSON (same keys, same order, same values) and, for errors, the contract's status. */
async function expectSameAnswer(method: string, wireInput: unknown): Promise<Answer> {
  const http = await overHttp(method, wireInput);
  const ipc = await overIpc(method, wireInput);
  expect(ipc.answer).toEqual(http.answer);
  expect(ipc.text).toBe(http.text);
  if ('error' in http.answer) expect(http.status).toBe(API_ERROR_STATUS[http.answer.error.code]);
  else expect(http.status).toBe(200);
  return http.answer;
}

describe('HTTP and IPC give identical wire results', () => {
  it('inventory.host.get before the first sweep (null)', async () => {
    expect(await expectSameAnswer('inventory.host.get', {})).toEqual({ result: null });
  });

  it('system.info, nothing excluded (same core, same values)', async () => {
    const answer = await expectSameAnswer('system.info', {});
    expect(answer).toMatchObject({ result: { product: 'sietch', mode: 'desktop', dataDir } });
  });

  it('inventory.host.get after a sweep, journal.list, journal.verify', async () => {
    await core.handlers['inventory.host.refresh']({});
    expect(await expectSameAnswer('inventory.host.get', {})).toMatchObject({ result: { assetId: 'host:4c4c4544-0051-3910-8036-b4c04f4e3433' } });
    const listed = await expectSameAnswer('journal.list', {});
    expect((listed as { result: { entries: unknown[] } }).result.entries.length).toBeGreaterThan(0);
    await expectSameAnswer('journal.list', { afterSeq: 0, limit: 1 });
    await expectSameAnswer('journal.list', { afterSeq: 1_000_000 });
    expect(await expectSameAnswer('journal.verify', {})).toMatchObject({ result: { ok: true } });
    await expectSameAnswer('system.info', {}); // the journal head moved: still the same both ways
  });

  it('invalid input: the same error body, field issues included', async () => {
    const answer = await expectSameAnswer('journal.list', { limit: 0, afterSeq: -1 });
    expect(answer).toMatchObject({ error: { code: 'invalid-input' } });
    expect((answer as { error: ApiErrorBody }).error.issues?.map((issue) => issue.path).sort()).toEqual(['afterSeq', 'limit']);
    await expectSameAnswer('system.info', { unexpected: true });
    await expectSameAnswer('journal.list', { limit: '10' });
  });

  it('unknown method: the same error body', async () => {
    expect(await expectSameAnswer('ledger.steal', {})).toEqual({ error: { code: 'unknown-method', message: 'no method "ledger.steal"' } });
  });
});
