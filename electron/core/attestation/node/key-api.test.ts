import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestCore } from '../../../../test/support/core-fixture';
import { gpuRead, gpuReading } from '../../../../test/support/gpu-reads';
import { useTempDirs } from '../../../../test/support/temp-dir';
import type { SecretStore } from '../../keystore/secret-store';

const tempDir = useTempDirs();
const PASSPHRASE = 'correct horse battery staple';

/** An OS keychain stand-in that claims to encrypt (the Electron host's safeStorage does). */
function keychain(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, get: async (name) => values.get(name) ?? null, set: async (name, value) => void values.set(name, value), delete: async (name) => void values.delete(name), isSecure: () => true };
}

const reader = async () => gpuRead([gpuReading({ index: 0 })]);

describe('operator key through the API', () => {
  it('creates, locks, refuses a wrong passphrase without change, unlocks, and never exposes the key', async () => {
    const dataDir = tempDir();
    const core = startTestCore(dataDir, undefined, reader);
    expect(await core.handlers['node.key.status']({})).toEqual({ state: 'absent', address: null, canRemember: false, remembered: false });
    const created = await core.handlers['node.key.create']({ passphrase: PASSPHRASE });
    expect(created).toMatchObject({ state: 'unlocked', address: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) });
    expect(core.node.status().signer).toBe(created.address);
    await expect(core.handlers['node.key.create']({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'conflict' });
    expect(await core.handlers['node.key.lock']({ forget: false })).toMatchObject({ state: 'locked', address: created.address });
    expect(core.node.status().signer).toBeNull();
    await expect(core.handlers['node.key.unlock']({ passphrase: 'not the passphrase', remember: false })).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await core.handlers['node.key.status']({})).state).toBe('locked');
    await expect(core.handlers['node.key.unlock']({ passphrase: PASSPHRASE, remember: true })).rejects.toMatchObject({ code: 'unavailable' });
    expect((await core.handlers['node.key.status']({})).state).toBe('locked');
    expect((await core.handlers['node.key.unlock']({ passphrase: PASSPHRASE, remember: false })).state).toBe('unlocked');
    const file = readFileSync(join(dataDir, 'operator-keystore.json'), 'utf8');
    const keystore = JSON.parse(file) as { version: number; Crypto?: { kdf: string }; crypto?: { kdf: string } };
    expect(keystore.version).toBe(3);
    expect((keystore.Crypto ?? keystore.crypto)?.kdf).toBe('scrypt');
    await core.close();
  });

  it('imports a private key, and remembers the passphrase only in a secure keychain, unlocking at the next start', async () => {
    const dataDir = tempDir();
    const store = keychain();
    const first = startTestCore(dataDir, undefined, reader, { secretStore: store });
    const privateKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
    const imported = await first.handlers['node.key.import']({ privateKey, passphrase: PASSPHRASE });
    expect(imported.address).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    await first.handlers['node.key.lock']({ forget: false });
    expect(await first.handlers['node.key.unlock']({ passphrase: PASSPHRASE, remember: true })).toMatchObject({ state: 'unlocked', canRemember: true, remembered: true });
    expect([...store.values.values()]).toEqual([PASSPHRASE]);
    await first.close();

    const second = startTestCore(dataDir, undefined, reader, { secretStore: store });
    await second.start({ node: false });
    expect(await second.handlers['node.key.status']({})).toMatchObject({ state: 'unlocked', remembered: true });
    expect(await second.handlers['node.key.lock']({ forget: true })).toMatchObject({ state: 'locked', remembered: false });
    expect(store.values.size).toBe(0);
    await second.close();
  });

  it('refuses to import two kinds of key material at once, or none', async () => {
    const core = startTestCore(tempDir(), undefined, reader);
    const { decodeInput } = await import('../../../contract/wire');
    expect(() => decodeInput('node.key.import', { passphrase: PASSPHRASE })).toThrow(/either a private key or a mnemonic/);
    expect(() => decodeInput('node.key.import', { passphrase: 'short' , privateKey: '0x1' })).toThrow(/at least 8/);
    await core.close();
  });
});
