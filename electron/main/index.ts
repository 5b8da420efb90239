import { app, dialog, ipcMain, safeStorage, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../core/log/logger';
import { APP_ENTRY_URL, isAppOriginUrl } from './app-origin';
import { registerAppScheme, serveRendererOverAppProtocol } from './app-protocol';
import { openCoreHost } from './core-host';
import { installGracefulQuit } from './graceful-quit';
import { registerIpcBridge } from './ipc-bridge';
import { installApplicationMenu } from './menu';
import { explainNativeLoadError } from './native-binding';
import { denyAllPermissionsInEverySession } from './permissions';
import { createSietchTray, type SietchTray } from './tray';
import { notifyFinanceAlerts } from './finance-notifications';
import { guardAllWebContents } from './web-contents-guards';
import { createMainWindow, singleWindow } from './window';

/**
 * The Electron entry point (out/main/index.js). Wiring only: each step lives in its own file.
 * The core runs in this process; the renderer reaches it through the IPC bridge alone. The
 * process outlives its window: the attestation node keeps running in the tray until Quit.
 */

const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(here, '../preload/index.cjs');
const RENDERER_DIR = join(here, '../renderer');

function failStartup(error: unknown): void {
  const message = explainNativeLoadError(error) ?? (error instanceof Error ? error.message : String(error));
  dialog.showErrorBox('Sietch could not start', message);
  app.exit(1);
}

async function run(): Promise<void> {
  const logger = createLogger();
  // Nothing to show until the core runs (the window opens by itself then), and nothing once quitting.
  let showWindow: () => void = () => undefined;
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow()); // macOS: a click on the Dock icon brings the window back
  guardAllWebContents(app, logger);

  await app.whenReady();
  denyAllPermissionsInEverySession(app, session.defaultSession, logger);

  let host: ReturnType<typeof openCoreHost>;
  try {
    // After ready: only then can safeStorage tell a real keychain from its plain-text fallback.
    host = openCoreHost({ appRoot: app.getAppPath(), argv: process.argv, safeStorage });
  } catch (error) {
    failStartup(error);
    return;
  }

  let tray: SietchTray | null = null;
  let stopAlerts: () => void = () => undefined;
  try {
    const stopServing = serveRendererOverAppProtocol(RENDERER_DIR);
    const disposeBridge = registerIpcBridge({ ipcMain, handlers: host.core.handlers, events: host.core.events, isTrustedSender: isAppOriginUrl, logger: host.logger });
    installGracefulQuit(
      app,
      async () => {
        showWindow = () => undefined;
        tray?.destroy();
        stopAlerts();
        disposeBridge();
        stopServing();
        await host.close();
      },
      host.logger,
      { keepRunningWithoutWindows: () => tray !== null },
    );
    installApplicationMenu({ isPackaged: app.isPackaged, platform: process.platform });

    await host.core.start();
    const mainWindow = singleWindow(() => createMainWindow({ preloadPath: PRELOAD_PATH, entryUrl: APP_ENTRY_URL, devTools: !app.isPackaged, logger: host.logger }));
    showWindow = () => mainWindow.show();
    showWindow();
    tray = openTray(host, showWindow);
    // Covenant breaches (with their cures), assets that stop counting, invoices 30 days late.
    stopAlerts = notifyFinanceAlerts(host.core.events, showWindow);
  } catch (error) {
    // The database is open and locked by now: close it properly before telling the user.
    await host.close().catch(() => undefined);
    failStartup(error);
  }
}

/** A tray that fails to appear is no reason to stop the console: the window then quits the app when closed. */
function openTray(host: ReturnType<typeof openCoreHost>, showWindow: () => void): SietchTray | null {
  try {
    return createSietchTray({ iconsDir: join(app.getAppPath(), 'resources', 'icons'), platform: process.platform, isNodeRunning: () => host.core.node.running, openWindow: showWindow, quit: () => app.quit() });
  } catch (error) {
    host.logger.warn({ err: error }, 'no tray icon: closing the window will quit Sietch');
    return null;
  }
}

// Before anything else: privileged schemes can only be registered before the app is ready, and
// enableSandbox makes every renderer sandboxed, even one created by code that forgot to ask.
registerAppScheme();
app.enableSandbox();

// One console per user: a second start focuses the running window instead of fighting over the data directory.
if (app.requestSingleInstanceLock()) {
  run().catch(failStartup);
} else {
  app.quit();
}
