import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatUnits, microUnits, parseUnits } from './money';

describe('money on the wire', () => {
  it('decodes decimal strings of micro-units to bigint and back, beyond 2^53', () => {
    const big = '123456789012345678901234567890';
    expect(z.decode(microUnits, big)).toBe(123456789012345678901234567890n);
    expect(z.encode(microUnits, 123456789012345678901234567890n)).toBe(big);
    expect(z.decode(microUnits, '-1250000')).toBe(-1250000n);
  });

  it.each(['1.5', '1e6', ' 1', '', '01', '+5', '0x10', 'NaN'])('refuses %j: money is never a float or a loose number', (text) => {
    expect(z.safeDecode(microUnits, text).success).toBe(false);
  });

  it('refuses JSON numbers outright', () => {
    expect(z.safeDecode(microUnits, 1250000 as unknown as string).success).toBe(false);
  });

  it('parses and formats whole units exactly, refusing what would need rounding', () => {
    expect(parseUnits('12.5')).toBe(12_500_000n);
    expect(parseUnits('-0.000001')).toBe(-1n);
    expect(parseUnits('1000000000000')).toBe(1_000_000_000_000_000_000n);
    expect(() => parseUnits('0.0000001')).toThrow(/at most 6 decimals/);
    expect(() => parseUnits('1,5')).toThrow();
    expect(formatUnits(12_500_000n)).toBe('12.500000');
    expect(formatUnits(-1n)).toBe('-0.000001');
    expect(formatUnits(0n)).toBe('0.000000');
  });
});
