import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { KeystoreError } from './errors';

/** The systemd credential name a headless node looks for (LoadCredential=sietch-operator-passphrase:…). */
export const PASSPHRASE_CREDENTIAL = 'sietch-operator-passphrase';

const MAX_PASSPHRASE_FILE_BYTES = 64 * 1024;

/**
 * Reads a passphrase file for a headless node (`--passphrase-file`). Refused unless it is a
 * regular file that neither group nor others can read or write (like ssh with private keys:
 * chmod 600 or 400). One trailing newline (\n or \r\n) is trimmed — editors and `echo` add
 * it; any other whitespace is part of the passphrase. The file is checked on the descriptor
 * that is read, so it cannot be swapped between the check and the read.
 */
export function readPassphraseFile(path: string, platform: NodeJS.Platform = process.platform): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new KeystoreError('passphrase-unavailable', `cannot open the passphrase file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new KeystoreError('insecure-passphrase-file', `the passphrase file ${path} is not a regular file`);
    // Windows has no POSIX modes; its ACLs are the user's business there.
    if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new KeystoreError('insecure-passphrase-file', `the passphrase file ${path} is accessible by group or others (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 ${path}`);
    }
    if (stat.size > MAX_PASSPHRASE_FILE_BYTES) throw new KeystoreError('insecure-passphrase-file', `the passphrase file ${path} is larger than 64 KiB: not a passphrase`);
    const buffer = Buffer.alloc(stat.size);
    const read = stat.size === 0 ? 0 : readSync(fd, buffer, 0, stat.size, 0);
    const passphrase = buffer.subarray(0, read).toString('utf8').replace(/\r?\n$/, '');
    if (passphrase.length === 0) throw new KeystoreError('passphrase-unavailable', `the passphrase file ${path} is empty`);
    return passphrase;
  } finally {
    closeSync(fd);
  }
}

/**
 * A systemd credential: `$CREDENTIALS_DIRECTORY/<name>` (LoadCredential= or
 * LoadCredentialEncrypted=), or null when the node was not started with one.
 */
export function readCredentialPassphrase(name: string = PASSPHRASE_CREDENTIAL, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const directory = env.CREDENTIALS_DIRECTORY;
  if (!directory) return null;
  if (!/^[A-Za-z0-9_.@-]+$/.test(name) || name === '.' || name === '..') throw new RangeError(`not a credential name: ${name}`);
  const path = join(directory, name);
  return existsSync(path) ? readPassphraseFile(path, platform) : null;
}

/**
 * The passphrase of a headless node: --passphrase-file when given (it must work), else the
 * systemd credential when there is one, else null (the node keeps sampling and closing
 * epochs; reports wait unsigned).
 */
export function resolveHeadlessPassphrase(options: { passphraseFile?: string | undefined; env?: NodeJS.ProcessEnv; credentialName?: string }): string | null {
  if (options.passphraseFile) return readPassphraseFile(options.passphraseFile);
  return readCredentialPassphrase(options.credentialName ?? PASSPHRASE_CREDENTIAL, options.env ?? process.env);
}
