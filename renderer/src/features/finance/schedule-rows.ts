import type { InstallmentStatus, InstallmentView, ScheduleLine } from '../../../../electron/contract/schemas/facilities';

/** One line of the schedule table: what was expected and, once saved, what actually happened. */
export interface ScheduleRow {
  n: number;
  dueDate: string;
  payment: bigint;
  interest: bigint;
  principal: bigint;
  balance: bigint;
  /** Absent in a preview: nothing has happened yet. */
  actual: { paid: bigint; owed: bigint; lateFees: bigint; status: InstallmentStatus; daysPastDue: number } | null;
}

export function rowsFromPreview(lines: ScheduleLine[]): ScheduleRow[] {
  return lines.map((line) => ({ ...line, actual: null }));
}

export function rowsFromInstallments(installments: InstallmentView[]): ScheduleRow[] {
  return installments.map((line) => ({
    n: line.n,
    dueDate: line.dueDate,
    ...line.expected,
    actual: { paid: line.paid.total, owed: line.owed, lateFees: line.lateFees, status: line.status, daysPastDue: line.daysPastDue },
  }));
}

/** Whether a line is past due and not settled: the rows the operator must see first. */
export function isInArrears(row: ScheduleRow): boolean {
  return row.actual !== null && (row.actual.status === 'unpaid' || row.actual.status === 'partial');
}
