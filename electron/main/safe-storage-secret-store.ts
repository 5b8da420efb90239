import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KeystoreError } from '../core/keystore/errors';
import type { SecretStore } from '../core/keystore/secret-store';

/** The parts of Electron's safeStorage this store uses: the real module, or a fake in tests. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only (Electron ≥ 28): which keyring encrypts; 'basic_text' is a hard-coded key, i.e. none. */
  getSelectedStorageBackend?(): string;
}

export const SECRETS_DIR = 'secrets';
const SECRET_FILE_MODE = 0o600;
const SECRET_NAME = /^[a-z0-9-]{1,64}$/;

/**
 * Backends that do not really encrypt: 'basic_text' is Chromium's fallback with a key compiled
 * into every copy of Electron, and 'unknown' is what safeStorage answers before the app is ready.
 */
const PLAIN_TEXT_BACKENDS = new Set(['basic_text', 'unknown']);

/** Makes the rename itself durable. Windows cannot open a directory for fsync: skipped there. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The Electron host's SecretStore: each secret is encrypted by the OS keychain (safeStorage:
 * Keychain, DPAPI, Secret Service/KWallet) and kept as `<dataDir>/secrets/<name>.bin`, mode
 * 0600. The keychain holds only the key; the blob lives beside the database, so a data
 * directory copied to another account or machine carries blobs nobody there can decrypt.
 * Only usable after the app's 'ready' event: before it safeStorage cannot say what it uses.
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly dir: string;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    dataDir: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.dir = join(dataDir, SECRETS_DIR);
  }

  isSecure(): boolean {
    try {
      if (!this.safeStorage.isEncryptionAvailable()) return false;
      if (this.platform !== 'linux') return true;
      // Without the backend's name (an older Electron) a plain-text fallback cannot be ruled out.
      const backend = this.safeStorage.getSelectedStorageBackend?.();
      return backend !== undefined && !PLAIN_TEXT_BACKENDS.has(backend);
    } catch {
      return false; // safeStorage throws when asked too early or when the keychain is broken: not secure
    }
  }

  async get(name: string): Promise<string | null> {
    const file = this.fileFor(name);
    if (!this.isSecure()) return null;
    let blob: Buffer;
    try {
      blob = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return this.safeStorage.decryptString(blob);
    } catch {
      // Encrypted under another keychain key (a new login keyring, a copied data directory) or
      // damaged: it can never be read again, so it is as good as missing. Drop it.
      await rm(file, { force: true });
      return null;
    }
  }

  async set(name: string, value: string): Promise<void> {
    const file = this.fileFor(name);
    if (!this.isSecure()) throw new KeystoreError('secret-store-insecure', 'the OS keychain is unavailable or stores secrets in plain text: nothing is remembered');
    await this.writeAtomically(file, this.safeStorage.encryptString(value));
  }

  /** Works even when the store is not secure: forgetting must always be possible. */
  async delete(name: string): Promise<void> {
    await rm(this.fileFor(name), { force: true });
  }

  private fileFor(name: string): string {
    // The name becomes a file name: nothing that could climb out of the directory or hide a suffix.
    if (!SECRET_NAME.test(name)) throw new TypeError(`invalid secret name "${name}": use 1 to 64 of a-z, 0-9 and -`);
    return join(this.dir, `${name}.bin`);
  }

  /** A temp file beside the target (0600, flushed), renamed over it: readers see the old blob or the new one. */
  private async writeAtomically(file: string, blob: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', SECRET_FILE_MODE);
      try {
        await handle.chmod(SECRET_FILE_MODE); // whatever the umask did
        await handle.writeFile(blob);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
      await syncDirectory(this.dir);
    } finally {
      await rm(temp, { force: true });
    }
  }
}
