import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

/**
 * A stand-in for the parts of the `electron` module that electron/main and electron/preload
 * use, because the Electron runtime cannot be installed on the build machines. Tests swap it
 * in with `vi.mock('electron', () => import('../support/fake-electron').then((m) => m.electronModule))`.
 *
 * It keeps the behaviour that matters for security and correctness:
 * - IPC arguments and results are copied with the structured clone algorithm, as Electron does,
 *   so nothing that cannot cross a process boundary (a function, a class instance) slips through;
 * - renderer-to-main messages (send and invoke) are delivered asynchronously and in order, and so
 *   are main-to-renderer pushes;
 * - every IPC event carries the sender's WebContents and senderFrame, whose URL the test controls
 *   (page.frameUrl), so the bridge's sender check can be exercised with a foreign origin;
 * - contextBridge copies the exposed object into the page's "main world" (page.mainWorld).
 * One page (one WebContents, one preload environment) per test file: vitest isolates test files.
 */

export interface FakeFrame {
  readonly url: string;
}

export interface FakeIpcMainEvent {
  readonly sender: FakeWebContents;
  readonly senderFrame: FakeFrame | null;
  readonly processId: number;
  readonly frameId: number;
}

/** Electron copies IPC payloads with the structured clone algorithm. */
function ipcCopy<T>(value: T): T {
  return structuredClone(value);
}

/** Waits for the next turn of the event loop: how long a message takes to cross a process boundary here. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An ordered, asynchronous delivery line (one per direction), like Electron's IPC pipe. */
class DeliveryLine {
  private tail: Promise<void> = Promise.resolve();

  post(deliver: () => void): void {
    this.tail = this.tail.then(nextTurn).then(deliver);
  }

  drained(): Promise<void> {
    return this.tail;
  }
}

interface NavigationEvent {
  url: string;
  isSameDocument: boolean;
  isMainFrame: boolean;
  preventDefault(): void;
}

