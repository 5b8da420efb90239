/**
 * Splits `total` into parts proportional to `weights` (non-negative, not all zero): each part
 * is floored, then the units left over go to the largest remainders (ties: the earlier weight).
 * The parts add up to `total` exactly — the rule for every pro-rata split in this module.
 */
export function splitByWeights(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) throw new RangeError('cannot split by weights that add up to zero');
  const parts = weights.map((weight) => (total * weight) / sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  if (left === 0n) return parts;
  const order = weights.map((weight, index) => ({ index, remainder: (total * weight) % sum })).sort((a, b) => (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : a.index - b.index));
  for (const { index } of order) {
    if (left === 0n) break;
    parts[index] = parts[index]! + 1n;
    left -= 1n;
  }
  return parts;
}
