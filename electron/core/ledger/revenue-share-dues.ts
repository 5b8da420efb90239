import type { Day } from './civil-date';
import type { ParsedRevenueShareTerms } from './revenue-share-terms';
import { maxBig, minBig, roundToCent } from './rounding';

/** One monthly period: its dates and its gross revenue (null while not reported). */
export interface RevenuePeriod {
  n: number;
  periodStart: Day;
  dueDate: Day;
  revenue: bigint | null;
}

export interface DueLine {
  n: number;
  kind: 'period' | 'term-cap';
  periodStart: Day;
  dueDate: Day;
  revenue: bigint | null;
  phase: 'recovery' | 'tail';
  /** Revenue × the share in force, rounded half-even to the cent. */
  share: bigint;
  due: bigint;
  forgiven: bigint;
}

/**
 * What each period owes, from revenue alone (payments never change it):
 * - recovery phase (until the dues reach the target): max(revenue × share, minimum), capped at
 *   the part of the target not yet due — so the dues add up to the target and no more;
 * - tail phase (once they have): revenue × tailShare, no minimum (nothing when tailShare is 0);
 * - a period whose revenue is not reported yet owes nothing yet;
 * - at the term cap (all periods reported), the target not yet due falls due on the last
 *   period's due date, or is forgiven, as the terms say.
 */
export function computeDues(terms: ParsedRevenueShareTerms, periods: readonly RevenuePeriod[], withTermCap: boolean): DueLine[] {
  const lines: DueLine[] = [];
  let dueSoFar = 0n;
  for (const period of periods) {
    const revenue = period.revenue ?? 0n;
    if (dueSoFar < terms.target) {
      const share = roundToCent(revenue * terms.share.num, terms.share.den);
      const due = period.revenue === null ? 0n : minBig(maxBig(share, terms.minimum), terms.target - dueSoFar);
      dueSoFar += due;
      lines.push({ ...period, kind: 'period', phase: 'recovery', share, due, forgiven: 0n });
    } else {
      const share = roundToCent(revenue * terms.tailShare.num, terms.tailShare.den);
      lines.push({ ...period, kind: 'period', phase: 'tail', share, due: share, forgiven: 0n });
    }
  }
  const last = periods.at(-1);
  const complete = periods.length === terms.termMonths && periods.every((period) => period.revenue !== null);
  if (withTermCap && last && complete && dueSoFar < terms.target) {
    const rest = terms.target - dueSoFar;
    const forgiven = terms.atTermCap === 'forgiven';
    lines.push({ n: last.n + 1, kind: 'term-cap', periodStart: last.dueDate, dueDate: last.dueDate, revenue: null, phase: 'recovery', share: 0n, due: forgiven ? 0n : rest, forgiven: forgiven ? rest : 0n });
  }
  return lines;
}

/**
 * How much of what the lender has received is principal: pro rata to the target,
 * round-half-even(min(paid, target) × principal ÷ target). Counted on the cumulative amount, so
 * the parts of the payments add up to the principal exactly when the target is reached.
 */
export function principalRecovered(terms: Pick<ParsedRevenueShareTerms, 'principal' | 'target'>, cumulativePaid: bigint): bigint {
  return roundToCent(minBig(cumulativePaid, terms.target) * terms.principal, terms.target);
}
