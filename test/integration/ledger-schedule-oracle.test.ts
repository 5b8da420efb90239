import { describe, expect, it } from 'vitest';
import { days360 } from '../../electron/core/ledger/day-count';
import { addMonthsClamped, dayFromCivil, daysInMonth, formatIsoDate, parseIsoDate } from '../../electron/core/ledger/civil-date';
import { runLedgerCli } from '../support/ledger-cli';
import { cliArgs, readScheduleSheet, scheduleSheet, toCents, worstNumerator, type OracleLine, type ScheduleScenario } from '../support/schedule-oracle';
import { dateFormula, evaluateSheet, lazySheet } from '../support/spreadsheet';
import { seededRandom } from '../support/seeded-random';

// `sietch ledger schedule --json` against schedules a spreadsheet (Gnumeric) computes row by
// row with the same rules, every line to the cent. See docs/finance.md, "How the schedules are checked".


const TYPES = ['annuity', 'equal-principal', 'interest-only', 'bullet'] as const;
const DAY_COUNTS = ['30/360', 'ACT/360', 'ACT/365F', 'ACT/ACT'] as const;
const FREQUENCIES = ['monthly', 'quarterly'] as const;
const PRINCIPALS = ['1000.00', '12345.67', '99999.99', '250000', '1000000', '4750000.50'];
const RATES = ['0', '0.5', '5', '7.25', '12.5', '19.99', '36'];
const STARTS = ['2024-01-31', '2024-02-29', '2023-08-31', '2025-12-31', '2024-03-15', '2023-11-30', '2026-06-01'];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** Every type × day count × frequency, four variants each, plus the edges named one by one. */
function scenarios(): [string, ScheduleScenario][] {
  const next = seededRandom(20261124);
  const list: [string, ScheduleScenario][] = [];
  for (const type of TYPES) {
    for (const dayCount of DAY_COUNTS) {
      for (const frequency of FREQUENCIES) {
        for (let variant = 0; variant < 4; variant += 1) {
          const periods = pick(next, frequency === 'monthly' ? [1, 2, 6, 12, 24, 36, 60, 120] : [1, 2, 4, 8, 12, 20]);
          const start = pick(next, STARTS);
          const months = frequency === 'monthly' ? 1 : 3;
          let firstDue: string | undefined;
          if (variant === 3) {
            // A stub: between a week after the start and two periods after it.
            const latest = addMonthsClamped(parseIsoDate(start), 2 * months);
            firstDue = formatIsoDate(parseIsoDate(start) + 7 + Math.floor(next() * (latest - parseIsoDate(start) - 7)));
          }
          const scenario: ScheduleScenario = { principal: pick(next, PRINCIPALS), rate: pick(next, RATES), periods, frequency, type, start, dayCount, ...(firstDue ? { firstDue } : {}) };
          while (worstNumerator(scenario) >= 2n ** 53n) scenario.principal = pick(next, PRINCIPALS.slice(0, 3));
          if ((type === 'annuity' || type === 'equal-principal') && variant === 2) scenario.balloon = (Number(toCents(scenario.principal) / 4n) / 100).toFixed(2);
          list.push([`${type} ${dayCount} ${frequency} #${variant}: ${scenario.principal} at ${scenario.rate} %, ${periods} periods from ${start}${firstDue ? `, first due ${firstDue}` : ''}${scenario.balloon ? `, balloon ${scenario.balloon}` : ''}`, scenario]);
        }
      }
    }
  }
  const edge = (name: string, scenario: ScheduleScenario) => list.push([name, scenario]);
  for (const type of TYPES) edge(`0 % ${type}: principal split exactly, no interest`, { principal: '1000.05', rate: '0', periods: 7, frequency: 'monthly', type, start: '2024-01-31', dayCount: 'ACT/365F' });
  edge('0 % annuity with a tie at half a cent (1000.05 / 2 → 500.02 and 500.03)', { principal: '1000.05', rate: '0', periods: 2, frequency: 'monthly', type: 'annuity', start: '2024-05-10', dayCount: '30/360' });
  edge('30-year mortgage-like annuity, 30/360', { principal: '350000', rate: '6.875', periods: 360, frequency: 'monthly', type: 'annuity', start: '2024-01-15', dayCount: '30/360' });
  edge('ACT/360 long annuity (31-day months exceed the level payment: negative principal)', { principal: '100000', rate: '36', periods: 240, frequency: 'monthly', type: 'annuity', start: '2024-01-31', dayCount: 'ACT/360' });
  edge('annuity with a large balloon', { principal: '500000', rate: '9', periods: 36, frequency: 'monthly', type: 'annuity', balloon: '300000', start: '2025-02-28', dayCount: 'ACT/ACT' });
  edge('equal principal with a balloon, quarterly', { principal: '120000', rate: '8', periods: 8, frequency: 'quarterly', type: 'equal-principal', balloon: '40000.01', start: '2024-11-30', dayCount: 'ACT/365F' });
  edge('short stub (10 days), ACT/ACT across the new year', { principal: '75000', rate: '11', periods: 12, frequency: 'monthly', type: 'annuity', start: '2024-12-22', firstDue: '2025-01-01', dayCount: 'ACT/ACT' });
  edge('long stub (two quarters), 30/360 from a month end', { principal: '200000', rate: '10', periods: 6, frequency: 'quarterly', type: 'interest-only', start: '2024-08-31', firstDue: '2025-02-28', dayCount: '30/360' });
  edge('bullet over ten years, ACT/ACT through leap years', { principal: '100000', rate: '4.5', periods: 40, frequency: 'quarterly', type: 'bullet', start: '2023-02-28', dayCount: 'ACT/ACT' });
  edge('bullet 30/360 from Feb 29', { principal: '50000', rate: '12', periods: 12, frequency: 'monthly', type: 'bullet', start: '2024-02-29', dayCount: '30/360' });
  edge('one period only', { principal: '1000', rate: '12', periods: 1, frequency: 'monthly', type: 'annuity', start: '2024-01-31', dayCount: 'ACT/360' });
  edge('large principal, 30/360', { principal: '25000000', rate: '8', periods: 60, frequency: 'monthly', type: 'annuity', start: '2024-06-30', dayCount: '30/360' });
  return list;
}

