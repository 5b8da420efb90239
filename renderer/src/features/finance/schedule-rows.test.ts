import { describe, expect, it } from 'vitest';
import { isInArrears, rowsFromInstallments, rowsFromPreview } from './schedule-rows';

describe('schedule rows', () => {
  it('keeps a preview line as expected only', () => {
    const [row] = rowsFromPreview([{ n: 1, dueDate: '2026-08-24', payment: 89n, interest: 10n, principal: 79n, balance: 921n }]);
    expect(row).toEqual({ n: 1, dueDate: '2026-08-24', payment: 89n, interest: 10n, principal: 79n, balance: 921n, actual: null });
    expect(isInArrears(row!)).toBe(false);
  });

  it('puts what was paid and owed beside what was expected', () => {
    const [row] = rowsFromInstallments([
      {
        n: 2,
        dueDate: '2026-09-24',
        expected: { payment: 89n, interest: 9n, principal: 80n, balance: 841n },
        paid: { interest: 9n, principal: 20n, lateFees: 0n, total: 29n },
        lateFees: 3n,
        owed: 63n,
        status: 'partial',
        daysPastDue: 61,
        settledOn: null,
      },
    ]);
    expect(row).toMatchObject({ n: 2, payment: 89n, balance: 841n, actual: { paid: 29n, owed: 63n, lateFees: 3n, status: 'partial', daysPastDue: 61 } });
    expect(isInArrears(row!)).toBe(true);
  });
});
