import { Wallet } from 'ethers';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { networkProfile } from '../attestation/report/network-profiles';
import { ZERO_BYTES32 } from '../attestation/report/hex';
import { sampleReport } from '../attestation/report/test-fixtures';
import { KeystoreError, SignerLockedError, WrongPassphraseError } from './errors';
import { KEYSTORE_FILE } from './keystore-file';
import { OperatorKeystore, PRODUCTION_SCRYPT_N } from './operator-keystore';

const eas = createRequire(import.meta.url)('@ethereum-attestation-service/eas-sdk');
const tempDir = useTempDirs();
const FAST = { scryptN: 2 ** 10 }; // tests only: production is 2^17
const PASSPHRASE = 'correct horse battery staple';
const devnet = networkProfile('local-devnet');

// Hardhat/anvil account #0: public test material, never a real key.
const KNOWN_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const KNOWN_ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const KNOWN_MNEMONIC = 'test test test test test test test test test test test junk';

/** Every spelling of the key that must never be found anywhere. */
function keySpellings(privateKey: string): string[] {
  const bare = privateKey.replace(/^0x/, '');
  return [bare.toLowerCase(), bare.toUpperCase(), Buffer.from(bare, 'hex').toString('base64')];
}

function expectNoKey(text: string, privateKey: string): void {
  for (const spelling of keySpellings(privateKey)) expect(text).not.toContain(spelling);
}

