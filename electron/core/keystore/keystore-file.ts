import { closeSync, fchmodSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { KeystoreError } from './errors';

/** The operator key's only form at rest: Web3 Secret Storage v3 JSON, in the data directory. */
export const KEYSTORE_FILE = 'operator-keystore.json';

export const KEYSTORE_MODE = 0o600;

export function keystorePath(dataDir: string): string {
  return join(dataDir, KEYSTORE_FILE);
}

/** The keystore JSON, or null when there is none. */
export function readKeystoreFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeystoreError('keystore-corrupt', `cannot read the operator keystore ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes content to a fresh temp file beside path (mode 0600, flushed) and returns its name. */
function writeTemp(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', KEYSTORE_MODE);
  try {
    fchmodSync(fd, KEYSTORE_MODE); // whatever the umask did
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/**
 * Writes the keystore atomically: a reader (or a crash) sees the old file or the new one,
 * never half of one. `replace: false` never clobbers an existing keystore — an operator key
 * lost by overwriting cannot be recovered — so creation links the temp file into place
 * (link fails if the name exists) instead of renaming over it.
 */
export function writeKeystoreFile(path: string, content: string, { replace }: { replace: boolean }): void {
  const temp = writeTemp(path, content);
  try {
    if (replace) renameSync(temp, path);
    else {
      try {
        linkSync(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new KeystoreError('keystore-exists', `an operator keystore already exists at ${path}; it is never overwritten`);
        throw error;
      }
    }
    fsyncDirectory(dirname(path));
  } finally {
    rmSync(temp, { force: true });
  }
}
