import { decryptKeystoreJson, encryptKeystoreJson, getAddress, HDNodeWallet, isKeystoreJson, Mnemonic, Wallet } from 'ethers';
import { KeystoreError, SignerLockedError, WrongPassphraseError } from './errors';
import { keystorePath, readKeystoreFile, writeKeystoreFile } from './keystore-file';
import { lockableSigner, type OperatorSigner } from './operator-signer';

/** scrypt cost for production keystores: ethers' and geth's default, ~0.6-0.8 s per unlock here. */
export const PRODUCTION_SCRYPT_N = 2 ** 17;

/** A passphrase shorter than this is refused when a key is created or imported. */
export const MIN_PASSPHRASE_LENGTH = 8;

export type KeystoreState = 'absent' | 'locked' | 'unlocked';

export interface OperatorKeystoreOptions {
  dataDir: string;
  /** scrypt N; lower only in tests (a power of two). */
  scryptN?: number;
}

/** BIP-44 path of the first Ethereum account: what wallets derive from a mnemonic by default. */
export const DEFAULT_DERIVATION_PATH = "m/44'/60'/0'/0/0";

function checkNewPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new KeystoreError('weak-passphrase', `the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
}

function walletFromPrivateKey(privateKey: string): Wallet {
  const hex = typeof privateKey === 'string' ? privateKey.trim() : '';
  const normalized = hex.startsWith('0x') || hex.startsWith('0X') ? `0x${hex.slice(2)}` : `0x${hex}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(normalized)) throw new KeystoreError('invalid-key-material', 'not a private key: expected 32 bytes as 64 hex digits');
  try {
    return new Wallet(normalized);
  } catch {
    // ethers' message may echo the value: never rethrow it.
    throw new KeystoreError('invalid-key-material', 'not a private key: outside the secp256k1 range');
  }
}

function walletFromMnemonic(phrase: string, path: string): Wallet {
  const words = typeof phrase === 'string' ? phrase.trim().split(/\s+/).join(' ') : '';
  if (!Mnemonic.isValidMnemonic(words)) throw new KeystoreError('invalid-key-material', 'not a valid BIP-39 mnemonic (word count, spelling or checksum)');
  try {
    // Only the derived key is kept: the mnemonic stays with the operator, not in our file.
    return new Wallet(HDNodeWallet.fromPhrase(words, undefined, path).privateKey);
  } catch {
    throw new KeystoreError('invalid-key-material', `cannot derive a key at ${path} from this mnemonic`);
  }
}

/**
 * The operator key of one data directory: created or imported once, kept only as an
 * encrypted Web3 Secret Storage v3 file (`operator-keystore.json`, scrypt, mode 0600),
 * unlocked by passphrase into an in-memory signer that can only sign reports.
 */
export class OperatorKeystore {
  private readonly path: string;
  private readonly scryptN: number;
  private unlocked: { signer: OperatorSigner; drop: () => void } | null = null;
  /** Bumped by lock(): an unlock still decrypting when lock() is called does not come back to life. */
  private generation = 0;

  constructor(options: OperatorKeystoreOptions) {
    this.path = keystorePath(options.dataDir);
    this.scryptN = options.scryptN ?? PRODUCTION_SCRYPT_N;
    if (!Number.isInteger(Math.log2(this.scryptN)) || this.scryptN < 2) throw new RangeError('scryptN must be a power of two');
  }

  get file(): string {
    return this.path;
  }

  state(): KeystoreState {
    if (this.unlocked) return 'unlocked';
    return readKeystoreFile(this.path) === null ? 'absent' : 'locked';
  }

  /** The operator address, read from the keystore without decrypting it; null without a keystore. */
  address(): string | null {
    const json = readKeystoreFile(this.path);
    if (json === null) return null;
    return addressOfKeystore(json, this.path);
  }

  /** A fresh random key. Refuses when a keystore exists (it is never overwritten). */
  async create(passphrase: string): Promise<string> {
    checkNewPassphrase(passphrase);
    return this.store(Wallet.createRandom().privateKey, passphrase);
  }

  async importPrivateKey(privateKey: string, passphrase: string): Promise<string> {
    checkNewPassphrase(passphrase);
    return this.store(walletFromPrivateKey(privateKey).privateKey, passphrase);
  }

  async importMnemonic(phrase: string, passphrase: string, path = DEFAULT_DERIVATION_PATH): Promise<string> {
    checkNewPassphrase(passphrase);
    return this.store(walletFromMnemonic(phrase, path).privateKey, passphrase);
  }

  /** Decrypts the keystore into the signer. Wrong passphrase: WrongPassphraseError, nothing changes. */
  async unlock(passphrase: string): Promise<OperatorSigner> {
    const generation = this.generation;
    const wallet = await this.decrypt(passphrase);
    if (generation !== this.generation) throw new SignerLockedError();
    this.unlocked?.drop();
    this.unlocked = lockableSigner(wallet);
    return this.unlocked.signer;
  }

  /** The unlocked signer, or null. */
  signer(): OperatorSigner | null {
    return this.unlocked?.signer ?? null;
  }

  /** Forgets the key: signers handed out before refuse to sign from now on. */
  lock(): void {
    this.generation += 1;
    this.unlocked?.drop();
    this.unlocked = null;
  }

  /** Re-encrypts under a new passphrase (atomic replace); the old one must be right. */
  async changePassphrase(current: string, next: string): Promise<void> {
    checkNewPassphrase(next);
    const wallet = await this.decrypt(current);
    const json = await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, next, { scrypt: { N: this.scryptN } });
    writeKeystoreFile(this.path, json, { replace: true });
  }

  private async store(privateKey: string, passphrase: string): Promise<string> {
    if (readKeystoreFile(this.path) !== null) throw new KeystoreError('keystore-exists', `an operator keystore already exists at ${this.path}; it is never overwritten`);
    const wallet = new Wallet(privateKey);
    const json = await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, passphrase, { scrypt: { N: this.scryptN } });
    writeKeystoreFile(this.path, json, { replace: false });
    return wallet.address;
  }

  private async decrypt(passphrase: string): Promise<Wallet> {
    const json = readKeystoreFile(this.path);
    if (json === null) throw new KeystoreError('keystore-missing', `no operator keystore at ${this.path}: create or import a key first`);
    addressOfKeystore(json, this.path);
    if (typeof passphrase !== 'string' || passphrase.length === 0) throw new WrongPassphraseError();
    let account;
    try {
      account = await decryptKeystoreJson(json, passphrase);
    } catch (error) {
      const { code, argument } = error as { code?: string; argument?: string };
      if (code === 'INVALID_ARGUMENT' && argument === 'password') throw new WrongPassphraseError();
      throw new KeystoreError('keystore-corrupt', `the operator keystore ${this.path} cannot be decrypted (damaged or not a v3 scrypt keystore)`);
    }
    return new Wallet(account.privateKey);
  }
}

/** The address field of a v3 keystore (checksummed), after checking the file is one. */
export function addressOfKeystore(json: string, path = 'operator keystore'): string {
  let address: unknown;
  try {
    address = isKeystoreJson(json) ? (JSON.parse(json) as { address?: unknown }).address : undefined;
  } catch {
    address = undefined;
  }
  if (typeof address !== 'string') throw new KeystoreError('keystore-corrupt', `${path} is not a Web3 Secret Storage v3 keystore with an address`);
  try {
    return getAddress(address.startsWith('0x') ? address : `0x${address}`);
  } catch {
    throw new KeystoreError('keystore-corrupt', `${path} has an invalid address field`);
  }
}
