import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL, type SietchBridge } from '../contract/bridge';
import { OPERATOR_PASSPHRASE_SECRET } from '../core/keystore/secret-store';
import { LOCK_FILE } from '../core/lock/data-dir-lock';
import { useTempDirs } from '../../test/support/temp-dir';

/**
 * Boots the real main-process entry (index.ts) against the fake Electron, with a real core on a
 * temporary data directory, and checks how it wired itself: the window's web preferences, the
 * guards, the permission handlers, the app:// protocol, the IPC bridge, the tray that keeps the
 * node running without a window, the safeStorage secret store and the graceful quit.
 */

vi.mock('electron', async () => (await import('../../test/support/fake-electron')).electronModule);
// The core's background host sweep reads systeminformation; give it a fixed machine instead of this one.
vi.mock('systeminformation', () => ({
  system: async () => ({ manufacturer: 'Supermicro', model: 'SYS-821GE-TNHR', serial: 'S452390X3A07217', uuid: '4c4c4544-0051-3910-8036-b4c04f4e3433', sku: '', virtual: false }),
  baseboard: async () => ({ manufacturer: 'Supermicro', model: 'X13DEG-OAD', serial: 'OM23AS600123', assetTag: '' }),
  cpu: async () => ({ manufacturer: 'Intel', brand: 'Xeon Platinum 8480+', cores: 224, physicalCores: 112, processors: 2, speed: 2 }),
  mem: async () => ({ total: 2 * 1024 ** 4 }),
  diskLayout: async () => [],
  networkInterfaces: async () => [],
  osInfo: async () => ({ platform: 'linux', distro: 'Ubuntu', release: '22.04', kernel: '5.15.0', arch: 'x64', hostname: 'gpu-node-07' }),
}));

type Fake = import('../../test/support/fake-electron').FakeElectron;

const tempDir = useTempDirs();
let dataDir: string;
const envBefore = { ...process.env };
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

beforeEach(() => {
  dataDir = tempDir();
  process.env.SIETCH_DATA_DIR = dataDir;
  process.env.SIETCH_LOG_LEVEL = 'silent';
});

afterEach(() => {
  process.env = { ...envBefore };
  // index.ts forwards Ctrl+C to app.quit(); take those listeners off again so the test runner keeps its own.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }
});

