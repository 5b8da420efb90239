import { loadConfig, ConfigError, type SietchConfig } from '../core/config/config';
import { resolveDataDir } from '../core/config/data-dir';
import { createLogger, type Logger } from '../core/log/logger';
import { CliError, EXIT } from './exit-codes';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
  logLevel?: string;
}

export interface CommandContext {
  dataDir: string;
  config: SietchConfig;
  logger: Logger;
  json: boolean;
}

/** What every command needs, resolved once from the global flags. */
export function commandContext(options: GlobalOptions): CommandContext {
  const dataDir = resolveDataDir({ flag: options.dataDir });
  let config: SietchConfig;
  try {
    config = loadConfig(dataDir);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  return { dataDir, config, logger: createLogger(options.logLevel ?? process.env.SIETCH_LOG_LEVEL ?? config.log.level), json: Boolean(options.json) };
}
