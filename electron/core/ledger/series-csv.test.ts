import { describe, expect, it } from 'vitest';
import { parseCashFlowsCsv, parseRevenueCsv, SeriesCsvError } from './series-csv';

describe('dated series in CSV', () => {
  it('reads date,amount with or without a header, blank lines and a BOM', () => {
    const withHeader = parseCashFlowsCsv('\uFEFFdate,amount\n2024-01-01,-1000.5\n\n2024-07-01, 500\n');
    expect(withHeader.map((row) => [row.date, row.amount])).toEqual([['2024-01-01', -1_000_500_000n], ['2024-07-01', 500_000_000n]]);
    expect(parseCashFlowsCsv('2024-01-01,-1\n2024-02-01,2')).toHaveLength(2);
  });

  it.each([
    ['2024-01-01,-1\n2024-02-30,2', /row 2: "2024-02-30" is not a date/],
    ['date,amount\n2024-01-01,1e3', /row 2: amount "1e3" is not an amount/],
    ['2024-01-01,1,2', /row 1: expected 2 columns, found 3/],
    ['2024-01-01,"unterminated', /not readable as CSV/],
  ])('names the row and the problem: %j', (text, message) => {
    expect(() => parseCashFlowsCsv(text)).toThrow(SeriesCsvError);
    expect(() => parseCashFlowsCsv(text)).toThrow(message);
  });

  it('reads date,revenue[,paid] with an optional paid column', () => {
    expect(parseRevenueCsv('date,revenue,paid\n2024-02-01,1000,600\n2024-03-01,800,')).toEqual([
      { dueDate: '2024-02-01', revenue: 1_000_000_000n, paid: 600_000_000n },
      { dueDate: '2024-03-01', revenue: 800_000_000n, paid: null },
    ]);
    expect(() => parseRevenueCsv('2024-02-01')).toThrow(/expected 2 to 3 columns/);
  });
});
