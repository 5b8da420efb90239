import { formatIsoDate } from '../ledger/civil-date';
import type { CollateralBook } from './collateral-book';
import type { ReceivablesBook } from './receivables';
import { splitByGroups } from './revenue-attribution';

/** Cash applied to an invoice on a day, on one facility's collateral (facilityId null: unpledged assets). */
export interface CashLine {
  day: string;
  facilityId: string | null;
  amount: bigint;
}

/**
 * Revenue received, by facility: each allocation of a payment to an invoice (on the day it was
 * applied) is split like the invoice's revenue was split across assets, and each asset's part
 * goes to the facility it was pledged to that day. Exact: the parts of an allocation add up to it.
 */
export function cashByFacility(book: ReceivablesBook, collateral: CollateralBook, attributions: ReadonlyMap<string, ReadonlyMap<string, bigint>>): CashLine[] {
  const lines: CashLine[] = [];
  for (const line of book.allocation.lines) {
    if (line.day > book.asOf) continue;
    const day = formatIsoDate(line.day);
    const parts = attributions.get(line.invoiceId);
    if (!parts || parts.size === 0) {
      lines.push({ day, facilityId: null, amount: line.amount });
      continue;
    }
    const groups = splitByGroups(line.amount, { basis: 'uptime', parts: new Map(parts) }, (assetId) => collateral.facilityOf(assetId, day) ?? '');
    for (const [group, amount] of groups) if (amount !== 0n) lines.push({ day, facilityId: group === '' ? null : group, amount });
  }
  return lines;
}
