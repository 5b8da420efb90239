/**
 * Pure checks for the operator-key forms: the passphrase rule the core enforces (8 characters
 * at least), and what was pasted into "Import key" (a private key or a recovery phrase).
 * Nothing here keeps or logs what it is given.
 */

export const MIN_PASSPHRASE_LENGTH = 8;
export const MAX_PASSPHRASE_LENGTH = 1024;

export type PassphraseProblem = 'empty' | 'tooShort' | 'tooLong' | 'mismatch';

/** The first problem with a new passphrase and its confirmation; null when it can be sent. */
export function passphraseProblem(passphrase: string, confirmation?: string): PassphraseProblem | null {
  if (passphrase.length === 0) return 'empty';
  // Counted in characters (code points), as a person counts them.
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'tooShort';
  if (length > MAX_PASSPHRASE_LENGTH) return 'tooLong';
  if (confirmation !== undefined && confirmation !== passphrase) return 'mismatch';
  return null;
}

export type KeyMaterial =
  | { kind: 'privateKey'; privateKey: string }
  | { kind: 'mnemonic'; mnemonic: string; words: 12 | 24 }
  | { kind: 'empty' }
  | { kind: 'invalid' };

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;
const WORD = /^[a-z]+$/;

/**
 * What the import field holds: a private key (0x and 64 hex digits) or a 12- or 24-word
 * recovery phrase (lower-case letters, any whitespace between the words, normalised to single
 * spaces); anything else is invalid. The checksum of a phrase is the core's to verify.
 */
export function detectKeyMaterial(text: string): KeyMaterial {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (PRIVATE_KEY.test(trimmed)) return { kind: 'privateKey', privateKey: trimmed.toLowerCase() };
  const words = trimmed.toLowerCase().split(/\s+/);
  if ((words.length === 12 || words.length === 24) && words.every((word) => WORD.test(word))) {
    return { kind: 'mnemonic', mnemonic: words.join(' '), words: words.length };
  }
  return { kind: 'invalid' };
}
