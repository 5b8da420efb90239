import { join } from 'node:path';
import { createCore } from '../../core/core';
import { acquireDataDirLock, DataDirLockedError } from '../../core/lock/data-dir-lock';
import { startApiServer } from '../../server/api-server';
import { loadOrCreateToken } from '../../server/token-file';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine } from '../output';
import { PACKAGE_ROOT, SIMULATOR_NVIDIA_SMI } from '../package-root';

export interface ServeOptions {
  host?: string;
  port?: string;
  simulate?: boolean;
}

/** How long shutdown may take before the process exits anyway: a stuck socket must not keep the lock. */
const SHUTDOWN_DEADLINE_MS = 1500;

export async function serveCommand(context: CommandContext, options: ServeOptions): Promise<void> {
  const { dataDir, config, logger } = context;
  const host = options.host ?? config.server.host;
  const port = options.port === undefined ? config.server.port : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not "${options.port}"`, EXIT.usage);

  let lock;
  try {
    lock = acquireDataDirLock(dataDir, 'serve');
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }

  const simulate = options.simulate ?? false;
  const core = createCore({ dataDir, config, logger, mode: 'headless', simulate, gpuBinary: simulate ? SIMULATOR_NVIDIA_SMI : undefined });
  let server;
  try {
    server = await startApiServer({ handlers: core.handlers, events: core.events, host, port, token: loadOrCreateToken(dataDir), logger, staticDir: join(PACKAGE_ROOT, 'out', 'renderer') });
  } catch (error) {
    await core.close();
    lock.release();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`port ${port} on ${host} is already in use: pass --port with another number (0 picks a free one)`, EXIT.usage);
    throw error;
  }
  await core.start();
  const urlWithToken = `${server.url}?token=${loadOrCreateToken(dataDir)}`;
  lock.update({ url: server.url });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting anyway');
      lock.release();
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    void (async () => {
      await server.close();
      await core.close();
      lock.release();
      clearTimeout(deadline);
      process.exit(EXIT.ok);
    })();
  };
  // Installed before the URL is printed: whoever reads the URL may signal at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') logger.warn({ host }, 'listening beyond loopback: anyone who can reach this address and holds the token can use the console');
  if (context.json) printJson({ url: server.url, urlWithToken, dataDir, pid: process.pid });
  else {
    printLine(`Sietch console (headless) — data in ${dataDir}${simulate ? ' — SIMULATED hardware (an 8-GPU server replayed by a fake nvidia-smi)' : ''}`);
    printLine(`Open: ${urlWithToken}`);
    printLine('Stop with Ctrl+C.');
  }
}
