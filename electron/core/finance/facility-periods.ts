import type { FacilityDetail } from '../../contract/schemas/facilities';

/** One period of a facility for the waterfall: [start, end) and the debt service due at its end. */
export interface FacilityPeriod {
  n: number;
  start: string;
  end: string;
  debtService: bigint;
}

/**
 * The facility's own periods: a revenue-share period n runs [start + (n−1) months, start + n
 * months) and owes its amount due (share of its revenue, the minimum, capped at the target),
 * the term-cap remainder adding to the last; a fixed-rate period runs from the previous due
 * date (or the start) to installment n's due date and owes the scheduled payment.
 */
export function facilityPeriods(detail: FacilityDetail): FacilityPeriod[] {
  if (detail.schedule.structure === 'revenue-share') {
    const periods: FacilityPeriod[] = [];
    for (const line of detail.schedule.periods) {
      if (line.kind === 'period') periods.push({ n: line.n, start: line.periodStart, end: line.dueDate, debtService: line.due });
      else if (periods.length > 0) periods[periods.length - 1]!.debtService += line.due;
    }
    return periods;
  }
  let previous = detail.terms.startDate;
  return detail.schedule.installments.map((line) => {
    const period = { n: line.n, start: previous, end: line.dueDate, debtService: line.expected.payment };
    previous = line.dueDate;
    return period;
  });
}