const SCENARIOS = scenarios();
const sheetRows: string[][] = [];
const firstRowOf = new Map<string, number>();
for (const [name, scenario] of SCENARIOS) {
  firstRowOf.set(name, sheetRows.length + 1);
  sheetRows.push(...scheduleSheet(scenario, sheetRows.length + 1, name.slice(0, 40)));
}

const values = lazySheet(() => sheetRows);

describe('sietch ledger schedule matches the spreadsheet oracle line by line', () => {
  it(`covers ${SCENARIOS.length} schedules: every type, day count and frequency, rates from 0 %, balloons and stubs`, () => {
    const covered = (pick: (scenario: ScheduleScenario) => string) => new Set(SCENARIOS.map(([, scenario]) => pick(scenario)));
    expect(covered((s) => s.type)).toEqual(new Set(TYPES));
    expect(covered((s) => s.dayCount)).toEqual(new Set(DAY_COUNTS));
    expect(covered((s) => s.frequency)).toEqual(new Set(FREQUENCIES));
    expect(covered((s) => s.rate)).toContain('0');
    expect(SCENARIOS.filter(([, s]) => s.firstDue).length).toBeGreaterThan(30);
    expect(SCENARIOS.filter(([, s]) => s.balloon).length).toBeGreaterThan(10);
  });

  it.each(SCENARIOS)('%s', async (name, scenario) => {
    const run = await runLedgerCli(cliArgs(scenario));
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const document = JSON.parse(run.stdout) as { installments: Record<string, string | number>[]; totals: Record<string, string> };
    const expected = readScheduleSheet(values(), firstRowOf.get(name)!, scenario.type === 'bullet' ? 1 : scenario.periods);
    const cents = (micro: bigint) => `${micro < 0n ? '-' : ''}${(micro < 0n ? -micro : micro) / 1_000_000n}.${(((micro < 0n ? -micro : micro) / 10_000n) % 100n).toString().padStart(2, '0')}`;
    const asJson = (line: OracleLine) => ({ n: line.n, dueDate: line.dueDate, payment: cents(line.payment), interest: cents(line.interest), principal: cents(line.principal), balance: cents(line.balance) });
    expect(document.installments).toEqual(expected.map(asJson));
    const sum = (pick: (line: OracleLine) => bigint) => cents(expected.reduce((total, line) => total + pick(line), 0n));
    expect(document.totals).toEqual({ payment: sum((l) => l.payment), interest: sum((l) => l.interest), principal: sum((l) => l.principal) });
    expect(document.totals.principal).toBe(cents(toCents(scenario.principal) * 10_000n));
  });
});

describe('30/360 is DAYS360(start, end, FALSE) exactly', () => {
  it('on every pair of month-end and mid-month dates less than 800 days apart, 2023-2026', () => {
    const dates: string[] = [];
    for (let year = 2023; year <= 2026; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        for (const day of [1, 15, 27, 28, 29, 30, 31]) if (day <= daysInMonth(year, month)) dates.push(formatIsoDate(dayFromCivil({ year, month, day })));
      }
    }
    const unique = dates.sort();
    const pairs: [string, string][] = [];
    for (const from of unique) for (const to of unique) if (to >= from && parseIsoDate(to) - parseIsoDate(from) < 800) pairs.push([from, to]);
    const sheet = evaluateSheet(pairs.map(([from, to]) => [`=DAYS360(${dateFormula(from)},${dateFormula(to)},FALSE)`]));
    const mismatches = pairs.filter(([from, to], index) => days360(parseIsoDate(from), parseIsoDate(to)) !== Number(sheet[index]![0]));
    expect(pairs.length).toBe(38_211);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
