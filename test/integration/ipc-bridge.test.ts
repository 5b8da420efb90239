import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiHandlers, EventPayload } from '../../electron/contract/api';
import { IPC_EVENT_CHANNEL, type SietchBridge } from '../../electron/contract/bridge';
import type { SietchClient } from '../../electron/contract/client';
import { ApiError } from '../../electron/contract/errors';
import { createTypedClient } from '../../electron/contract/typed-client';
import { configSchema } from '../../electron/core/config/config';
import { createCore, type Core } from '../../electron/core/core';
import type { HostInfoSource } from '../../electron/core/inventory/host/collect-host';
import { silentLogger } from '../../electron/core/log/logger';
import { APP_ENTRY_URL, isAppOriginUrl } from '../../electron/main/app-origin';
import { registerIpcBridge, type BridgeIpcMain } from '../../electron/main/ipc-bridge';
import { createIpcTransport } from '../../renderer/src/client/ipc-transport';
import { SERVER_HOST } from '../support/core-fixture';
import { fakeElectron } from '../support/fake-electron';

// The preload imports 'electron'; the real runtime cannot be installed here, so it gets the fake.
vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule);

const { page } = fakeElectron;

/** The fixed server host; a test swaps a part of it to make the next sweep journal something. */
const hostSource: HostInfoSource = { ...SERVER_HOST };

let dataDir: string;
let core: Core;
let handlers: { [M in keyof ApiHandlers]: ReturnType<typeof vi.fn> & ApiHandlers[M] };
let disposeBridge: () => void;
let bridge: SietchBridge;
let client: SietchClient;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sietch-ipc-'));
  core = createCore({ dataDir, config: configSchema.parse({}), logger: silentLogger, mode: 'desktop', hostInfoSource: hostSource });
  // Spies around the real handlers: the test can tell whether a refused call reached the core.
  handlers = Object.fromEntries(Object.entries(core.handlers).map(([name, handler]) => [name, vi.fn(handler)])) as typeof handlers;
  disposeBridge = registerIpcBridge({ ipcMain: fakeElectron.ipcMain as unknown as BridgeIpcMain, handlers, events: core.events, isTrustedSender: isAppOriginUrl, logger: silentLogger });
  page.frameUrl = APP_ENTRY_URL;
  await import('../../electron/preload/index');
  bridge = page.mainWorld.sietch as SietchBridge;
  client = createTypedClient(createIpcTransport(bridge));
});

