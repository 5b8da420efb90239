/** EIP-1559 fees for one transaction, wei. */
export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface FeeCaps {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export type FeeDecision = { ok: true; fees: Fees } | { ok: false; reason: string };

/** What nodes (geth, anvil, reth) require of a replacement: at least +10 % on both fields. We add 12.5 %. */
const bump = (value: bigint): bigint => (value * 9n + 7n) / 8n + 1n;
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (...values: bigint[]): bigint => values.reduce((a, b) => (a > b ? a : b));
const gwei = (wei: bigint): string => `${Number(wei) / 1e9} gwei`;

/**
 * Fees for a new transaction: the node's suggested tip and twice the current base fee (room for
 * six full blocks of base-fee growth), both within the configured caps. Refuses — rather than
 * sending a transaction that cannot be mined — when the base fee alone is above the cap.
 */
export function freshFees(baseFee: bigint, suggestedTip: bigint, caps: FeeCaps): FeeDecision {
  if (baseFee > caps.maxFeePerGas) return { ok: false, reason: `base fee ${gwei(baseFee)} is above the cap ${gwei(caps.maxFeePerGas)}: waiting for it to fall (or raise maxFeePerGasGwei)` };
  const tip = min(suggestedTip, caps.maxPriorityFeePerGas);
  const maxFee = min(baseFee * 2n + tip, caps.maxFeePerGas);
  return { ok: true, fees: { maxFeePerGas: maxFee, maxPriorityFeePerGas: min(tip, maxFee) } };
}

/**
 * Fees that replace `previous` (same nonce): each field raised by 12.5 % — or to the fresh
 * fees, if higher — within the caps. Refuses when the caps leave no room for a valid
 * replacement: the stuck transaction then stays as it is.
 */
export function replacementFees(previous: Fees, fresh: Fees | null, caps: FeeCaps): FeeDecision {
  const tip = min(max(bump(previous.maxPriorityFeePerGas), fresh?.maxPriorityFeePerGas ?? 0n), caps.maxPriorityFeePerGas);
  const maxFee = min(max(bump(previous.maxFeePerGas), fresh?.maxFeePerGas ?? 0n, tip), caps.maxFeePerGas);
  // The node wants +10 % on both; the caps may not allow that.
  if (maxFee * 10n < previous.maxFeePerGas * 11n || tip * 10n < previous.maxPriorityFeePerGas * 11n) {
    return { ok: false, reason: `cannot replace the pending transaction within the fee caps (${gwei(caps.maxFeePerGas)}, tip ${gwei(caps.maxPriorityFeePerGas)}): waiting for it to be mined` };
  }
  return { ok: true, fees: { maxFeePerGas: maxFee, maxPriorityFeePerGas: min(tip, maxFee) } };
}
