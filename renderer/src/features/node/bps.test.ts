import { describe, expect, it } from 'vitest';
import { formatBps } from './bps';

describe('basis points as a percentage', () => {
  it('shows every basis point exactly, with two decimals in both languages', () => {
    expect(formatBps(10_000, 'en')).toBe('100.00%');
    expect(formatBps(9_999, 'en')).toBe('99.99%');
    expect(formatBps(6_543, 'en')).toBe('65.43%');
    expect(formatBps(0, 'en')).toBe('0.00%');
    expect(formatBps(1, 'en')).toBe('0.01%');
    // French: a decimal comma and a (narrow) no-break space before the sign.
    expect(formatBps(7_500, 'fr').replace(/\s/g, ' ')).toBe('75,00 %');
  });

  it('never rounds a value just under 100 % up to it', () => {
    for (const bps of [9_995, 9_998, 9_999]) expect(formatBps(bps, 'en')).not.toBe('100.00%');
  });

  it('shows values computed with float noise at their exact basis point', () => {
    // 29 / 100 is 0.28999999999999998 in binary floating point.
    expect(formatBps(2_900, 'en')).toBe('29.00%');
    expect(formatBps(5_700, 'fr').replace(/\s/g, ' ')).toBe('57,00 %');
  });
});