async function caught(promise: Promise<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function keystoreIn(dir: string) {
  return new OperatorKeystore({ dataDir: dir, ...FAST });
}

describe('operator keystore', () => {
  it('creates a random key, stored only as an encrypted v3 scrypt keystore (0600), and unlocks it', async () => {
    const dir = tempDir();
    const keystore = keystoreIn(dir);
    expect(keystore.state()).toBe('absent');
    expect(keystore.address()).toBeNull();
    const address = await keystore.create(PASSPHRASE);
    expect(keystore.state()).toBe('locked');
    expect(keystore.address()).toBe(address);
    const file = join(dir, KEYSTORE_FILE);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json).toMatchObject({ version: 3, Crypto: { kdf: 'scrypt', cipher: 'aes-128-ctr', kdfparams: { n: 1024, r: 8, p: 1 } } });
    expect(json['x-ethers']?.mnemonicCiphertext).toBeUndefined(); // only the key, no mnemonic
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([KEYSTORE_FILE]); // no temp file left behind

    const signer = await keystore.unlock(PASSPHRASE);
    expect(signer.address).toBe(address);
    expect(keystore.state()).toBe('unlocked');
    expect(keystore.signer()).toBe(signer);
  });

  it('uses scrypt N = 2^17 unless told otherwise', async () => {
    const dir = tempDir();
    const keystore = new OperatorKeystore({ dataDir: dir });
    expect(PRODUCTION_SCRYPT_N).toBe(131_072);
    const address = await keystore.importPrivateKey(KNOWN_KEY, PASSPHRASE);
    expect(JSON.parse(readFileSync(keystore.file, 'utf8')).Crypto.kdfparams.n).toBe(131_072);
    expect((await keystore.unlock(PASSPHRASE)).address).toBe(address);
  }, 20_000);

  it('signs reports that eas-sdk verifies, and nothing once locked', async () => {
    const keystore = keystoreIn(tempDir());
    await keystore.importPrivateKey(KNOWN_KEY, PASSPHRASE);
    const signer = await keystore.unlock(PASSPHRASE);
    const pkg = await signer.signReport(sampleReport({ operator: signer.address }), { network: devnet, refUID: ZERO_BYTES32 });
    const offchain = new eas.Offchain({ address: devnet.easAddress, version: devnet.easVersion, chainId: BigInt(devnet.chainId) }, 2);
    expect(offchain.verifyOffchainAttestationSignature(KNOWN_ADDRESS, pkg.sig)).toBe(true);
    keystore.lock();
    expect(keystore.state()).toBe('locked');
    expect(keystore.signer()).toBeNull();
    await expect(signer.signReport(sampleReport({ operator: signer.address }), { network: devnet, refUID: ZERO_BYTES32 })).rejects.toBeInstanceOf(SignerLockedError);
  });

  it('imports a private key (with or without 0x, surrounding whitespace) and a mnemonic', async () => {
    expect(await keystoreIn(tempDir()).importPrivateKey(KNOWN_KEY, PASSPHRASE)).toBe(KNOWN_ADDRESS);
    expect(await keystoreIn(tempDir()).importPrivateKey(`  ${KNOWN_KEY.slice(2).toUpperCase()}\n`, PASSPHRASE)).toBe(KNOWN_ADDRESS);
    const fromMnemonic = keystoreIn(tempDir());
    expect(await fromMnemonic.importMnemonic(`  ${KNOWN_MNEMONIC.replace(/ /g, '   ')} `, PASSPHRASE)).toBe(KNOWN_ADDRESS);
    expect(await keystoreIn(tempDir()).importMnemonic(KNOWN_MNEMONIC, PASSPHRASE, "m/44'/60'/0'/0/1")).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    const text = readFileSync(fromMnemonic.file, 'utf8');
    expectNoKey(text, KNOWN_KEY);
    expect(text).not.toContain('junk');
  });

  it('never overwrites an existing keystore', async () => {
    const keystore = keystoreIn(tempDir());
    await keystore.importPrivateKey(KNOWN_KEY, PASSPHRASE);
    const before = readFileSync(keystore.file, 'utf8');
    for (const attempt of [() => keystore.create(PASSPHRASE), () => keystore.importMnemonic(KNOWN_MNEMONIC, PASSPHRASE)]) {
      const error = await caught(attempt());
      expect(error).toBeInstanceOf(KeystoreError);
      expect((error as KeystoreError).code).toBe('keystore-exists');
    }
    expect(readFileSync(keystore.file, 'utf8')).toBe(before);
  });

  it('wrong passphrase: a clear error, and nothing changes', async () => {
    const keystore = keystoreIn(tempDir());
    await keystore.importPrivateKey(KNOWN_KEY, PASSPHRASE);
    const before = readFileSync(keystore.file, 'utf8');
    const error = await caught(keystore.unlock('not the passphrase'));
    expect(error).toBeInstanceOf(WrongPassphraseError);
    expect((error as KeystoreError).code).toBe('wrong-passphrase');
    expect(error.message).toMatch(/wrong passphrase/);
    expect(error.message).not.toContain('not the passphrase');
    expect(keystore.state()).toBe('locked');
    expect(readFileSync(keystore.file, 'utf8')).toBe(before);
    // An unlocked key stays unlocked (and the same signer) after a wrong attempt.
    const signer = await keystore.unlock(PASSPHRASE);
    await expect(keystore.unlock('still wrong!')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(keystore.signer()).toBe(signer);
    await expect(keystore.unlock('')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('changes the passphrase atomically; the old one stops working', async () => {
    const dir = tempDir();
    const keystore = keystoreIn(dir);
    const address = await keystore.importPrivateKey(KNOWN_KEY, PASSPHRASE);
    const before = readFileSync(keystore.file, 'utf8');
    await expect(keystore.changePassphrase('wrong one!', 'a brand new passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(readFileSync(keystore.file, 'utf8')).toBe(before);
    await keystore.changePassphrase(PASSPHRASE, 'a brand new passphrase');
    await expect(keystore.unlock(PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
    expect((await keystore.unlock('a brand new passphrase')).address).toBe(address);
    expect(readdirSync(dir)).toEqual([KEYSTORE_FILE]);
    if (process.platform !== 'win32') expect(statSync(keystore.file).mode & 0o777).toBe(0o600);
  });

  it('a lock() during a slow unlock wins', async () => {
    const keystore = keystoreIn(tempDir());
    await keystore.importPrivateKey(KNOWN_KEY, PASSPHRASE);
    const unlocking = keystore.unlock(PASSPHRASE);
    keystore.lock();
    await expect(unlocking).rejects.toBeInstanceOf(SignerLockedError);
    expect(keystore.state()).toBe('locked');
  });

  it('refuses weak passphrases and says so for a missing or damaged keystore', async () => {
    const dir = tempDir();
    const keystore = keystoreIn(dir);
    expect(((await caught(keystore.create('short'))) as KeystoreError).code).toBe('weak-passphrase');
    expect(existsSync(keystore.file)).toBe(false);
    expect(((await caught(keystore.unlock(PASSPHRASE))) as KeystoreError).code).toBe('keystore-missing');
    writeFileSync(keystore.file, '{"version":3,"address":"nope"}', { mode: 0o600 });
    expect(((await caught(keystore.unlock(PASSPHRASE))) as KeystoreError).code).toBe('keystore-corrupt');
    expect(((await caught(() => keystore.address())) as KeystoreError).code).toBe('keystore-corrupt');
  });
});

describe('the private key never leaks', () => {
  it('is not in the keystore file, in JSON.stringify or inspect of the signer, nor in its properties', async () => {
    const keystore = keystoreIn(tempDir());
    await keystore.importPrivateKey(KNOWN_KEY, PASSPHRASE);
    expectNoKey(readFileSync(keystore.file, 'utf8'), KNOWN_KEY);
    const signer = await keystore.unlock(PASSPHRASE);
    expect(JSON.parse(JSON.stringify(signer))).toEqual({ address: KNOWN_ADDRESS });
    expectNoKey(inspect(signer, { depth: 10, showHidden: true, getters: true }), KNOWN_KEY);
    expectNoKey(JSON.stringify(keystore), KNOWN_KEY);
    expectNoKey(inspect(keystore, { depth: 10, showHidden: true }), KNOWN_KEY);
    expect(Object.getOwnPropertyNames(signer).sort()).toEqual(['address', 'signContractCall', 'signReport']);
    expect(Object.isFrozen(signer)).toBe(true);
  });

  it('is not in any error message, even for almost-valid key material', async () => {
    const randomKey = Wallet.createRandom().privateKey;
    const attempts: [string, string][] = [
      [randomKey.slice(0, -1), randomKey], // 63 hex digits: ethers would echo it
      [`${randomKey}00`, randomKey],
      [`0x${'ff'.repeat(32)}`, `0x${'ff'.repeat(32)}`], // above the curve order
      [`0x${'00'.repeat(32)}`, `0x${'00'.repeat(32)}`],
    ];
    for (const [material, key] of attempts) {
      const error = await caught(keystoreIn(tempDir()).importPrivateKey(material, PASSPHRASE));
      expect((error as KeystoreError).code).toBe('invalid-key-material');
      expectNoKey(`${error.message} ${error.stack} ${JSON.stringify(error)} ${inspect(error)}`, key.slice(0, 60));
      expect(error.cause).toBeUndefined();
    }
    const badMnemonic = KNOWN_MNEMONIC.replace('junk', 'test');
    const error = await caught(keystoreIn(tempDir()).importMnemonic(badMnemonic, PASSPHRASE));
    expect((error as KeystoreError).code).toBe('invalid-key-material');
    expect(`${error.message} ${inspect(error)}`).not.toContain('test test');
  });
});
