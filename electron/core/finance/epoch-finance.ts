import type { Db } from '../db/open';
import { FacilityService } from '../ledger/facility-service';
import { formatIsoDate } from '../ledger/civil-date';
import { billingPeriods } from './billing';
import { CollateralBook } from './collateral-book';
import { UINT32_MAX } from './coverage';
import { FinanceStore } from './finance-store';
import { billingTermsOf } from './receivables';
import { splitByWeights } from './pro-rata';

const DAY_MS = 86_400_000;

/** A contract as the epoch attribution needs it: its assets and its billing periods in ms. */
export interface EpochContract {
  id: string;
  assetIds: readonly string[];
  /** [startMs, endMs) and the amount the period bills. */
  periods: readonly { startMs: number; endMs: number; amount: bigint }[];
}

/** One facility on the epoch's end day. */
export interface EpochFacility {
  id: string;
  /** Everything paid to the lender up to and including the epoch's end day. */
  repaid: bigint;
  outstanding: bigint;
  /** Eligible collateral value (docs/customers-collateral.md). */
  eligibleValue: bigint;
}

export interface EpochFinanceInput {
  window: { startMs: number; endMs: number };
  /** The epoch's leaves: asset id and uptime (0..10,000). */
  leaves: readonly { assetId: string; uptimeBps: number }[];
  contracts: readonly EpochContract[];
  facilities: readonly EpochFacility[];
}

export interface EpochFinance {
  /** Micro-units per asset id (only assets that serve a contract); the leaf's `revenue`. */
  revenueByAsset: Map<string, bigint>;
  /** The report's revenue: the sum of the leaves' revenue. */
  revenue: bigint;
  /** The report's repaid: paid to lenders, all facilities, through the epoch's end day. */
  repaid: bigint;
  /** The report's outstanding: outstanding principal, all facilities, on the epoch's end day. */
  outstanding: bigint;
  /** floor(Σ eligible collateral × 10,000 / Σ outstanding), capped at uint32; 4,294,967,295 with nothing outstanding. */
  coverageBps: number;
}

/**
 * What the ledger puts in an epoch report (the attestation node calls this when it closes an
 * epoch; the leaf's `revenue` and the report's revenue, repaid, outstanding and coverage).
 *
 * Revenue per asset for the epoch [start, end): each contract accrues its billing periods'
 * amounts evenly over time — the part of a period that the epoch overlaps is
 * amount × overlap ÷ period length, rounded down to the micro-unit — and that accrual is split
 * across the contract's assets pro rata to their uptime in this epoch (uptimeBps from the leaves;
 * equally when none of them was up, or none has a leaf), exactly (largest remainder). It is the
 * same rule as an invoice's split (docs/customers-collateral.md), at the epoch's scale; an
 * asset serving no contract earns 0. Pure: same input, same output.
 */
export function epochFinance(input: EpochFinanceInput): EpochFinance {
  const { startMs, endMs } = input.window;
  const uptime = new Map(input.leaves.map((leaf) => [leaf.assetId, BigInt(leaf.uptimeBps)]));
  const revenueByAsset = new Map<string, bigint>();
  let revenue = 0n;
  for (const contract of input.contracts) {
    let accrued = 0n;
    for (const period of contract.periods) {
      const overlap = Math.min(endMs, period.endMs) - Math.max(startMs, period.startMs);
      if (overlap > 0) accrued += (period.amount * BigInt(overlap)) / BigInt(period.endMs - period.startMs);
    }
    if (accrued === 0n || contract.assetIds.length === 0) continue;
    const ids = [...contract.assetIds].sort();
    const weights = ids.map((id) => uptime.get(id) ?? 0n);
    const parts = splitByWeights(accrued, weights.some((weight) => weight > 0n) ? weights : ids.map(() => 1n));
    ids.forEach((id, index) => revenueByAsset.set(id, (revenueByAsset.get(id) ?? 0n) + parts[index]!));
    revenue += accrued;
  }
  let repaid = 0n;
  let outstanding = 0n;
  let eligible = 0n;
  for (const facility of input.facilities) {
    repaid += facility.repaid;
    outstanding += facility.outstanding;
    eligible += facility.eligibleValue;
  }
  const ratio = outstanding > 0n ? (eligible * 10_000n) / outstanding : BigInt(UINT32_MAX);
  return { revenueByAsset, revenue, repaid, outstanding, coverageBps: Number(ratio > BigInt(UINT32_MAX) ? BigInt(UINT32_MAX) : ratio) };
}

/**
 * epochFinance with its input read from the ledger's tables: contracts and their billing
 * periods, each facility's payments, outstanding principal and eligible collateral on the day the
 * epoch ends (UTC). `leaves` are the epoch's, as the closer aggregated them. Call it inside the
 * transaction that closes the epoch; it only reads.
 */
export function epochFinanceFromDb(db: Db, window: { startMs: number; endMs: number }, leaves: readonly { assetId: string; uptimeBps: number }[], options: { unknownGraceMs: number }): EpochFinance {
  const store = new FinanceStore(db);
  const contracts: EpochContract[] = store.contracts().map((contract) => ({
    id: contract.id,
    assetIds: contract.assetIds,
    periods: billingPeriods(billingTermsOf(contract)).map((period) => ({ startMs: period.start * DAY_MS, endMs: period.end * DAY_MS, amount: period.amount })),
  }));
  // The day the epoch ends on (its last instant is end − 1 ms).
  const lastDay = Math.floor((window.endMs - 1) / DAY_MS);
  const day = formatIsoDate(lastDay);
  const ledger = new FacilityService({ db, journal: undefined as never, today: () => day });
  const collateral = new CollateralBook(db, store, options.unknownGraceMs);
  const covenants = store.covenants();
  const facilities: EpochFacility[] = ledger.list(day).facilities.map((facility) => {
    const repaid = (db.prepare('SELECT coalesce(sum(amount), 0) FROM facility_payments WHERE facility_id = ? AND paid_on <= ?').pluck().safeIntegers(true).get(facility.id, day) as bigint);
    const { figures } = collateral.coverage(facility.id, lastDay, facility.outstandingPrincipal, covenants.get(facility.id) ?? null);
    return { id: facility.id, repaid, outstanding: facility.outstandingPrincipal, eligibleValue: figures.eligibleValue };
  });
  return epochFinance({ window, leaves, contracts, facilities });
}
