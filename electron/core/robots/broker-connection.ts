import { readFileSync } from 'node:fs';

/** Where the robots' broker is and how to log in; the password never reaches a log or the API. */
export interface BrokerConnection {
  url: string;
  /** PEM of the CA that signed the broker's certificate (mqtts://). */
  ca?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

/** The URL as it may be shown: credentials in the user-info part are masked. */
export function displayBrokerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = parsed.username ? '***' : '';
      parsed.password = '';
    }
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

export class BrokerConfigError extends Error {
  override name = 'BrokerConfigError';
}

const SUPPORTED = new Set(['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:']);

/**
 * A broker connection from configuration: the CA and the password are read from files (or the
 * password from an environment variable), so neither sits in config.json.
 */
export function resolveBrokerConnection(settings: { url: string; caFile?: string | undefined; username?: string | undefined; passwordFile?: string | undefined; passwordEnv?: string | undefined }, env: NodeJS.ProcessEnv = process.env): BrokerConnection {
  let protocol: string;
  try {
    protocol = new URL(settings.url).protocol;
  } catch {
    throw new BrokerConfigError(`broker URL "${displayBrokerUrl(settings.url)}" is not a URL (expected mqtt://host:1883 or mqtts://host:8883)`);
  }
  if (!SUPPORTED.has(protocol)) throw new BrokerConfigError(`broker URL scheme ${protocol} is not supported (mqtt, mqtts, ws, wss)`);
  const connection: BrokerConnection = { url: settings.url };
  if (settings.caFile) {
    try {
      connection.ca = readFileSync(settings.caFile, 'utf8');
    } catch (error) {
      throw new BrokerConfigError(`cannot read the broker CA file ${settings.caFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (settings.username) connection.username = settings.username;
  if (settings.passwordFile) {
    try {
      connection.password = readFileSync(settings.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new BrokerConfigError(`cannot read the broker password file ${settings.passwordFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else if (settings.passwordEnv) {
    const value = env[settings.passwordEnv];
    if (value === undefined) throw new BrokerConfigError(`the broker password variable ${settings.passwordEnv} is not set`);
    connection.password = value;
  }
  return connection;
}