async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  for (let i = 0; i < timeoutMs / 10; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A fresh fake Electron and a fresh import of the entry point, as if the app were started anew. */
async function boot(prepare: (fake: Fake) => void = () => undefined): Promise<Fake> {
  vi.resetModules();
  // Through 'electron' itself: the instance index.ts will import, whatever vitest cached.
  const fakeElectron = ((await import('electron')) as unknown as { __fake: Fake }).__fake;
  fakeElectron.reset();
  fakeElectron.app.appPath = dataDir; // no .electron-native here: better-sqlite3's own (Node) build is used
  prepare(fakeElectron);
  await import('./index');
  fakeElectron.app.becomeReady();
  return fakeElectron;
}

describe('the Electron main process', () => {
  it('before ready: sandboxes every renderer and registers app:// as privileged, without bypassing CSP', async () => {
    const fake = await boot();
    expect(fake.app.sandboxEnforced).toBe(true);
    expect(fake.protocol.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it('opens one locked-down window on app://sietch with the sandboxed preload', async () => {
    const fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    const [window] = fake.BrowserWindow.instances;
    const preferences = window!.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: true, // unpackaged run; a packaged one gets false
    });
    expect(String(preferences.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window!.loadedUrl).toBe('app://sietch/index.html');
    window!.emit('ready-to-show');
    expect(window!.visible).toBe(true);
    expect(fake.Menu.applicationMenu).not.toBeNull();
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it('gives a packaged app no developer tools, neither in the window nor in the menu', async () => {
    const fake = await boot((f) => {
      f.app.isPackaged = true;
    });
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    expect((fake.BrowserWindow.instances[0]!.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    expect(JSON.stringify(fake.Menu.applicationMenu)).not.toContain('toggleDevTools');
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it('denies navigation, redirects, new windows, <webview> and every permission', async () => {
    const fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    const contents = fake.page.webContents;
    expect(contents.attempt('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'app://sietch/other.html' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'app://sietch/index.html#hosts', isSameDocument: true })).toBe(false);
    expect(contents.attempt('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false })).toBe(true);
    expect(contents.attempt('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.attempt('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    const session = fake.session.defaultSession;
    const granted = vi.fn();
    session.permissionRequestHandler?.(contents, 'media', granted, {});
    expect(granted).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler?.(contents, 'notifications', 'app://sietch', {})).toBe(false);
    expect(session.devicePermissionHandler?.({})).toBe(false);
    const later = new fake.FakeSession();
    fake.app.emit('session-created', later);
    expect(later.permissionRequestHandler).not.toBeNull();
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it('serves the API over IPC from the in-process core, and the renderer files with a CSP', async () => {
    const fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    expect(fake.ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(true);
    await import('../preload/index');
    const bridge = fake.page.mainWorld.sietch as SietchBridge;
    expect(await bridge.invoke('system.info', {})).toMatchObject({ ok: true, result: { mode: 'desktop', dataDir } });

    const response = await fake.protocol.handlers.get('app')!(new Request('app://sietch/index.html'));
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it('focuses the window when started a second time, or reopens it after it was closed', async () => {
    const fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    fake.app.emit('second-instance');
    expect(fake.BrowserWindow.instances[0]!.focused).toBe(true);
    expect(fake.BrowserWindow.instances).toHaveLength(1);

    fake.BrowserWindow.instances[0]!.close();
    fake.app.emit('second-instance');
    expect(fake.BrowserWindow.instances).toHaveLength(2);
    expect(fake.BrowserWindow.instances[1]!.loadedUrl).toBe('app://sietch/index.html');
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it('quits gracefully: closes the core, releases the data-dir lock, then exits 0', async () => {
    const fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
    fake.app.quit();
    fake.app.quit(); // a second request while stopping changes nothing
    await until(() => fake.app.calls.exit.length > 0, 'the exit');
    expect(fake.app.calls.exit).toEqual([0]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(fake.ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(fake.protocol.handlers.has('app')).toBe(false);
  });

  it('keeps running in the tray when the last window closes, and "Open Sietch" brings a window back', async () => {
    const fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    expect(fake.Tray.instances).toHaveLength(1);
    const tray = fake.Tray.instances[0]!;
    expect(tray.menuLabels()).toEqual(['Open Sietch', 'Node: running', 'Quit Sietch']);
    expect(tray.image.path).toBe(join(dataDir, 'resources', 'icons', 'tray.png')); // under the app's root (here the temp dir)

    fake.BrowserWindow.instances[0]!.close(); // the fake quits like Electron unless 'window-all-closed' is handled
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.app.calls.quit).toBe(0);
    expect(fake.app.calls.exit).toEqual([]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true); // the core still holds the data directory
    expect(tray.isDestroyed()).toBe(false);
    expect(tray.menuLabels()).toContain('Node: running');

    tray.clickMenuItem('Open Sietch');
    expect(fake.BrowserWindow.instances).toHaveLength(2);
    const reopened = fake.BrowserWindow.instances[1]!;
    expect(reopened.loadedUrl).toBe('app://sietch/index.html');
    expect((reopened.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    reopened.emit('ready-to-show');
    expect(reopened.visible).toBe(true);
    tray.clickMenuItem('Open Sietch'); // while one is open: focused, not a second one
    expect(fake.BrowserWindow.instances).toHaveLength(2);
    expect(reopened.focused).toBe(true);

    // The reopened page talks to the same core over the same bridge.
    await import('../preload/index');
    expect(await (fake.page.mainWorld.sietch as SietchBridge).invoke('system.info', {})).toMatchObject({ ok: true, result: { mode: 'desktop' } });
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it("shows the node's state in the tray as it is started and stopped", { timeout: 15_000 }, async () => {
    const fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    const tray = fake.Tray.instances[0]!;
    await import('../preload/index');
    const bridge = fake.page.mainWorld.sietch as SietchBridge;
    expect(tray.menuLabels()).toContain('Node: running');
    expect(await bridge.invoke('node.stop', {})).toMatchObject({ ok: true, result: { running: false } });
    // The tray looks at the node once a second: give it a few.
    await until(() => tray.menuLabels().includes('Node: stopped'), 'the tray to say stopped', 5000);
    expect(tray.toolTip).toBe('Sietch — node: stopped');
    await bridge.invoke('node.start', {});
    await until(() => tray.menuLabels().includes('Node: running'), 'the tray to say running', 5000);
    expect(() => tray.clickMenuItem('Node: running')).toThrow(/disabled/); // a status line, not a button
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it("the tray's Quit closes the core, releases the lock and exits 0, even with no window open", async () => {
    const fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    fake.BrowserWindow.instances[0]!.close();
    const tray = fake.Tray.instances[0]!;
    tray.clickMenuItem('Quit Sietch');
    await until(() => fake.app.calls.exit.length > 0, 'the exit');
    expect(fake.app.calls.exit).toEqual([0]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(fake.ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(tray.isDestroyed()).toBe(true);
    fake.app.emit('second-instance'); // too late: no window is opened on the way out
    expect(fake.BrowserWindow.instances).toHaveLength(1);
  });

  it('without a tray icon, closing the last window quits gracefully: nothing is left running out of reach', async () => {
    const fake = await boot((f) => {
      f.Tray.failToCreate = true;
    });
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    expect(fake.Tray.instances).toHaveLength(0);
    fake.BrowserWindow.instances[0]!.close();
    await until(() => fake.app.calls.exit.length > 0, 'the exit');
    expect(fake.app.calls.exit).toEqual([0]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('remembers the passphrase with safeStorage, encrypted in the data directory, and unlocks with it at the next start', { timeout: 30_000 }, async () => {
    let fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    await import('../preload/index');
    let bridge = fake.page.mainWorld.sietch as SietchBridge;
    expect(await bridge.invoke('node.key.status', {})).toMatchObject({ ok: true, result: { state: 'absent', canRemember: true, remembered: false } });
    expect(await bridge.invoke('node.key.create', { passphrase: 'desert power 2026' })).toMatchObject({ ok: true });
    expect(await bridge.invoke('node.key.unlock', { passphrase: 'desert power 2026', remember: true })).toMatchObject({ ok: true, result: { state: 'unlocked', remembered: true } });
    const blob = readFileSync(join(dataDir, 'secrets', `${OPERATOR_PASSPHRASE_SECRET}.bin`));
    expect(blob.toString('latin1')).not.toContain('desert power');
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');

    fake = await boot();
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    await import('../preload/index');
    bridge = fake.page.mainWorld.sietch as SietchBridge;
    expect(await bridge.invoke('node.key.status', {})).toMatchObject({ ok: true, result: { state: 'unlocked', remembered: true } });
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it("refuses to remember the passphrase when safeStorage's Linux backend is plain text", async () => {
    const fake = await boot((f) => {
      f.safeStorage.backend = 'basic_text';
    });
    await until(() => fake.BrowserWindow.instances.length === 1, 'the window');
    await import('../preload/index');
    const bridge = fake.page.mainWorld.sietch as SietchBridge;
    const status = await bridge.invoke('node.key.status', {});
    // On Linux basic_text means no keyring; macOS and Windows have no plain-text backend to fall back on.
    expect(status).toMatchObject({ ok: true, result: { canRemember: process.platform !== 'linux' } });
    expect(existsSync(join(dataDir, 'secrets'))).toBe(false);
    fake.app.quit();
    await until(() => fake.app.calls.exit.length === 1, 'the exit');
  });

  it('says so in a dialog and exits 1 when another Sietch owns the data directory', async () => {
    // A live process on this host (our parent) holds the lock, as `sietch serve` would.
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.ppid, command: 'serve', hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const fake = await boot();
    await until(() => fake.app.calls.exit.length > 0, 'the exit');
    expect(fake.app.calls.exit).toEqual([1]);
    expect(fake.dialog.errors).toHaveLength(1);
    expect(fake.dialog.errors[0]!.title).toBe('Sietch could not start');
    expect(fake.dialog.errors[0]!.content).toContain(`already in use by "sietch serve" (pid ${process.ppid}`);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.Tray.instances).toHaveLength(0);
  });

  it('leaves at once, without a window, when another instance is running', async () => {
    const fake = await boot((f) => {
      f.app.singleInstanceLockAvailable = false;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.app.calls.quit).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.Tray.instances).toHaveLength(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});
