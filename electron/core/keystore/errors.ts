/**
 * Keystore failures, each with a stable code the API layer maps to its own (wrong-passphrase →
 * unauthorized, keystore-exists → conflict, …). Messages never contain key material, a
 * passphrase or file content, and carry no `cause` that could (ethers' errors sometimes echo
 * the value they refused).
 */
export type KeystoreErrorCode =
  | 'keystore-missing'
  | 'keystore-exists'
  | 'keystore-corrupt'
  | 'wrong-passphrase'
  | 'weak-passphrase'
  | 'invalid-key-material'
  | 'signer-locked'
  | 'insecure-passphrase-file'
  | 'passphrase-unavailable'
  | 'secret-store-insecure';

export class KeystoreError extends Error {
  override readonly name: string = 'KeystoreError';
  constructor(
    readonly code: KeystoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class WrongPassphraseError extends KeystoreError {
  override readonly name = 'WrongPassphraseError';
  constructor() {
    super('wrong-passphrase', 'wrong passphrase for the operator keystore (or the keystore file was altered); nothing was changed');
  }
}

export class SignerLockedError extends KeystoreError {
  override readonly name = 'SignerLockedError';
  constructor() {
    super('signer-locked', 'the operator key is locked: unlock it with its passphrase first');
  }
}
