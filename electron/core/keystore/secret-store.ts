import { KeystoreError } from './errors';

/**
 * Where a host may remember small secrets (the keystore passphrase) between runs. Core only
 * defines the interface: the Electron host implements it with safeStorage, and must report
 * isSecure() === false — so nothing is remembered — when safeStorage is unavailable or
 * its backend is plain text (safeStorage.getSelectedStorageBackend() === 'basic_text' on
 * Linux without a keyring). Headless nodes have none: they read --passphrase-file instead.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** True only when values are encrypted by an OS keychain this user alone can open. */
  isSecure(): boolean;
}

/** The name the operator keystore passphrase is remembered under. */
export const OPERATOR_PASSPHRASE_SECRET = 'operator-keystore-passphrase';

/** Core's own store: remembers nothing and says so. */
export class NoSecretStore implements SecretStore {
  async get(_name: string): Promise<string | null> {
    return null;
  }

  async set(_name: string, _value: string): Promise<void> {
    throw new KeystoreError('secret-store-insecure', 'no secure secret store on this host: the passphrase cannot be remembered');
  }

  async delete(_name: string): Promise<void> {}

  isSecure(): boolean {
    return false;
  }
}

/** Remembers the passphrase only in a secure store; refuses (and stores nothing) otherwise. */
export async function rememberPassphrase(store: SecretStore, passphrase: string): Promise<void> {
  if (!store.isSecure()) throw new KeystoreError('secret-store-insecure', 'the OS keychain is unavailable or stores secrets in plain text: the passphrase is not remembered');
  await store.set(OPERATOR_PASSPHRASE_SECRET, passphrase);
}

/** The remembered passphrase, or null (never read from an insecure store). */
export async function recallPassphrase(store: SecretStore): Promise<string | null> {
  if (!store.isSecure()) return null;
  return store.get(OPERATOR_PASSPHRASE_SECRET);
}

export async function forgetPassphrase(store: SecretStore): Promise<void> {
  await store.delete(OPERATOR_PASSPHRASE_SECRET);
}
