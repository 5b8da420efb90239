import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native module without a stable ABI: the copy in node_modules is built for
 * Node (the CLI, the server, the tests). The Electron app loads its own copy, rebuilt for
 * Electron's ABI by `npm run rebuild:electron-native` into .electron-native/.
 */
export const ELECTRON_NATIVE_DIR = '.electron-native';

export function electronNativeBindingPath(appRoot: string): string {
  return join(appRoot, ELECTRON_NATIVE_DIR, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** The Electron build of better_sqlite3.node when it exists, else undefined (better-sqlite3 then tries its own). */
export function findElectronNativeBinding(appRoot: string): string | undefined {
  const file = electronNativeBindingPath(appRoot);
  return existsSync(file) ? file : undefined;
}

/** An ABI mismatch reads like noise ("NODE_MODULE_VERSION 127 ... requires 137"); say what to do instead. */
export function explainNativeLoadError(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version|better_sqlite3\.node|Could not locate the bindings file/i.test(message)) return null;
  return `The database driver (better-sqlite3) is not built for this Electron version. Run \`npm run rebuild:electron-native\` on a machine with network access, then start Sietch again.\n\nDetail: ${message}`;
}
