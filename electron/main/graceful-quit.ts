import type { App } from 'electron';
import type { Logger } from '../core/log/logger';

/**
 * Quitting waits for the core: Electron's quit is held back once (before-quit), the shutdown
 * runs (close the core, release the data-dir lock), then app.exit ends the process. Ctrl+C
 * and SIGTERM in the terminal that started the app take the same path.
 */
export function installGracefulQuit(app: App, shutdown: () => Promise<void>, logger: Logger): void {
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
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
