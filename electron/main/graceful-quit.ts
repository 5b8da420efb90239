import type { App } from 'electron';
import type { Logger } from '../core/log/logger';

/**
 * Quitting waits for the core: Electron's quit is held back once (before-quit), the shutdown
 * runs (close the core, release the data-dir lock), then app.exit ends the process. Every way
 * to quit takes this path: the tray's Quit, the app menu's Quit (Cmd+Q), and Ctrl+C or SIGTERM
 * in the terminal that started the app.
 *
 * Closing the last window is not one of them: the attestation node keeps running in the tray
 * (an operator closing the window does not mean to stop attesting). Only when there is no tray
 * to come back through (keepRunningWithoutWindows() false) does the last window quit the app.
 */
export function installGracefulQuit(app: App, shutdown: () => Promise<void>, logger: Logger, { keepRunningWithoutWindows }: { keepRunningWithoutWindows: () => boolean }): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    let exitCode = 0;
    shutdown()
      .catch((error: unknown) => {
        exitCode = 1;
        logger.error({ err: error }, 'shutdown failed');
      })
      .finally(() => {
        state = 'stopped';
        app.exit(exitCode);
      });
  });
  // Electron quits on its own when the last window closes, unless this event has a listener.
  app.on('window-all-closed', () => {
    if (!keepRunningWithoutWindows()) app.quit();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
