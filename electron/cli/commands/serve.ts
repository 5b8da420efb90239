import { join } from 'node:path';
import { startApiServer } from '../../server/api-server';
import { loadOrCreateToken } from '../../server/token-file';
import type { CommandContext } from '../context';
import { startDaemon } from '../daemon';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine } from '../output';
import { PACKAGE_ROOT } from '../package-root';

export interface ServeOptions {
  host?: string;
  port?: string;
  simulate?: boolean;
  passphraseFile?: string;
}

/** `sietch serve`: the core, the attestation node and the web console on 127.0.0.1. */
export async function serveCommand(context: CommandContext, options: ServeOptions): Promise<void> {
  const { dataDir, config, logger } = context;
  const host = options.host ?? config.server.host;
  const port = options.port === undefined ? config.server.port : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not "${options.port}"`, EXIT.usage);

  const simulate = options.simulate ?? false;
  const { core, lock, onShutdown } = await startDaemon(context, 'serve', { simulate, passphraseFile: options.passphraseFile });
  const token = loadOrCreateToken(dataDir);
  let server;
  try {
    server = await startApiServer({ handlers: core.handlers, events: core.events, host, port, token, logger, staticDir: join(PACKAGE_ROOT, 'out', 'renderer') });
  } catch (error) {
    await core.close();
    lock.release();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`port ${port} on ${host} is already in use: pass --port with another number (0 picks a free one)`, EXIT.usage);
    throw error;
  }
  const started = server;
  onShutdown(() => started.close());
  await core.start();
  const urlWithToken = `${server.url}?token=${token}`;
  lock.update({ url: server.url });

  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') logger.warn({ host }, 'listening beyond loopback: anyone who can reach this address and holds the token can use the console');
  const robots = core.robots.status();
  if (context.json) printJson({ url: server.url, urlWithToken, dataDir, pid: process.pid, robotsBroker: robots.brokerUrl });
  else {
    printLine(`Sietch console (headless) — data in ${dataDir}${simulate ? ' — SIMULATED hardware (an 8-GPU server replayed by a fake nvidia-smi)' : ''}`);
    printLine(`Open: ${urlWithToken}`);
    if (robots.brokerUrl) printLine(`Robots: ${robots.simulated ? 'a simulated VDA 5050 fleet on ' : ''}${robots.mode === 'embedded' ? 'the embedded MQTT broker ' : 'MQTT broker '}${robots.brokerUrl}`);
    printLine('Stop with Ctrl+C.');
  }
}