export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  /** Every push from main, as sent (channel and arguments), for assertions. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  private destroyed = false;

  constructor(private readonly deliverToRenderer: (channel: string, args: unknown[]) => void) {
    super();
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
    this.deliverToRenderer(channel, ipcCopy(args));
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The window closed or the renderer went away: Electron emits 'destroyed'. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits a navigation-type event ('will-navigate', 'will-redirect', ...) and says whether a guard prevented it. */
  attempt(eventName: string, details: Partial<Omit<NavigationEvent, 'preventDefault'>> = {}): boolean {
    let prevented = false;
    const event: NavigationEvent = { url: 'https://example.com/', isSameDocument: false, isMainFrame: true, ...details, preventDefault: () => (prevented = true) };
    this.emit(eventName, event);
    return prevented;
  }
}

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: FakeIpcMainEvent, ...args: unknown[]) => unknown>();

  handle(channel: string, handler: (event: FakeIpcMainEvent, ...args: never[]) => unknown): void {
    // Electron refuses a second handler for a channel; so do we, so a leaked registration shows.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler as (event: FakeIpcMainEvent, ...args: unknown[]) => unknown);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

class FakeIpcRenderer extends EventEmitter {
  constructor(private readonly page: FakePage) {
    super();
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const copied = ipcCopy(args);
    return new Promise((resolve, reject) => {
      this.page.toMain.post(() => {
        const handler = this.page.ipcMain.handlers.get(channel);
        if (!handler) return reject(new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`));
        Promise.resolve()
          .then(() => handler(this.page.eventForMain(), ...copied))
          .then(
            (result) => resolve(ipcCopy(result)),
            // Electron keeps only the message of an error thrown in main.
            (error: unknown) => reject(new Error(`Error invoking remote method '${channel}': ${String(error)}`)),
          );
      });
    });
  }

  send(channel: string, ...args: unknown[]): void {
    const copied = ipcCopy(args);
    this.page.toMain.post(() => {
      this.page.ipcMain.emit(channel, this.page.eventForMain(), ...copied);
    });
  }
}

/** One renderer: its WebContents (main's view), its ipcRenderer and main world (the page's view). */
export class FakePage {
  /** The URL main sees as event.senderFrame.url; null means the frame is gone (senderFrame null). */
  frameUrl: string | null = 'app://sietch/index.html';
  /** What contextBridge.exposeInMainWorld put on `window`. */
  readonly mainWorld: Record<string, unknown> = {};
  readonly toMain = new DeliveryLine();
  readonly toRenderer = new DeliveryLine();
  readonly ipcRenderer: FakeIpcRenderer;
  webContents: FakeWebContents;

  constructor(readonly ipcMain: FakeIpcMain) {
    this.ipcRenderer = new FakeIpcRenderer(this);
    this.webContents = this.newWebContents();
  }

  private newWebContents(): FakeWebContents {
    return new FakeWebContents((channel, args) =>
      this.toRenderer.post(() => {
        // The renderer-side event object; the preload must never hand it to the page.
        this.ipcRenderer.emit(channel, { sender: this.ipcRenderer, senderId: 0 }, ...args);
      }),
    );
  }

  /** A new page in a new WebContents: nothing exposed, no listeners. */
  reset(): void {
    this.frameUrl = 'app://sietch/index.html';
    for (const key of Object.keys(this.mainWorld)) delete this.mainWorld[key];
    this.ipcRenderer.removeAllListeners();
    this.webContents = this.newWebContents();
  }

  eventForMain(): FakeIpcMainEvent {
    return { sender: this.webContents, senderFrame: this.frameUrl === null ? null : { url: this.frameUrl }, processId: 1, frameId: 1 };
  }

  /** Resolves once every message in flight, both ways, has been delivered. */
  async settle(): Promise<void> {
    for (let round = 0; round < 3; round += 1) {
      await this.toMain.drained();
      await this.toRenderer.drained();
      await nextTurn();
    }
  }
}

const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (Object.prototype.hasOwnProperty.call(page.mainWorld, key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    // contextBridge copies the object (own enumerable properties; functions become proxies).
    page.mainWorld[key] = typeof api === 'object' && api !== null ? Object.freeze({ ...(api as Record<string, unknown>) }) : api;
  },
};

// ---- main-process pieces, recorded so tests can assert how the app wired itself ----------------

class FakeSession extends EventEmitter {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;

  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
}

class FakeApp extends EventEmitter {
  singleInstanceLockAvailable = true;
  isPackaged = false;
  sandboxEnforced = false;
  appPath = process.cwd();
  readonly calls: { quit: number; exit: number[] } = { quit: 0, exit: [] };
  private readyResolve: (() => void) | null = null;
  private ready = new Promise<void>((resolve) => (this.readyResolve = resolve));

  /** As if the process started again: not ready, no listeners, nothing called. */
  reset(): void {
    this.removeAllListeners();
    this.singleInstanceLockAvailable = true;
    this.isPackaged = false;
    this.sandboxEnforced = false;
    this.appPath = process.cwd();
    this.calls.quit = 0;
    this.calls.exit.length = 0;
    this.ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  }

  enableSandbox(): void {
    this.sandboxEnforced = true;
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLockAvailable;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  /** What Electron does once Chromium has started. */
  becomeReady(): void {
    this.readyResolve?.();
    this.emit('ready');
  }

  getAppPath(): string {
    return this.appPath;
  }

  /** Like Electron: before-quit listeners may call preventDefault to hold the quit. */
  quit(): void {
    this.calls.quit += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit', { preventDefault: () => undefined });
  }

  exit(code = 0): void {
    this.calls.exit.push(code);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    // A window's WebContents is the page the preload runs in; 'web-contents-created' guards it.
    // The page of a closed window is gone: a window opened after it loads a fresh one.
    if (page.webContents.isDestroyed()) page.reset();
    this.webContents = page.webContents;
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  show(): void {
    this.visible = true;
  }

  focus(): void {
    this.focused = true;
  }

  /**
   * Like Electron: the window and its page are destroyed, and when it was the last window the
   * app quits — unless something listens to 'window-all-closed', which then decides instead.
   */
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    if (FakeBrowserWindow.instances.some((window) => !window.isDestroyed())) return;
    if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
    else app.quit();
  }
}

const protocol = {
  privilegedSchemes: [] as unknown[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    protocol.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (protocol.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
};

const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string): void {
    dialog.errors.push({ title, content });
  },
};

/** A menu item as the code under test wrote it in its template (label, enabled, click, ...). */
export interface FakeMenuItem {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  click?: (menuItem: unknown, window: unknown, event: unknown) => void;
  submenu?: FakeMenuItem[];
}

/** A built menu is just its template: what was asked for is what the tests inspect and click. */
export interface FakeMenu {
  template: FakeMenuItem[];
}

const Menu = {
  applicationMenu: null as unknown,
  buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    Menu.applicationMenu = menu;
  },
};

/** nativeImage.createFromPath: like Electron, a file that is not there gives an empty image rather than an error. */
export class FakeNativeImage {
  template = false;

  constructor(readonly path: string) {}

  isEmpty(): boolean {
    return !existsSync(this.path);
  }

  setTemplateImage(template: boolean): void {
    this.template = template;
  }

  isTemplateImage(): boolean {
    return this.template;
  }
}

const nativeImage = {
  createFromPath(path: string): FakeNativeImage {
    return new FakeNativeImage(path);
  },
};

/** A tray icon: its image, tooltip and context menu are recorded; tests click menu items by label. */
export class FakeTray extends EventEmitter {
  static readonly instances: FakeTray[] = [];
  /** Set by a test to play a desktop where the icon cannot be created: the constructor throws. */
  static failToCreate = false;
  contextMenu: FakeMenu | null = null;
  toolTip = '';
  private destroyed = false;

  constructor(readonly image: FakeNativeImage) {
    super();
    if (FakeTray.failToCreate) throw new Error('Failed to create the tray icon');
    FakeTray.instances.push(this);
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
  }

  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The labels of the context menu, separators left out. */
  menuLabels(): string[] {
    return (this.contextMenu?.template ?? []).filter((item) => item.type !== 'separator').map((item) => item.label ?? item.role ?? '');
  }

  /** What a user's click does: the item's handler runs; a disabled item or a destroyed tray cannot be clicked. */
  clickMenuItem(label: string): void {
    if (this.destroyed) throw new Error('the tray icon was destroyed');
    const item = this.contextMenu?.template.find((candidate) => candidate.label === label);
    if (!item) throw new Error(`no tray menu item "${label}" (have: ${this.menuLabels().join(', ')})`);
    if (item.enabled === false) throw new Error(`tray menu item "${label}" is disabled`);
    item.click?.(item, undefined, {});
  }
}

/** A desktop notification: tests read what was shown and click it; `supported` plays a desktop without a notification service. */
export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }

  constructor(readonly options: { title?: string; body?: string; urgency?: string }) {
    super();
  }

  show(): void {
    FakeNotification.shown.push(this);
  }

  click(): void {
    this.emit('click');
  }
}

/**
 * safeStorage: "encrypts" by XOR behind a marker, so a blob is unreadable as text and a foreign
 * blob fails to decrypt, as with the real one. Tests set available/backend to play a machine
 * with no keyring, or Linux's plain-text fallback ('basic_text').
 */
const SAFE_STORAGE_MARKER = Buffer.from('fake-safe-storage:');
const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  encryptString(plainText: string): Buffer {
    if (!safeStorage.available) throw new Error('Encryption is not available.');
    return Buffer.concat([SAFE_STORAGE_MARKER, Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a)]);
  },
  decryptString(encrypted: Buffer): string {
    if (!safeStorage.available) throw new Error('Decryption is not available.');
    if (!encrypted.subarray(0, SAFE_STORAGE_MARKER.length).equals(SAFE_STORAGE_MARKER)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(SAFE_STORAGE_MARKER.length).map((byte) => byte ^ 0x5a)).toString('utf8');
  },
  getSelectedStorageBackend(): string {
    return safeStorage.backend;
  },
};

const ipcMain = new FakeIpcMain();
const page = new FakePage(ipcMain);
const app = new FakeApp();
const session = { defaultSession: new FakeSession() };

/** Forgets everything the code under test registered, for a test that starts the app anew. */
function reset(): void {
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  page.reset();
  app.reset();
  session.defaultSession = new FakeSession();
  FakeBrowserWindow.instances.length = 0;
  protocol.privilegedSchemes.length = 0;
  protocol.handlers.clear();
  dialog.errors.length = 0;
  Menu.applicationMenu = null;
  FakeTray.instances.length = 0;
  FakeTray.failToCreate = false;
  FakeNotification.shown.length = 0;
  FakeNotification.supported = true;
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
}

/** Handles for the tests: the page, the app and what the code under test registered. */
export const fakeElectron = { ipcMain, page, app, session, protocol, dialog, Menu, BrowserWindow: FakeBrowserWindow, Tray: FakeTray, Notification: FakeNotification, nativeImage, safeStorage, contextBridge, FakeSession, reset };
export type FakeElectron = typeof fakeElectron;

/** What `import ... from 'electron'` yields under the mock. */
export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer: page.ipcRenderer,
  Menu,
  nativeImage,
  protocol,
  safeStorage,
  session,
  Tray: FakeTray,
  Notification: FakeNotification,
  default: undefined as unknown,
  /** Not part of Electron: lets a test reach the very fake instance the code under test imported. */
  __fake: fakeElectron,
};
electronModule.default = electronModule;
