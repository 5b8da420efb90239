import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { KeystoreError } from './errors';
import { PASSPHRASE_CREDENTIAL, readCredentialPassphrase, readPassphraseFile, resolveHeadlessPassphrase } from './passphrase-sources';

const tempDir = useTempDirs();
const posix = process.platform !== 'win32';

function secretFile(content: string, mode = 0o600, name = 'passphrase'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as KeystoreError).code;
  }
  return 'no error';
}

describe('--passphrase-file', () => {
  it('reads the file, trimming one trailing newline and nothing else', () => {
    expect(readPassphraseFile(secretFile('s3cret phrase\n'))).toBe('s3cret phrase');
    expect(readPassphraseFile(secretFile('windows line\r\n', 0o400))).toBe('windows line');
    expect(readPassphraseFile(secretFile('  spaces kept  '))).toBe('  spaces kept  ');
    expect(readPassphraseFile(secretFile('two\n\n'))).toBe('two\n');
    expect(readPassphraseFile(secretFile('ünïcødé ✓\n'))).toBe('ünïcødé ✓');
  });

  it.runIf(posix)('refuses a file group or others can read or write, naming the fix', () => {
    for (const mode of [0o640, 0o604, 0o620, 0o660, 0o644]) {
      const path = secretFile('s3cret phrase', mode);
      expect(() => readPassphraseFile(path)).toThrow(`run chmod 600 ${path}`);
      expect(codeOf(() => readPassphraseFile(path))).toBe('insecure-passphrase-file');
    }
    // Windows has no POSIX modes: the same file is read there.
    expect(readPassphraseFile(secretFile('s3cret phrase', 0o644), 'win32')).toBe('s3cret phrase');
  });

  it('refuses an empty file, a directory and a missing file', () => {
    expect(codeOf(() => readPassphraseFile(secretFile('\n')))).toBe('passphrase-unavailable');
    const dir = tempDir();
    if (posix) chmodSync(dir, 0o700);
    expect(codeOf(() => readPassphraseFile(dir))).toBe('insecure-passphrase-file');
    expect(codeOf(() => readPassphraseFile(join(dir, 'absent')))).toBe('passphrase-unavailable');
  });

  it('never puts the passphrase in an error message', () => {
    if (!posix) return;
    const path = secretFile('do-not-print-me', 0o644);
    expect(() => readPassphraseFile(path)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('do-not-print-me') }));
  });
});

describe('systemd credentials', () => {
  function credentialsDir(content?: string): string {
    const dir = join(tempDir(), 'credentials');
    mkdirSync(dir, { mode: 0o700 });
    if (content !== undefined) {
      writeFileSync(join(dir, PASSPHRASE_CREDENTIAL), content);
      chmodSync(join(dir, PASSPHRASE_CREDENTIAL), 0o400);
    }
    return dir;
  }

  it('reads $CREDENTIALS_DIRECTORY/sietch-operator-passphrase', () => {
    expect(readCredentialPassphrase(PASSPHRASE_CREDENTIAL, { CREDENTIALS_DIRECTORY: credentialsDir('from systemd\n') })).toBe('from systemd');
  });

  it('is null without a credentials directory or without that credential', () => {
    expect(readCredentialPassphrase(PASSPHRASE_CREDENTIAL, {})).toBeNull();
    expect(readCredentialPassphrase(PASSPHRASE_CREDENTIAL, { CREDENTIALS_DIRECTORY: credentialsDir() })).toBeNull();
    expect(() => readCredentialPassphrase('../etc/passwd', { CREDENTIALS_DIRECTORY: credentialsDir() })).toThrow(/not a credential name/);
  });

  it('headless: --passphrase-file first, then the credential, else null', () => {
    const env = { CREDENTIALS_DIRECTORY: credentialsDir('from systemd') };
    expect(resolveHeadlessPassphrase({ passphraseFile: secretFile('from file'), env })).toBe('from file');
    expect(resolveHeadlessPassphrase({ env })).toBe('from systemd');
    expect(resolveHeadlessPassphrase({ env: {} })).toBeNull();
    expect(codeOf(() => resolveHeadlessPassphrase({ passphraseFile: join(tempDir(), 'missing'), env }))).toBe('passphrase-unavailable');
  });
});
