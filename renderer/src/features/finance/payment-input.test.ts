import { describe, expect, it } from 'vitest';
import { readPayment } from './payment-input';

describe('readPayment', () => {
  it('reads whole units exactly, micro-units included', () => {
    expect(readPayment('88848.79', '2026-08-24', '2026-11-24', 'en')).toEqual({ amount: 88_848_790_000n, errors: {} });
    expect(readPayment('1 000,000001', '2026-08-24', '2026-11-24', 'fr').amount).toBe(1_000_000_001n);
  });

  it('says what is wrong with each field', () => {
    expect(readPayment('', '', '2026-11-24', 'en').errors).toEqual({ amount: 'required', date: 'required' });
    expect(readPayment('0', '2026-11-25', '2026-11-24', 'en').errors).toEqual({ amount: 'positive', date: 'future' });
    expect(readPayment('-5', '2026-02-30', '2026-11-24', 'en').errors).toEqual({ amount: 'negative', date: 'date' });
  });
});
