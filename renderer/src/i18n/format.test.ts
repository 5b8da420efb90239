import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDiskSize, formatGibNumber, formatInteger, formatLinkSpeed, shortenHash } from './format';

// Intl uses narrow or regular no-break spaces in French; compare with plain spaces.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting follows the language', () => {
  it('groups thousands and places decimals per language', () => {
    expect(formatInteger(10000, 'en')).toBe('10,000');
    expect(plain(formatInteger(10000, 'fr'))).toBe('10 000');
  });

  it('shows memory in GiB with one decimal', () => {
    expect(formatGibNumber(25_232_003_072, 'en')).toBe('23.5');
    expect(formatGibNumber(25_232_003_072, 'fr')).toBe('23,5');
    expect(formatGibNumber(64 * 1024 ** 3, 'en')).toBe('64');
  });

  it('shows disk sizes in decimal units, as drives are labelled', () => {
    expect(formatDiskSize(1_920_383_410_176, 'en')).toBe('1.92 TB');
    expect(plain(formatDiskSize(1_920_383_410_176, 'fr'))).toBe('1,92 To');
    expect(formatDiskSize(512_110_190_592, 'en')).toBe('512.1 GB');
    expect(formatDiskSize(0, 'en')).toBe('0 byte');
  });

  it('shows link speeds in Mbit/s or Gbit/s', () => {
    expect(formatLinkSpeed(100, 'en')).toMatch(/^100 Mb/);
    expect(formatLinkSpeed(25000, 'en')).toMatch(/^25 Gb/);
  });

  it('formats dates and leaves an unparseable one as it came', () => {
    expect(formatDateTime('2026-11-24T15:00:00.000Z', 'en')).toMatch(/2026/);
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });

  it('shortens a hash to its ends', () => {
    const hash = `0x${'ab'.repeat(32)}`;
    expect(shortenHash(hash)).toBe('0xababab…ababab');
    expect(shortenHash('0x1234')).toBe('0x1234');
  });
});
