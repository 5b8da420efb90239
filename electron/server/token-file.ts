import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'server-token';

/**
 * The server's access token: 32 random bytes, hex, kept in the data directory with 0600
 * permissions so only this user can read it. Created once and reused, so bookmarks and
 * scripts keep working across restarts; delete the file to rotate it.
 */
export function loadOrCreateToken(dataDir: string): string {
  const file = join(dataDir, TOKEN_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(existing)) {
      chmodSync(file, 0o600); // repair permissions a copy or an editor may have widened
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(32).toString('hex');
  const fd = openSync(file, 'w', 0o600);
  writeSync(fd, `${token}\n`);
  closeSync(fd);
  chmodSync(file, 0o600);
  return token;
}
