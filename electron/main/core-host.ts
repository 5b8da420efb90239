import { resolveDataDir } from '../core/config/data-dir';
import { loadConfig } from '../core/config/config';
import { createCore, type Core } from '../core/core';
import { acquireDataDirLock } from '../core/lock/data-dir-lock';
import { createLogger, type Logger } from '../core/log/logger';
import { locateNvidiaSmi } from '../core/inventory/gpu/locate-binary';
import { join } from 'node:path';
import { findElectronNativeBinding } from './native-binding';
import { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';

export interface CoreHost {
  readonly core: Core;
  readonly logger: Logger;
  readonly dataDir: string;
  /** Closes the core (waits for work in flight, checkpoints the WAL), then releases the lock. */
  close(): Promise<void>;
}

/** `--data-dir DIR` or `--data-dir=DIR` among the app's arguments, as the CLI accepts it. */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
    if (arg === '--data-dir') return argv[i + 1];
  }
  return undefined;
}

export interface CoreHostOptions {
  appRoot: string;
  argv: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Electron's safeStorage, which remembers the keystore passphrase; usable only once the app is ready. */
  safeStorage: SafeStorageLike;
}

/**
 * Runs the core inside the Electron main process, with the same data directory rule as the
 * CLI, so the desktop app and `sietch serve` share one database — and the same lock, so they
 * never open it at the same time. Throws DataDirLockedError / ConfigError with a message that
 * is fit to show the user as is. Call it after app.whenReady(): before that, safeStorage
 * cannot tell a real keychain from its plain-text fallback.
 */
export function openCoreHost({ appRoot, argv, env = process.env, safeStorage }: CoreHostOptions): CoreHost {
  const dataDir = resolveDataDir({ flag: dataDirFlag(argv), env });
  const lock = acquireDataDirLock(dataDir, 'desktop');
  let core: Core;
  let logger: Logger;
  try {
    const config = loadConfig(dataDir);
    logger = createLogger(env.SIETCH_LOG_LEVEL ?? config.log.level);
    // As with `npm start` headless: on a workstation without NVIDIA GPUs the app shows the simulated server, clearly marked.
    const simulate = argv.includes('--simulate') || !locateNvidiaSmi(env).found;
    core = createCore({
      dataDir,
      config,
      logger,
      mode: 'desktop',
      simulate,
      gpuBinary: simulate ? join(appRoot, 'resources', 'fake-nvidia-smi', 'nvidia-smi') : undefined,
      nativeBinding: findElectronNativeBinding(appRoot),
      secretStore: new SafeStorageSecretStore(safeStorage, dataDir),
    });
  } catch (error) {
    lock.release(); // nothing was opened: leave the directory free for the next attempt
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    core,
    logger,
    dataDir,
    close() {
      closing ??= core.close().finally(() => lock.release());
      return closing;
    },
  };
}
