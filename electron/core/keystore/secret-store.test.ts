import { describe, expect, it } from 'vitest';
import { KeystoreError } from './errors';
import { forgetPassphrase, NoSecretStore, OPERATOR_PASSPHRASE_SECRET, recallPassphrase, rememberPassphrase, type SecretStore } from './secret-store';

/** What the Electron host does with safeStorage, minus Electron: a map, secure or not. */
class MapSecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  constructor(private readonly secure: boolean) {}
  async get(name: string) {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string) {
    this.values.set(name, value);
  }
  async delete(name: string) {
    this.values.delete(name);
  }
  isSecure() {
    return this.secure;
  }
}

describe('secret store', () => {
  it("core's own store remembers nothing and says it is not secure", async () => {
    const store = new NoSecretStore();
    expect(store.isSecure()).toBe(false);
    await expect(rememberPassphrase(store, 'hunter22hunter22')).rejects.toMatchObject({ code: 'secret-store-insecure' });
    await expect(store.set(OPERATOR_PASSPHRASE_SECRET, 'x')).rejects.toBeInstanceOf(KeystoreError);
    expect(await recallPassphrase(store)).toBeNull();
    await forgetPassphrase(store);
  });

  it('remembers, recalls and forgets the passphrase in a secure store', async () => {
    const store = new MapSecretStore(true);
    await rememberPassphrase(store, 'hunter22hunter22');
    expect(store.values.get(OPERATOR_PASSPHRASE_SECRET)).toBe('hunter22hunter22');
    expect(await recallPassphrase(store)).toBe('hunter22hunter22');
    await forgetPassphrase(store);
    expect(await recallPassphrase(store)).toBeNull();
  });

  it('refuses to remember in a plain-text backend (safeStorage basic_text), and never reads from one', async () => {
    const store = new MapSecretStore(false);
    await expect(rememberPassphrase(store, 'hunter22hunter22')).rejects.toThrow(/plain text/);
    expect(store.values.size).toBe(0);
    store.values.set(OPERATOR_PASSPHRASE_SECRET, 'left over');
    expect(await recallPassphrase(store)).toBeNull();
  });
});
