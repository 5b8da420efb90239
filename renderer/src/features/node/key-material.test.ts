import { describe, expect, it } from 'vitest';
import { detectKeyMaterial, passphraseProblem } from './key-material';

const HEX = 'ab'.repeat(32);
const TWELVE = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

describe('passphraseProblem', () => {
  it('asks for a passphrase of 8 characters at least', () => {
    expect(passphraseProblem('')).toBe('empty');
    expect(passphraseProblem('1234567')).toBe('tooShort');
    expect(passphraseProblem('12345678')).toBeNull();
    expect(passphraseProblem('x'.repeat(1025))).toBe('tooLong');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passphraseProblem('🔑🔑🔑🔑')).toBe('tooShort');
    expect(passphraseProblem('éèêëàâäô')).toBeNull();
  });

  it('requires the confirmation to match, once the passphrase itself is valid', () => {
    expect(passphraseProblem('correct horse', 'correct horse')).toBeNull();
    expect(passphraseProblem('correct horse', 'correct hors')).toBe('mismatch');
    expect(passphraseProblem('correct horse', '')).toBe('mismatch');
    expect(passphraseProblem('short', 'short')).toBe('tooShort');
  });
});

describe('detectKeyMaterial', () => {
  it('recognises a private key, 0x and 64 hex digits, trimmed and lower-cased', () => {
    expect(detectKeyMaterial(`  0x${HEX.toUpperCase()}\n`)).toEqual({ kind: 'privateKey', privateKey: `0x${HEX}` });
    expect(detectKeyMaterial(`0x${HEX.slice(2)}`).kind).toBe('invalid');
    expect(detectKeyMaterial(HEX).kind).toBe('invalid');
    expect(detectKeyMaterial(`0x${HEX.slice(1)}g`).kind).toBe('invalid');
  });

  it('recognises a 12- or 24-word phrase, normalising whitespace and case', () => {
    expect(detectKeyMaterial(` Abandon  ability\table\nabout above absent absorb abstract absurd abuse access accident `)).toEqual({ kind: 'mnemonic', mnemonic: TWELVE, words: 12 });
    const twentyFour = `${TWELVE} ${TWELVE}`;
    expect(detectKeyMaterial(twentyFour)).toEqual({ kind: 'mnemonic', mnemonic: twentyFour, words: 24 });
  });

  it('rejects other word counts and words that are not letters', () => {
    expect(detectKeyMaterial(TWELVE.split(' ').slice(0, 11).join(' ')).kind).toBe('invalid');
    expect(detectKeyMaterial(`${TWELVE} extra`).kind).toBe('invalid');
    expect(detectKeyMaterial(TWELVE.replace('able', 'ab1e')).kind).toBe('invalid');
  });

  it('says when the field is empty', () => {
    expect(detectKeyMaterial('   ')).toEqual({ kind: 'empty' });
  });
});
