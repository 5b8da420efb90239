import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLedgerCli } from '../support/ledger-cli';
import { useTempDirs } from '../support/temp-dir';

// The `sietch ledger` calculators as commander runs them (in process: program.ts wires them in
// the same way), with their documented JSON shapes, tables and exit codes.

const tempDir = useTempDirs();

function file(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

const SCHEDULE = ['ledger', 'schedule', '--principal', '1200', '--rate', '12', '--periods', '3', '--frequency', 'monthly', '--type', 'equal-principal', '--start', '2024-01-15', '--day-count', '30/360'];

describe('sietch ledger schedule', () => {
  it('--json prints exactly the documented document, amounts with 2 decimals', async () => {
    const run = await runLedgerCli([...SCHEDULE, '--json']);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({
      installments: [
        { n: 1, dueDate: '2024-02-15', payment: '412.00', interest: '12.00', principal: '400.00', balance: '800.00' },
        { n: 2, dueDate: '2024-03-15', payment: '408.00', interest: '8.00', principal: '400.00', balance: '400.00' },
        { n: 3, dueDate: '2024-04-15', payment: '404.00', interest: '4.00', principal: '400.00', balance: '0.00' },
      ],
      totals: { payment: '1224.00', interest: '24.00', principal: '1200.00' },
    });
  });

  it('prints a table without --json', async () => {
    const run = await runLedgerCli(SCHEDULE);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#\s+due date\s+payment\s+interest\s+principal\s+balance$/);
    expect(lines[2]).toMatch(/^1\s+2024-02-15\s+412\.00\s+12\.00\s+400\.00\s+800\.00$/);
    expect(lines.at(-1)).toMatch(/total\s+1224\.00\s+24\.00\s+1200\.00$/);
  });

  it('takes a balloon and a stub first due date', async () => {
    const run = await runLedgerCli(['ledger', 'schedule', '--principal', '10000', '--rate', '6', '--periods', '4', '--frequency', 'quarterly', '--type', 'annuity', '--balloon', '4000', '--start', '2024-01-10', '--first-due', '2024-05-01', '--day-count', 'ACT/365F', '--json']);
    expect(run.exitCode).toBe(0);
    const { installments } = JSON.parse(run.stdout);
    expect(installments.map((line: { dueDate: string }) => line.dueDate)).toEqual(['2024-05-01', '2024-08-01', '2024-11-01', '2025-02-01']);
    expect(Number(installments[3].principal)).toBeGreaterThan(4000);
  });

  it.each([
    [['--rate', '12,5'], /--rate: a percentage/],
    [['--rate', '-1'], /--rate/],
    [['--periods', '0'], /--periods/],
    [['--periods', 'twelve'], /--periods: "twelve" is not a whole number/],
    [['--principal', '1200.001'], /--principal: the principal must be a whole number of cents/],
    [['--principal', '12e3'], /--principal: "12e3" is not an amount/],
    [['--start', '2024-02-30'], /--start/],
    [['--balloon', '100', '--type', 'bullet'], /--balloon: a balloon applies to annuity and equal-principal/],
    [['--first-due', '2024-06-01'], /--first-due: a stub first period may be at most two periods long/],
  ])('refuses %j with exit 2 and names the flag', async (override, message) => {
    const args = [...SCHEDULE];
    for (let index = 0; index < override.length; index += 2) {
      const at = args.indexOf(override[index]!);
      if (at >= 0) args[at + 1] = override[index + 1]!;
      else args.push(override[index]!, override[index + 1]!);
    }
    const run = await runLedgerCli(args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('refuses a missing flag or an unknown choice with exit 2 (commander)', async () => {
    expect((await runLedgerCli(SCHEDULE.filter((arg) => arg !== '--rate' && arg !== '12'))).exitCode).toBe(2);
    const badChoice = await runLedgerCli(SCHEDULE.map((arg) => (arg === 'monthly' ? 'weekly' : arg)));
    expect(badChoice.exitCode).toBe(2);
    expect(badChoice.stderr).toMatch(/weekly.*is invalid/);
  });
});

describe('sietch ledger xirr', () => {
  it('reads date,amount rows with or without a header and prints 10 decimals', async () => {
    const withHeader = await runLedgerCli(['ledger', 'xirr', '--flows', file('flows.csv', 'date,amount\n2024-01-01,-1000\n2024-07-01,500\n2025-01-01,600\n'), '--json']);
    expect(withHeader).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(withHeader.stdout)).toEqual({ xirr: '0.1318224386' });
    const plain = await runLedgerCli(['ledger', 'xirr', '--flows', file('flows.csv', '2024-01-01,-1000\n2024-07-01,500\n2025-01-01,600')]);
    expect(plain.stdout).toMatch(/^XIRR 0\.1318224386 \(13\.1822 % a year\) over 3 flows from 2024-01-01/);
  });

  it('no root: exit 1 with the reason on stderr', async () => {
    const run = await runLedgerCli(['ledger', 'xirr', '--flows', file('flows.csv', '2024-01-01,-1000\n2025-01-01,-5\n')]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^sietch: XIRR needs at least one negative \(outflow\) and one positive \(inflow\) amount/);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['a missing file', () => join(tempDir(), 'nope.csv'), /--flows: cannot read .*nope\.csv: ENOENT/],
    ['a bad row', () => file('flows.csv', '2024-01-01,-1000\n2024-13-01,5\n'), /cash flows, row 2: "2024-13-01" is not a date/],
    ['a bad amount', () => file('flows.csv', '2024-01-01,-1000\n2024-02-01,5 USD\n'), /row 2: amount "5 USD" is not an amount/],
  ])('%s is a usage error (exit 2)', async (_name, path, message) => {
    const run = await runLedgerCli(['ledger', 'xirr', '--flows', path()]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('sietch ledger revenue-share', () => {
  const REVENUE = 'date,revenue\n2024-02-01,10000\n2024-03-01,20000\n2024-04-01,5000\n2024-05-01,40000\n2024-06-01,40000\n2024-07-01,40000\n';

  it('projects: paid first out of revenue, up to the target multiple, the minimum carried forward', async () => {
    const run = await runLedgerCli(['ledger', 'revenue-share', '--principal', '30000', '--share', '60', '--multiple', '1.25', '--minimum', '8000', '--revenue', file('revenue.csv', REVENUE), '--json']);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['mode', 'startDate', 'target', 'periods', 'totals', 'position', 'lenderXirr']);
    expect(json).toMatchObject({ mode: 'projection', startDate: '2024-01-01', target: '37500.00', totals: { revenue: '155000.00', payment: '37500.00', principal: '30000.00', return: '7500.00' } });
    expect(json.periods.map((period: Record<string, string>) => [period.dueDate, period.due, period.carriedIn, period.payment, period.principal, period.return, period.status])).toEqual([
      ['2024-02-01', '8000.00', '0.00', '8000.00', '6400.00', '1600.00', 'paid'],
      ['2024-03-01', '12000.00', '0.00', '12000.00', '9600.00', '2400.00', 'paid'],
      ['2024-04-01', '8000.00', '0.00', '5000.00', '4000.00', '1000.00', 'late'],
      ['2024-05-01', '9500.00', '3000.00', '12500.00', '10000.00', '2500.00', 'paid'],
      ['2024-06-01', '0.00', '0.00', '0.00', '0.00', '0.00', 'paid'],
      ['2024-07-01', '0.00', '0.00', '0.00', '0.00', '0.00', 'paid'],
    ]);
    expect(json.position).toEqual({ paid: '37500.00', principalRecovered: '30000.00', returnReceived: '7500.00', outstandingPrincipal: '0.00', remainingTarget: '0.00', targetReachedOn: '2024-05-01', forgiven: null });
    expect(json.lenderXirr).toMatch(/^\d+\.\d{10}$/);
  });

  it('replays a paid column and the term cap, as a table', async () => {
    const run = await runLedgerCli(['ledger', 'revenue-share', '--principal', '30000', '--share', '60', '--multiple', '1.25', '--at-term-cap', 'forgiven', '--start', '2024-01-01', '--revenue', file('revenue.csv', '2024-02-01,5000,3000\n2024-03-01,5000,3000\n')]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^replay, from 2024-01-01: target 37500\.00/);
    expect(run.stdout).toMatch(/term cap, forgiven 31500\.00/);
    expect(run.stdout).toMatch(/forgiven at the term cap: principal 25200\.00, return 6300\.00/);
  });

  it.each([
    [['--share', '0'], /--share: the share must be more than 0 %/],
    [['--multiple', '0.9'], /--multiple: the target multiple must be at least 1/],
    [['--term', '1'], /the series has 6 periods but the term is 1 months/],
    [['--at-term-cap', 'later'], /later.*is invalid/],
  ])('refuses %j with exit 2', async (extra, message) => {
    const run = await runLedgerCli(['ledger', 'revenue-share', '--principal', '30000', '--share', '60', '--multiple', '1.25', '--revenue', file('revenue.csv', REVENUE), ...extra]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('needs no data directory: nothing is created', async () => {
    const dataDir = join(tempDir(), 'never-created');
    process.env.SIETCH_DATA_DIR = dataDir;
    try {
      expect((await runLedgerCli([...SCHEDULE, '--json'])).exitCode).toBe(0);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      delete process.env.SIETCH_DATA_DIR;
    }
  });
});