afterAll(async () => {
  disposeBridge?.();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs fn with the renderer's frame at another URL (null: the frame is gone), then restores ours. */
async function asFrame<T>(url: string | null, fn: () => Promise<T>): Promise<T> {
  page.frameUrl = url;
  try {
    return await fn();
  } finally {
    page.frameUrl = APP_ENTRY_URL;
  }
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('preload', () => {
  it('exposes window.sietch with invoke and subscribe, and nothing else', () => {
    expect(Object.keys(page.mainWorld)).toEqual(['sietch']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.subscribe).toBe('function');
  });

  it('hands a page listener the payload only, never the IPC event (which carries ipcRenderer)', async () => {
    const received: unknown[][] = [];
    const dispose = bridge.subscribe('onHeartbeat', (...args: unknown[]) => received.push(args));
    await page.settle();
    core.events.emit('onHeartbeat', { at: '2026-01-01T00:00:00.000Z' });
    await page.settle();
    dispose();
    await page.settle();
    expect(received).toEqual([[{ at: '2026-01-01T00:00:00.000Z' }]]);
  });
});

describe('calls through window.sietch', () => {
  it('decodes system.info from the in-process core', async () => {
    const info = await client.invoke('system.info');
    expect(info).toMatchObject({ product: 'sietch', mode: 'desktop', dataDir, simulate: false });
    expect(info.schemaVersion).toBeGreaterThan(0);
  });

  it('refreshes and reads the host inventory, and the journal behind it verifies', async () => {
    expect(await client.invoke('inventory.host.get')).toBeNull();
    const refreshed = await client.invoke('inventory.host.refresh');
    expect(refreshed.assetId).toBe('host:4c4c4544-0051-3910-8036-b4c04f4e3433');
    expect(refreshed.cpu.brand).toBe('Xeon Platinum 8480+');
    expect(await client.invoke('inventory.host.get')).toEqual(refreshed);
    const { entries } = await client.invoke('journal.list', { limit: 10 });
    expect(entries.map((entry) => entry.kind)).toContain('asset.discovered');
    expect(await client.invoke('journal.verify')).toMatchObject({ ok: true });
  });

  it('refuses invalid input with invalid-input and the field at fault, before the handler runs', async () => {
    handlers['journal.list'].mockClear();
    const error = await apiError(client.invoke('journal.list', { limit: 0 }));
    expect(error.code).toBe('invalid-input');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['limit']);
    const unknownField = await bridge.invoke('journal.list', { limit: 5, sneaky: true });
    expect(unknownField).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(handlers['journal.list']).not.toHaveBeenCalled();
  });

  it('answers an unknown method with unknown-method', async () => {
    expect(await bridge.invoke('wallet.drain', {})).toEqual({ ok: false, error: { code: 'unknown-method', message: 'no method "wallet.drain"' } });
    // Names inherited from Object.prototype are not methods either.
    expect(await bridge.invoke('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const error = await apiError(client.invoke('no.such.method' as 'system.info'));
    expect(error.code).toBe('unknown-method');
  });

  it('returns internal with a generic message when a handler fails unexpectedly, without the detail', async () => {
    handlers['journal.verify'].mockRejectedValueOnce(new Error('SQLITE_CORRUPT at /home/operator/secret/sietch.db'));
    const result = await bridge.invoke('journal.verify', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'journal.verify failed; the log has the details' } });
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});

describe('sender check', () => {
  for (const foreign of ['https://evil.example/', 'file:///home/operator/index.html', 'app://sietch.evil.example/index.html', 'http://127.0.0.1:5173/', null]) {
    it(`refuses a call from ${foreign ?? 'a destroyed frame'} with forbidden, without calling the handler`, async () => {
      handlers['system.info'].mockClear();
      const result = await asFrame(foreign, () => bridge.invoke('system.info', {}));
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(handlers['system.info']).not.toHaveBeenCalled();
    });
  }

  it('gives a foreign frame no events', async () => {
    const received: unknown[] = [];
    const sentBefore = page.webContents.sent.length;
    const dispose = await asFrame('https://evil.example/', async () => {
      const stop = bridge.subscribe('onHostInventoryChanged', (payload) => received.push(payload));
      await page.settle();
      return stop;
    });
    core.events.emit('onHostInventoryChanged', await client.invoke('inventory.host.refresh'));
    await page.settle();
    dispose();
    expect(received).toEqual([]);
    expect(page.webContents.sent.slice(sentBefore).filter((message) => message.args[0] === 'onHostInventoryChanged')).toEqual([]);
  });
});

describe('events', () => {
  it('delivers onJournalAppended after inventory.host.refresh, decoded, and stops after dispose', async () => {
    const received: EventPayload<'onJournalAppended'>[] = [];
    const dispose = client.subscribe('onJournalAppended', (payload) => received.push(payload));
    await page.settle();

    const head = (await client.invoke('system.info')).journal;
    const before = received.length;
    // A swapped baseboard changes the host's identity, which the register journals.
    hostSource.baseboard = async () => ({ ...(await SERVER_HOST.baseboard()), serial: 'OM23AS600999' });
    await client.invoke('inventory.host.refresh');
    await page.settle();
    expect(received.length).toBeGreaterThan(before);
    const last = received.at(-1)!;
    expect(last).toMatchObject({ kind: 'asset.identity-changed', entity: 'host:4c4c4544-0051-3910-8036-b4c04f4e3433' });
    expect(last.seq).toBe(head.length + 1);
    expect(last.hash).toMatch(/^0x[0-9a-f]{64}$/);

    dispose();
    await page.settle();
    const pushesAfterDispose = page.webContents.sent.length;
    core.events.emit('onJournalAppended', { seq: 999, kind: 'test', entity: 'test', hash: `0x${'0'.repeat(64)}` });
    await page.settle();
    expect(received.at(-1)).toEqual(last);
    // Main dropped its subscription too: nothing more is pushed to this renderer.
    expect(page.webContents.sent.length).toBe(pushesAfterDispose);
  });

  it('fans one main subscription out to several page listeners and keeps it until the last one leaves', async () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = bridge.subscribe('onHeartbeat', (payload) => a.push(payload));
    const stopB = bridge.subscribe('onHeartbeat', (payload) => b.push(payload));
    await page.settle();
    core.events.emit('onHeartbeat', { at: '2026-01-01T00:00:01.000Z' });
    await page.settle();
    stopA();
    await page.settle();
    core.events.emit('onHeartbeat', { at: '2026-01-01T00:00:02.000Z' });
    await page.settle();
    stopB();
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
    const beats = new Set(['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z']);
    const heartbeatPushes = page.webContents.sent.filter((message) => message.channel === IPC_EVENT_CHANNEL && message.args[0] === 'onHeartbeat' && beats.has((message.args[1] as { at: string }).at));
    expect(heartbeatPushes).toHaveLength(2); // one push per event, whatever the number of page listeners
  });

  it('drops the subscriptions of a renderer that is destroyed', async () => {
    const received: unknown[] = [];
    bridge.subscribe('onHeartbeat', (payload) => received.push(payload));
    await page.settle();
    page.webContents.destroy();
    const pushes = page.webContents.sent.length;
    core.events.emit('onHeartbeat', { at: '2026-01-01T00:00:03.000Z' });
    await page.settle();
    expect(page.webContents.sent.length).toBe(pushes);
    expect(received).toEqual([]);
  });
});
