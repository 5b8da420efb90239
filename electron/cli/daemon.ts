import { createCore, type Core } from '../core/core';
import { KeystoreError } from '../core/keystore/errors';
import { resolveHeadlessPassphrase } from '../core/keystore/passphrase-sources';
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from '../core/lock/data-dir-lock';
import type { CommandContext } from './context';
import { CliError, EXIT } from './exit-codes';
import { SIMULATOR_NVIDIA_SMI } from './package-root';

/**
 * How long shutdown may take before the process exits anyway: a stuck socket must not keep the
 * lock. Generous enough for a tick in flight (a GPU read of a large server) and the broker and
 * WAL checkpoint on a loaded machine; far under systemd's default stop timeout (90 s).
 */
const SHUTDOWN_DEADLINE_MS = 5000;

export interface DaemonOptions {
  simulate: boolean;
  /** Unlock the operator key with this file's passphrase (else a systemd credential, if present). */
  passphraseFile?: string | undefined;
  nodeOverrides?: { sampleIntervalSeconds?: number | undefined; epochSeconds?: number | undefined };
}

export interface Daemon {
  core: Core;
  lock: DataDirLock;
  /** Runs `stop` then closes the core and releases the lock on SIGINT/SIGTERM, and exits 0. */
  onShutdown(stop: () => Promise<void>): void;
}

/**
 * What `serve` and `node` share: the data directory lock, the core (with the attestation node),
 * and a graceful shutdown — the tick or request in flight finishes, the WAL is checkpointed,
 * the lock released, exit 0. The signal handlers are installed first of all, so a signal during
 * start-up is honoured too (after the core is whole), and always before anything is printed.
 */
export async function startDaemon(context: CommandContext, command: 'serve' | 'node', options: DaemonOptions): Promise<Daemon> {
  const { dataDir, config, logger } = context;
  // Listen first: a signal during start-up (opening the database, migrations, unlocking the key
  // with scrypt) is held and honoured once the core is whole, rather than killing it half-made.
  let pending: NodeJS.Signals | null = null;
  let onSignal: (signal: NodeJS.Signals) => void = (signal) => (pending ??= signal);
  const listener = (signal: NodeJS.Signals): void => onSignal(signal);
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  const stopListening = (): void => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
  let lock: DataDirLock;
  try {
    lock = acquireDataDirLock(dataDir, command);
  } catch (error) {
    stopListening();
    if (error instanceof DataDirLockedError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  let core: Core;
  try {
    core = createCore({ dataDir, config, logger, mode: 'headless', simulate: options.simulate, gpuBinary: options.simulate ? SIMULATOR_NVIDIA_SMI : undefined, nodeOverrides: options.nodeOverrides });
  } catch (error) {
    lock.release();
    stopListening();
    throw new CliError((error as Error).message, EXIT.usage);
  }
  try {
    await unlockOperatorKey(core, options.passphraseFile);
  } catch (error) {
    await core.close();
    lock.release();
    stopListening();
    throw error;
  }
  let stopExtra: () => Promise<void> = async () => undefined;
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
      await stopExtra();
      await core.close();
      lock.release();
      clearTimeout(deadline);
      process.exit(EXIT.ok);
    })();
  };
  if (pending !== null) {
    // Asked to stop while starting: close what was opened and go, before anything runs.
    stop(pending);
    await new Promise<never>(() => undefined);
  }
  onSignal = stop;
  return {
    core,
    lock,
    onShutdown(extra) {
      stopExtra = extra;
    },
  };
}

/**
 * Headless nodes unlock the key from a passphrase file or a systemd credential. Without either
 * the node still samples and closes epochs; its reports wait, unsigned. A wrong passphrase stops
 * the start with a clear message rather than running a node that silently never signs.
 */
async function unlockOperatorKey(core: Core, passphraseFile: string | undefined): Promise<void> {
  let passphrase: string | null;
  try {
    passphrase = resolveHeadlessPassphrase({ passphraseFile });
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
  if (passphrase === null) return;
  if (core.keystore.state() === 'absent') throw new CliError('a passphrase was given but there is no operator key in this data directory: create one with `sietch key create --passphrase-file FILE`', EXIT.usage);
  try {
    await core.keystore.unlock(passphrase);
  } catch (error) {
    if (error instanceof KeystoreError) throw new CliError(`cannot unlock the operator key: ${error.message}`, EXIT.usage);
    throw error;
  }
  core.node.setSigner(core.keystore.signer());
}
