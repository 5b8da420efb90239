import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { looksLikeTar, readTarIndex, TarFormatError, writeTar } from './tar';

const tempDir = useTempDirs();
const files = [
  { name: 'manifest.json', data: Buffer.from('{"format":"x"}') },
  { name: 'reports/00000001.json', data: Buffer.alloc(1024, 0x61) },
  { name: 'reports/00000002.json', data: Buffer.from('') },
];

describe('the ustar archive of a bundle', () => {
  it('reads back its own entries, byte for byte, and is deterministic', () => {
    const archive = writeTar(files, 1_767_225_600);
    expect(writeTar(files, 1_767_225_600).equals(archive)).toBe(true);
    expect(looksLikeTar(archive)).toBe(true);
    const entries = readTarIndex(archive);
    expect(entries.map((entry) => entry.name)).toEqual(files.map((file) => file.name));
    entries.forEach((entry, index) => expect(archive.subarray(entry.offset, entry.offset + entry.size).equals(files[index]!.data)).toBe(true));
  });

  it('is a tar that GNU tar lists and extracts, and ours reads what GNU tar writes', () => {
    const dir = tempDir();
    const file = join(dir, 'bundle.tar');
    writeFileSync(file, writeTar(files, 1_767_225_600));
    expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(files.map((entry) => entry.name));
    execFileSync('tar', ['-xf', file, '-C', dir]);
    expect(readFileSync(join(dir, 'reports/00000001.json')).equals(files[1]!.data)).toBe(true);
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'a.json'), '{"a":1}');
    const theirs = join(dir, 'theirs.tar');
    execFileSync('tar', ['--format=ustar', '-cf', theirs, '-C', join(dir, 'in'), 'a.json']);
    const archive = readFileSync(theirs);
    const [entry] = readTarIndex(archive);
    expect(entry!.name).toBe('a.json');
    expect(archive.toString('utf8', entry!.offset, entry!.offset + entry!.size)).toBe('{"a":1}');
  });

  it('names the damaged header of any changed header byte, and never throws anything else (fast-check)', () => {
    const archive = writeTar(files, 1_767_225_600);
    fc.assert(
      fc.property(fc.nat(archive.length - 1), fc.integer({ min: 1, max: 255 }), (offset, delta) => {
        const copy = Buffer.from(archive);
        copy[offset] = (copy[offset]! + delta) & 0xff;
        try {
          const entries = readTarIndex(copy);
          // A changed data byte is not the archive's business: the JSON inside will say.
          const inHeader = [0, 1024, 2560].some((header) => offset >= header && offset < header + 512);
          expect(inHeader && entries.length === 3 && entries.every((entry, index) => entry.name === files[index]!.name)).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(TarFormatError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a checksum field spelt any other way than 6 octal digits, NUL, space (bytes the checksum does not cover)', () => {
    const archive = writeTar(files, 1_767_225_600);
    // Each mutated copy changes one byte of the first header's checksum field (bytes 148..155).
    for (const [at, byte] of [[148, 0x20], [154, 0x20], [155, 0x21], [155, 0x00]] as const) {
      const copy = Buffer.from(archive);
      copy[at] = byte;
      expect(() => readTarIndex(copy), `byte ${at} = ${byte}`).toThrow(/checksum field is not 6 octal digits, NUL, space/);
    }
  });

  it('refuses a truncated archive', () => {
    const archive = writeTar(files, 0);
    expect(() => readTarIndex(archive.subarray(0, 1500))).toThrow(TarFormatError);
  });
});
