import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
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
import { guardAllWebContents } from './web-contents-guards';
import { createMainWindow, focusWindow } from './window';

/**
 * The Electron entry point (out/main/index.js). Wiring only: each step lives in its own file.
 * The core runs in this process; the renderer reaches it through the IPC bridge alone.
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
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => focusWindow(window));
  guardAllWebContents(app, logger);

  await app.whenReady();
  denyAllPermissionsInEverySession(app, session.defaultSession, logger);

  let host: ReturnType<typeof openCoreHost>;
  try {
    host = openCoreHost({ appRoot: app.getAppPath(), argv: process.argv });
  } catch (error) {
    failStartup(error);
    return;
  }

  try {
    const stopServing = serveRendererOverAppProtocol(RENDERER_DIR);
    const disposeBridge = registerIpcBridge({ ipcMain, handlers: host.core.handlers, events: host.core.events, isTrustedSender: isAppOriginUrl, logger: host.logger });
    installGracefulQuit(
      app,
      async () => {
        disposeBridge();
        stopServing();
        await host.close();
      },
      host.logger,
    );
    installApplicationMenu({ isPackaged: app.isPackaged, platform: process.platform });

    await host.core.start();
    window = createMainWindow({ preloadPath: PRELOAD_PATH, entryUrl: APP_ENTRY_URL, devTools: !app.isPackaged, logger: host.logger });
    window.on('closed', () => {
      window = null;
    });
  } catch (error) {
    // The database is open and locked by now: close it properly before telling the user.
    await host.close().catch(() => undefined);
    failStartup(error);
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
