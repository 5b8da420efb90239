import type { SchedulePreview, ScheduleTerms } from '../../contract/schemas/facilities';
import { formatIsoDate } from './civil-date';
import { generateSchedule, parseScheduleTerms, totalsOf } from './schedule';

/** The calculator: terms in, installments out, nothing saved (API `ledger.schedule.preview`, CLI `ledger schedule`). */
export function previewSchedule(terms: ScheduleTerms): SchedulePreview {
  const parsed = parseScheduleTerms(terms);
  const schedule = generateSchedule(parsed);
  const installments = schedule.lines.map((line) => ({ n: line.n, dueDate: formatIsoDate(line.dueDate), payment: line.payment, interest: line.interest, principal: line.principal, balance: line.balance }));
  return { installments, totals: totalsOf(schedule.lines), levelAmount: schedule.levelAmount, maturityDate: installments.at(-1)!.dueDate };
}
