import type { RevenueSeriesRow, RevenueSharePreview, RevenueShareTerms } from '../../contract/schemas/facilities';
import { addMonthsClamped, formatIsoDate, parseIsoDate, type Day } from './civil-date';
import type { PaymentEvent } from './payments';
import { computeDues, type RevenuePeriod } from './revenue-share-dues';
import { RevenueShareReplay } from './revenue-share-replay';
import { viewOf } from './revenue-share-view';
import { parseRevenueShareTerms } from './revenue-share-terms';
import { minBig } from './rounding';
import { IssueList } from './terms-validation';
import { formatRate, xirr } from './xirr';

function periodsOf(start: Day, rows: readonly RevenueSeriesRow[], termMonths: number): RevenuePeriod[] {
  const issues = new IssueList();
  issues.check(rows.length > 0, 'revenue', 'give at least one period of revenue');
  issues.check(rows.length <= termMonths, 'revenue', `the series has ${rows.length} periods but the term is ${termMonths} months`);
  let previous = start;
  const periods = rows.map((row, index) => {
    const dueDate = parseIsoDate(row.dueDate);
    issues.check(dueDate > previous, `revenue.${index}.dueDate`, 'each period must end after the previous one (and after the start)');
    issues.check(row.revenue >= 0n, `revenue.${index}.revenue`, 'revenue cannot be negative');
    issues.check(row.paid === null || row.paid >= 0n, `revenue.${index}.paid`, 'a payment cannot be negative');
    const period = { n: index + 1, periodStart: previous, dueDate, revenue: row.revenue };
    previous = dueDate;
    return period;
  });
  issues.throwIfAny();
  return periods;
}

/**
 * The revenue-share calculator (CLI `ledger revenue-share`, API `ledger.revenueShare.preview`).
 * Replays the `paid` column when the series has one; otherwise projects: on each due date the
 * lender is paid first out of that period's revenue, up to everything owed (so a minimum the
 * revenue cannot cover carries forward), and the term-cap amount is paid when it falls due.
 */
export function previewRevenueShare(termsInput: RevenueShareTerms, rows: readonly RevenueSeriesRow[]): RevenueSharePreview {
  const terms = parseRevenueShareTerms(termsInput, 'terms.');
  const periods = periodsOf(terms.start, rows, terms.termMonths);
  const replay = new RevenueShareReplay(terms, computeDues(terms, periods, true));
  const payments: PaymentEvent[] = [];
  const pay = (day: Day, amount: bigint) => {
    if (amount <= 0n) return;
    const payment: PaymentEvent = { id: payments.length + 1, day, amount, kind: 'regular' };
    replay.apply(payment);
    payments.push(payment);
  };
  const mode = rows.some((row) => row.paid !== null) ? 'replay' : 'projection';
  if (mode === 'replay') {
    rows.forEach((row, index) => pay(periods[index]!.dueDate, row.paid ?? 0n));
  } else {
    for (const line of replay.lines) {
      replay.advanceTo(line.dueDate);
      const owed = replay.owedBy(line.dueDate);
      pay(line.dueDate, line.kind === 'term-cap' ? owed : minBig(owed, line.revenue ?? 0n));
    }
    // With the cap "due", whatever is still owed at the end of the term is paid then, even when
    // the last period already held the whole remaining target (so no separate term-cap line exists).
    const last = replay.lines.at(-1)!;
    if (terms.atTermCap === 'due') pay(last.dueDate, replay.owedBy(last.dueDate));
  }
  const asOf = Math.max(replay.lines.at(-1)!.dueDate, payments.at(-1)?.day ?? terms.start);
  replay.advanceTo(asOf);
  const view = viewOf(terms, replay, asOf, payments);
  const rate = xirr([{ day: terms.start, amount: -terms.principal }, ...payments.map((payment) => ({ day: payment.day, amount: payment.amount }))]);
  const split = payments.map((payment) => {
    const allocation = view.allocations.get(payment.id)!;
    return { date: formatIsoDate(payment.day), amount: payment.amount, principal: allocation.principal, return: allocation.return };
  });
  return { mode, periods: view.periods, position: view.position, payments: split, lenderXirr: rate.ok ? formatRate(rate.rate) : null };
}

/** Without an explicit start, a series starts one month before its first period ends. */
export function defaultStartDate(firstDueDate: Day): Day {
  return addMonthsClamped(firstDueDate, -1);
}
