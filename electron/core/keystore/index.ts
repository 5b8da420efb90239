// The operator key: what the node, the CLI and the Electron host call.
export { KeystoreError, WrongPassphraseError, SignerLockedError, type KeystoreErrorCode } from './errors';
export { KEYSTORE_FILE, KEYSTORE_MODE, keystorePath } from './keystore-file';
export { OperatorKeystore, addressOfKeystore, PRODUCTION_SCRYPT_N, MIN_PASSPHRASE_LENGTH, DEFAULT_DERIVATION_PATH, type KeystoreState, type OperatorKeystoreOptions } from './operator-keystore';
export type { OperatorSigner, ContractCallRequest, ContractCallSigner } from './operator-signer';
export { NoSecretStore, OPERATOR_PASSPHRASE_SECRET, rememberPassphrase, recallPassphrase, forgetPassphrase, type SecretStore } from './secret-store';
export { readPassphraseFile, readCredentialPassphrase, resolveHeadlessPassphrase, PASSPHRASE_CREDENTIAL } from './passphrase-sources';
