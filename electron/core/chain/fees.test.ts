import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshFees, replacementFees } from './fees';

const GWEI = 1_000_000_000n;
const caps = { maxFeePerGas: 100n * GWEI, maxPriorityFeePerGas: 2n * GWEI };

describe('EIP-1559 fees within caps', () => {
  it('takes the suggested tip and twice the base fee, capped', () => {
    expect(freshFees(10n * GWEI, GWEI, caps)).toEqual({ ok: true, fees: { maxFeePerGas: 21n * GWEI, maxPriorityFeePerGas: GWEI } });
    expect(freshFees(10n * GWEI, 5n * GWEI, caps)).toEqual({ ok: true, fees: { maxFeePerGas: 22n * GWEI, maxPriorityFeePerGas: 2n * GWEI } });
    expect(freshFees(60n * GWEI, GWEI, caps)).toEqual({ ok: true, fees: { maxFeePerGas: 100n * GWEI, maxPriorityFeePerGas: GWEI } });
  });

  it('refuses to send when the base fee alone is above the cap', () => {
    const decision = freshFees(101n * GWEI, GWEI, caps);
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reason).toMatch(/base fee 101 gwei is above the cap 100 gwei/);
  });

  it('a replacement raises both fields by at least 10 % (what nodes require), within the caps, or refuses', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 200n * GWEI }), fc.bigInt({ min: 0n, max: 50n * GWEI }), fc.bigInt({ min: 0n, max: 150n * GWEI }), (maxFee, tip, base) => {
        const previous = { maxFeePerGas: maxFee, maxPriorityFeePerGas: tip < maxFee ? tip : maxFee };
        const fresh = freshFees(base, GWEI, caps);
        const decision = replacementFees(previous, fresh.ok ? fresh.fees : null, caps);
        if (!decision.ok) return;
        expect(decision.fees.maxFeePerGas * 10n).toBeGreaterThanOrEqual(previous.maxFeePerGas * 11n);
        expect(decision.fees.maxPriorityFeePerGas * 10n).toBeGreaterThanOrEqual(previous.maxPriorityFeePerGas * 11n);
        expect(decision.fees.maxFeePerGas).toBeLessThanOrEqual(caps.maxFeePerGas);
        expect(decision.fees.maxPriorityFeePerGas).toBeLessThanOrEqual(decision.fees.maxFeePerGas);
      }),
    );
  });

  it('at the cap, a stuck transaction stays as it is', () => {
    const decision = replacementFees({ maxFeePerGas: 95n * GWEI, maxPriorityFeePerGas: GWEI }, null, caps);
    expect(decision.ok).toBe(false);
  });
});
