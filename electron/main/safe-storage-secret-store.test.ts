import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { KeystoreError } from '../core/keystore/errors';
import { OPERATOR_PASSPHRASE_SECRET, recallPassphrase, rememberPassphrase } from '../core/keystore/secret-store';
import { useTempDirs } from '../../test/support/temp-dir';
import { SafeStorageSecretStore, SECRETS_DIR, type SafeStorageLike } from './safe-storage-secret-store';

const tempDir = useTempDirs();

/**
 * A stand-in for safeStorage: XOR with a per-"keychain" byte behind a marker, so a blob written
 * under one keychain key is refused by another, as the real thing refuses foreign ciphertext.
 */
class XorSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';

  constructor(private readonly key = 0x5a) {}

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  encryptString(plainText: string): Buffer {
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ this.key);
    return Buffer.concat([Buffer.from(`xor${this.key}:`), body]);
  }

  decryptString(encrypted: Buffer): string {
    const marker = Buffer.from(`xor${this.key}:`);
    if (!encrypted.subarray(0, marker.length).equals(marker)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(marker.length).map((byte) => byte ^ this.key)).toString('utf8');
  }

  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

describe('SafeStorageSecretStore', () => {
  let dataDir: string;
  let safeStorage: XorSafeStorage;
  const blobOf = (name: string) => join(dataDir, SECRETS_DIR, `${name}.bin`);

  beforeEach(() => {
    dataDir = tempDir();
    safeStorage = new XorSafeStorage();
  });

  it('round-trips a secret as an encrypted 0600 blob, replacing it atomically', async () => {
    const store = new SafeStorageSecretStore(safeStorage, dataDir, 'linux');
    expect(store.isSecure()).toBe(true);
    expect(await store.get(OPERATOR_PASSPHRASE_SECRET)).toBeNull();

    await rememberPassphrase(store, 'correct horse battery staple');
    expect(await recallPassphrase(store)).toBe('correct horse battery staple');
    const blob = readFileSync(blobOf(OPERATOR_PASSPHRASE_SECRET));
    expect(blob.toString('latin1')).not.toContain('correct horse');
    if (process.platform !== 'win32') expect(statSync(blobOf(OPERATOR_PASSPHRASE_SECRET)).mode & 0o777).toBe(0o600);

    await store.set(OPERATOR_PASSPHRASE_SECRET, 'a new passphrase, ünïcode');
    expect(await store.get(OPERATOR_PASSPHRASE_SECRET)).toBe('a new passphrase, ünïcode');
    expect(readdirSync(join(dataDir, SECRETS_DIR))).toEqual([`${OPERATOR_PASSPHRASE_SECRET}.bin`]); // no temp file left behind

    await store.delete(OPERATOR_PASSPHRASE_SECRET);
    await store.delete(OPERATOR_PASSPHRASE_SECRET); // deleting what is gone is fine
    expect(await store.get(OPERATOR_PASSPHRASE_SECRET)).toBeNull();
    expect(existsSync(blobOf(OPERATOR_PASSPHRASE_SECRET))).toBe(false);
  });

  it('is insecure with a plain-text or unknown Linux backend, or without encryption: nothing is written or read', async () => {
    const store = new SafeStorageSecretStore(safeStorage, dataDir, 'linux');
    await store.set('kept', 'written while the keyring was there');

    for (const backend of ['basic_text', 'unknown']) {
      safeStorage.backend = backend;
      expect(store.isSecure(), backend).toBe(false);
      await expect(store.set('other', 'secret')).rejects.toSatisfy((error: unknown) => error instanceof KeystoreError && error.code === 'secret-store-insecure');
      await expect(rememberPassphrase(store, 'secret')).rejects.toThrow(KeystoreError);
      expect(await store.get('kept'), backend).toBeNull();
    }
    safeStorage.backend = 'kwallet6';
    safeStorage.available = false;
    expect(store.isSecure()).toBe(false);
    await expect(store.set('other', 'secret')).rejects.toThrow(KeystoreError);

    expect(readdirSync(join(dataDir, SECRETS_DIR))).toEqual(['kept.bin']);
    await store.delete('kept'); // forgetting works even while insecure
    expect(readdirSync(join(dataDir, SECRETS_DIR))).toEqual([]);
  });

  it('trusts the platform keychain on macOS and Windows, where there is no plain-text backend', () => {
    safeStorage.backend = 'unknown'; // Linux-only answer; ignored elsewhere
    expect(new SafeStorageSecretStore(safeStorage, dataDir, 'darwin').isSecure()).toBe(true);
    expect(new SafeStorageSecretStore(safeStorage, dataDir, 'win32').isSecure()).toBe(true);
    const withoutBackend: SafeStorageLike = { isEncryptionAvailable: () => true, encryptString: (text) => safeStorage.encryptString(text), decryptString: (blob) => safeStorage.decryptString(blob) };
    // An Electron that cannot name its Linux backend might be on the plain-text one.
    expect(new SafeStorageSecretStore(withoutBackend, dataDir, 'linux').isSecure()).toBe(false);
  });

  it('says insecure instead of throwing when safeStorage throws', () => {
    safeStorage.isEncryptionAvailable = () => {
      throw new Error('safeStorage cannot be used before app is ready');
    };
    expect(new SafeStorageSecretStore(safeStorage, dataDir, 'linux').isSecure()).toBe(false);
  });

  it('treats a blob it cannot decrypt as missing, and removes it', async () => {
    await new SafeStorageSecretStore(new XorSafeStorage(0x33), dataDir, 'linux').set('passphrase', 'from another keychain');
    const store = new SafeStorageSecretStore(safeStorage, dataDir, 'linux');
    expect(await store.get('passphrase')).toBeNull();
    expect(existsSync(blobOf('passphrase'))).toBe(false);

    writeFileSync(blobOf('garbage'), 'not a blob at all');
    expect(await store.get('garbage')).toBeNull();
    expect(existsSync(blobOf('garbage'))).toBe(false);
  });

  it('refuses names that are not plain file names', async () => {
    const store = new SafeStorageSecretStore(safeStorage, dataDir, 'linux');
    mkdirSync(join(dataDir, 'elsewhere'));
    for (const name of ['../elsewhere/x', 'a/b', 'UPPER', 'dot.bin', '', 'x'.repeat(65)]) {
      await expect(store.set(name, 'v'), name).rejects.toThrow(TypeError);
      await expect(store.get(name), name).rejects.toThrow(TypeError);
      await expect(store.delete(name), name).rejects.toThrow(TypeError);
    }
    expect(readdirSync(join(dataDir, 'elsewhere'))).toEqual([]);
  });
});
