import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUnits } from '../../electron/contract/money';
import { previewSchedule } from '../../electron/core/ledger/schedule-preview';
import { runLedgerCli } from '../support/ledger-cli';
import { dateFormula, evaluateSheet, lazySheet } from '../support/spreadsheet';
import { useTempDirs } from '../support/temp-dir';

// `sietch ledger xirr` against the spreadsheet's XIRR on the same flows: within 1e-8 relative
// (1e-10 absolute near zero). The rate search is floating point by design; amounts are not.

const tempDir = useTempDirs();

type Flows = [date: string, amount: string][];

function lenderFlows(terms: Parameters<typeof previewSchedule>[0]): Flows {
  const schedule = previewSchedule(terms);
  return [[terms.startDate, `-${formatUnits(terms.principal)}`], ...schedule.installments.map((line): [string, string] => [line.dueDate, formatUnits(line.payment)])];
}

const base = { balloon: 0n, firstDueDate: null } as const;
const FLOW_SETS: [string, Flows][] = [
  ['three flows, a year', [['2024-01-01', '-1000'], ['2024-07-01', '500'], ['2025-01-01', '600']]],
  ['a 12 % annuity, 30/360, monthly for a year', lenderFlows({ ...base, principal: 100_000_000_000n, annualRatePct: '12', periods: 12, frequency: 'monthly', amortization: 'annuity', startDate: '2024-01-31', dayCount: '30/360' })],
  ['a 30-year 6.875 % mortgage-like annuity', lenderFlows({ ...base, principal: 350_000_000_000n, annualRatePct: '6.875', periods: 360, frequency: 'monthly', amortization: 'annuity', startDate: '2024-01-15', dayCount: '30/360' })],
  ['an equal-principal quarterly ACT/ACT facility', lenderFlows({ ...base, principal: 2_500_000_000_000n, annualRatePct: '9.25', periods: 20, frequency: 'quarterly', amortization: 'equal-principal', startDate: '2023-12-31', dayCount: 'ACT/ACT' })],
  ['a 0 % loan (XIRR 0)', lenderFlows({ ...base, principal: 12_000_000_000n, annualRatePct: '0', periods: 12, frequency: 'monthly', amortization: 'annuity', startDate: '2024-03-15', dayCount: 'ACT/365F' })],
  ['a bullet over five years', lenderFlows({ ...base, principal: 1_000_000_000_000n, annualRatePct: '7', periods: 60, frequency: 'monthly', amortization: 'bullet', startDate: '2024-02-29', dayCount: 'ACT/ACT' })],
  ['a loss: 80 % back after two years', [['2023-05-01', '-500000'], ['2024-05-01', '200000'], ['2025-05-01', '200000']]],
  ['a 300 % a year return', [['2024-01-01', '-100'], ['2024-04-01', '50'], ['2024-07-01', '50'], ['2024-10-01', '100'], ['2025-01-01', '200']]],
  ['irregular dates and two outflows', [['2022-03-14', '-250000.50'], ['2022-09-30', '-100000'], ['2023-01-17', '40000.25'], ['2023-08-02', '120000'], ['2024-02-29', '95000.75'], ['2024-12-31', '160000']]],
  ['micro-unit amounts', [['2024-01-01', '-0.000001'], ['2025-01-01', '0.000002']]],
];

const rowOf = new Map<string, number>();
const values = lazySheet(() => {
  const rows: string[][] = [];
  for (const [name, flows] of FLOW_SETS) {
    const first = rows.length + 1;
    rowOf.set(name, first - 1);
    flows.forEach(([date, amount], index) => rows.push([`=${dateFormula(date)}`, amount, index === 0 ? `=XIRR(B${first}:B${first + flows.length - 1},A${first}:A${first + flows.length - 1})` : '']));
  }
  return rows;
});

describe('sietch ledger xirr matches the spreadsheet XIRR', () => {
  it.each(FLOW_SETS)('%s', async (name, flows) => {
    const file = join(tempDir(), 'flows.csv');
    writeFileSync(file, ['date,amount', ...flows.map(([date, amount]) => `${date},${amount}`)].join('\n'));
    const run = await runLedgerCli(['ledger', 'xirr', '--flows', file, '--json']);
    expect(run.exitCode).toBe(0);
    const ours = JSON.parse(run.stdout) as { xirr: string };
    expect(ours.xirr).toMatch(/^-?\d+\.\d{10}$/);
    const sheet = Number(values()[rowOf.get(name)!]![2]);
    expect(Number.isFinite(sheet)).toBe(true);
    // Our printed value carries 10 decimals: compare within that, and 1e-8 relative of the unrounded rate.
    expect(Math.abs(Number(ours.xirr) - sheet)).toBeLessThanOrEqual(Math.max(1e-8 * Math.abs(sheet), 0.5e-10 + 1e-12));
  });

  it('flows without a sign change have no XIRR: exit 1 with the reason, as the spreadsheet errors', async () => {
    const sheet = evaluateSheet([['=DATE(2024,1,1)', '100', '=XIRR(B1:B2,A1:A2)'], ['=DATE(2025,1,1)', '200', '']]);
    expect(sheet[0]![2]).toMatch(/^#/);
    const file = join(tempDir(), 'flows.csv');
    writeFileSync(file, '2024-01-01,100\n2025-01-01,200\n');
    const run = await runLedgerCli(['ledger', 'xirr', '--flows', file, '--json']);
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ xirr: null, error: expect.stringMatching(/negative.*positive/) });
    expect(run.stderr).toMatch(/^sietch: XIRR needs at least one negative/);
  });
});
