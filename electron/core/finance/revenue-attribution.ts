import { splitByWeights } from './pro-rata';

/** How an invoice's revenue was split: by uptime-hours from the node, or equally where the node has none. */
export type AttributionBasis = 'uptime' | 'equal';

export interface Attribution {
  basis: AttributionBasis;
  /** Micro-units per asset id, in asset id order; they add up to the amount exactly. */
  parts: Map<string, bigint>;
}

/**
 * The revenue-per-asset rule. The invoiced (accrual) revenue of a contract's billing period is
 * split across the contract's assets pro rata to each asset's uptime-hours in that period, as
 * the attestation node measured them (uptimeBps × epoch length, summed over the closed epochs
 * of the period). Where the node has no epoch in the period, or every asset had zero uptime,
 * the amount is split equally — an invoice's revenue is never lost. Parts are micro-units,
 * floored with the remainder going to the largest fractions (ties: lower asset id), so they
 * add up to the amount exactly. Cash collected is tracked separately (payments → invoices).
 */
export function attributeRevenue(amount: bigint, assetIds: readonly string[], uptimeMs: ((assetId: string) => bigint) | null): Attribution {
  const ids = [...assetIds].sort();
  if (ids.length === 0) return { basis: 'equal', parts: new Map() };
  const weights = uptimeMs ? ids.map((id) => uptimeMs(id)) : null;
  const useUptime = weights !== null && weights.some((weight) => weight > 0n);
  const parts = splitByWeights(amount, useUptime ? weights : ids.map(() => 1n));
  return { basis: useUptime ? 'uptime' : 'equal', parts: new Map(ids.map((id, index) => [id, parts[index]!])) };
}

/**
 * Splits an amount (a payment applied to the invoice) into groups of assets — one facility's
 * collateral, another's, the unpledged rest — in the proportions of the invoice's attribution,
 * exactly (largest remainder). `groupOf` names each asset's group.
 */
export function splitByGroups(amount: bigint, attribution: Attribution, groupOf: (assetId: string) => string): Map<string, bigint> {
  const weights = new Map<string, bigint>();
  for (const [id, part] of attribution.parts) {
    const group = groupOf(id);
    weights.set(group, (weights.get(group) ?? 0n) + part);
  }
  const groups = [...weights.keys()].sort();
  const total = groups.reduce((sum, group) => sum + weights.get(group)!, 0n);
  if (total === 0n) return new Map();
  const parts = splitByWeights(amount, groups.map((group) => weights.get(group)!));
  return new Map(groups.map((group, index) => [group, parts[index]!]));
}
