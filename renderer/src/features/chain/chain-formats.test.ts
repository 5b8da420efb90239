import { describe, expect, it } from 'vitest';
import { daysCovered, formatEth } from './chain-formats';

describe('chain formats', () => {
  it('shows wei as ETH exactly, rounded at the last digit, grouped per language', () => {
    expect(formatEth(100n * 10n ** 18n, 'en')).toBe('100 ETH');
    expect(formatEth(1234_567_891_234_567_890_123n, 'en')).toBe('1,234.567891 ETH');
    expect(formatEth(1234_567_891_234_567_890_123n, 'fr')).toBe('1\u202f234,567891 ETH');
    expect(formatEth(1_500_000_000_000n, 'en')).toBe('0.000002 ETH');
    expect(formatEth(400_000_000n, 'en')).toBe('< 0.000001 ETH');
    expect(formatEth(0n, 'en')).toBe('0 ETH');
  });

  it('days of reports a balance pays for', () => {
    expect(daysCovered(240n, 10n, 24)).toBe(1);
    expect(daysCovered(100n, null, 24)).toBeNull();
    expect(daysCovered(100n, 0n, 24)).toBeNull();
  });
});
