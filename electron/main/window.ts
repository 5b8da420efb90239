import { BrowserWindow } from 'electron';
import type { Logger } from '../core/log/logger';

export interface MainWindowOptions {
  /** out/preload/index.cjs: CommonJS, because a sandboxed preload cannot be an ES module. */
  preloadPath: string;
  entryUrl: string;
  /** Developer tools only in unpackaged runs: in a shipped app they are a console into the renderer. */
  devTools: boolean;
  logger: Logger;
}

/**
 * The one window. Every web preference that matters for security is spelled out, even where
 * it is already Electron's default, so that a reader (and electronegativity) need not know
 * which defaults changed in which version.
 */
export function createMainWindow({ preloadPath, entryUrl, devTools, logger }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Sietch',
    show: false, // shown on ready-to-show: no white flash before the first paint
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK: reviewed; it exposes only invoke and subscribe (test/integration/ipc-bridge.test.ts)
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
      safeDialogs: true,
      spellcheck: false,
      devTools,
      // Middle-click (auxclick) opens links in new windows behind the page's back; the page has no use for it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(entryUrl).catch((error: unknown) => logger.error({ err: error, url: entryUrl }, 'the console page failed to load'));
  return window;
}

/** Brings the window to the front, e.g. when the user starts Sietch a second time. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export interface SingleWindow {
  /** Focuses the window, or opens a new one if it was closed (the app lives on in the tray). */
  show(): void;
}

/** At most one window at a time, however many ways there are to ask for it (tray, Dock, second start). */
export function singleWindow(create: () => BrowserWindow): SingleWindow {
  let window: BrowserWindow | null = null;
  return {
    show() {
      if (window && !window.isDestroyed()) return focusWindow(window);
      const opened = create();
      opened.on('closed', () => {
        if (window === opened) window = null;
      });
      window = opened;
    },
  };
}
