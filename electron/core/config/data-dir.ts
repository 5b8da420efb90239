import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DataDirSources {
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * Where Sietch keeps its database, keystore and token. Precedence: --data-dir, then
 * SIETCH_DATA_DIR, then the platform's per-user data folder. The Electron app uses the same
 * rule so the desktop app and `sietch serve` open the same database.
 */
export function resolveDataDir({ flag, env = process.env, platform = process.platform, home = homedir() }: DataDirSources = {}): string {
  if (flag) return resolve(flag);
  if (env.SIETCH_DATA_DIR) return resolve(env.SIETCH_DATA_DIR);
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Sietch');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Sietch');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'sietch');
  }
}
