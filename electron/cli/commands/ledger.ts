import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { parseUnits } from '../../contract/money';
import { revenueShareTerms, scheduleTerms, type RevenueSeriesRow } from '../../contract/schemas/facilities';
import { toRevenueShareJson, toScheduleJson, type RevenueShareJson, type ScheduleJson } from '../../core/ledger/calculator-json';
import { formatIsoDate, parseIsoDate } from '../../core/ledger/civil-date';
import { PaymentRefusedError } from '../../core/ledger/payments';
import { defaultStartDate, previewRevenueShare } from '../../core/ledger/revenue-share-preview';
import { previewSchedule } from '../../core/ledger/schedule-preview';
import { parseCashFlowsCsv, parseRevenueCsv, SeriesCsvError } from '../../core/ledger/series-csv';
import { InvalidTermsError, type TermsIssue } from '../../core/ledger/terms-validation';
import { formatRate, xirr } from '../../core/ledger/xirr';
import type { GlobalOptions } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine } from '../output';

export interface LedgerCommandHelpers {
  globals: () => GlobalOptions;
  setExitCode: (code: number) => void;
}

interface ScheduleFlags {
  principal: string;
  rate: string;
  periods: string;
  frequency: string;
  type: string;
  balloon?: string;
  start: string;
  firstDue?: string;
  dayCount: string;
}

interface RevenueShareFlags {
  principal: string;
  share: string;
  multiple: string;
  revenue: string;
  tailShare?: string;
  minimum?: string;
  term?: string;
  atTermCap?: string;
  start?: string;
}

/** The flag each terms field comes from, so a message names what the user typed. */
const FLAG_OF: Record<string, string> = {
  principal: '--principal',
  annualRatePct: '--rate',
  periods: '--periods',
  frequency: '--frequency',
  amortization: '--type',
  balloon: '--balloon',
  startDate: '--start',
  firstDueDate: '--first-due',
  dayCount: '--day-count',
  sharePct: '--share',
  targetMultiple: '--multiple',
  tailSharePct: '--tail-share',
  minimumPayment: '--minimum',
  termMonths: '--term',
  atTermCap: '--at-term-cap',
  revenue: '--revenue',
};

function flagOf(path: string): string {
  const field = path.replace(/^terms\./, '').split('.')[0]!;
  return FLAG_OF[field] ?? field;
}

function usage(issues: TermsIssue[]): CliError {
  return new CliError(issues.map((issue) => `${flagOf(issue.path)}: ${issue.message}`).join('; '), EXIT.usage);
}

/** An amount flag ("250000", "250000.50") to micro-units as the contract's decimal string. */
function amountFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseUnits(value).toString();
  } catch {
    throw new CliError(`${flag}: "${value}" is not an amount (digits and at most 6 decimals, e.g. 250000.50)`, EXIT.usage);
  }
}

function integerFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new CliError(`${flag}: "${value}" is not a whole number`, EXIT.usage);
  return Number(value);
}

/** Decodes flags through the API's own schema, so the CLI and the API accept the same terms. */
function decodeTerms<S extends z.ZodType>(schema: S, wire: Record<string, unknown>): z.output<S> {
  const parsed = z.safeDecode(schema, Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined)) as z.input<S>);
  if (!parsed.success) throw usage(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
  return parsed.data;
}

/** Runs an engine call, turning refused terms and unreadable files into usage errors (exit 2). */
function orUsageError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InvalidTermsError) throw usage(error.issues);
    if (error instanceof SeriesCsvError || error instanceof PaymentRefusedError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

function readInputFile(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT.usage);
  }
}

/** A plain-text table: right-aligned numbers, left-aligned text. */
function printTable(header: string[], rows: string[][], numeric: boolean[]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  printLine(line(header));
  printLine(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) printLine(line(row));
}

function printScheduleTable(json: ScheduleJson): void {
  const rows = json.installments.map((line) => [String(line.n), line.dueDate, line.payment, line.interest, line.principal, line.balance]);
  rows.push(['', 'total', json.totals.payment, json.totals.interest, json.totals.principal, '']);
  printTable(['#', 'due date', 'payment', 'interest', 'principal', 'balance'], rows, [true, false, true, true, true, true]);
}

function printRevenueShareTable(json: RevenueShareJson): void {
  printLine(`${json.mode}, from ${json.startDate}: target ${json.target}`);
  const rows = json.periods.map((period) => [String(period.n), period.dueDate, period.revenue ?? '', period.phase, period.due, period.carriedIn, period.payment, period.principal, period.return, period.owed, period.kind === 'term-cap' ? (period.forgiven !== '0.00' ? `term cap, forgiven ${period.forgiven}` : 'term cap') : period.status]);
  rows.push(['', 'total', json.totals.revenue, '', '', '', json.totals.payment, json.totals.principal, json.totals.return, '', '']);
  printTable(['#', 'due date', 'revenue', 'phase', 'due', 'carried in', 'payment', 'principal', 'return', 'owed', 'status'], rows, [true, false, true, false, true, true, true, true, true, true, false]);
  const { position } = json;
  printLine();
  printLine(`paid ${position.paid} = principal ${position.principalRecovered} + return ${position.returnReceived}; outstanding principal ${position.outstandingPrincipal}; target left ${position.remainingTarget}`);
  if (position.targetReachedOn) printLine(`target reached on ${position.targetReachedOn}`);
  if (position.forgiven) printLine(`forgiven at the term cap: principal ${position.forgiven.principal}, return ${position.forgiven.return}`);
  printLine(`lender XIRR: ${json.lenderXirr ?? 'none'}`);
}

function scheduleCommand(flags: ScheduleFlags, json: boolean): void {
  const terms = decodeTerms(scheduleTerms, {
    principal: amountFlag(flags.principal, '--principal'),
    annualRatePct: flags.rate,
    periods: integerFlag(flags.periods, '--periods'),
    frequency: flags.frequency,
    amortization: flags.type,
    balloon: amountFlag(flags.balloon, '--balloon'),
    startDate: flags.start,
    firstDueDate: flags.firstDue,
    dayCount: flags.dayCount,
  });
  const document = toScheduleJson(orUsageError(() => previewSchedule(terms)));
  if (json) printJson(document);
  else printScheduleTable(document);
}

function xirrCommand(flags: { flows: string }, json: boolean, setExitCode: (code: number) => void): void {
  const flows = orUsageError(() => parseCashFlowsCsv(readInputFile(flags.flows, '--flows')));
  const result = xirr(flows);
  if (!result.ok) {
    process.stderr.write(`sietch: ${result.reason}\n`);
    if (json) printJson({ xirr: null, error: result.reason });
    setExitCode(EXIT.verificationFailed);
    return;
  }
  const rate = formatRate(result.rate);
  if (json) printJson({ xirr: rate });
  else printLine(`XIRR ${rate} (${(result.rate * 100).toFixed(4)} % a year) over ${flows.length} flows from ${flows[0]!.date}`);
  setExitCode(EXIT.ok);
}

function revenueShareCommand(flags: RevenueShareFlags, json: boolean): void {
  const rows: RevenueSeriesRow[] = orUsageError(() => parseRevenueCsv(readInputFile(flags.revenue, '--revenue')));
  if (rows.length === 0) throw new CliError('--revenue: the file has no revenue rows', EXIT.usage);
  const startDate = flags.start ?? formatIsoDate(defaultStartDate(parseIsoDate(rows[0]!.dueDate)));
  const terms = decodeTerms(revenueShareTerms, {
    structure: 'revenue-share',
    principal: amountFlag(flags.principal, '--principal'),
    startDate,
    sharePct: flags.share,
    targetMultiple: flags.multiple,
    tailSharePct: flags.tailShare,
    minimumPayment: amountFlag(flags.minimum, '--minimum'),
    termMonths: integerFlag(flags.term, '--term') ?? rows.length,
    atTermCap: flags.atTermCap,
  });
  const document = toRevenueShareJson(startDate, orUsageError(() => previewRevenueShare(terms, rows)));
  if (json) printJson(document);
  else printRevenueShareTable(document);
}

/**
 * `sietch ledger …`: calculators for analysts. They read flags and files only — no data
 * directory, no lock, no database — so they run anywhere, even beside a running node.
 */
export function registerLedgerCommands(program: Command, helpers: LedgerCommandHelpers): Command {
  const ledger = program.command('ledger').description('financing calculators: repayment schedules, XIRR, revenue-share projections (no data directory needed)');
  const json = () => Boolean(helpers.globals().json);

  ledger
    .command('schedule')
    .description('a fixed-rate repayment schedule, each line rounded half-even to the cent; the last line absorbs rounding')
    .requiredOption('--principal <amount>', 'amount advanced, e.g. 250000 or 250000.50')
    .requiredOption('--rate <pct>', 'annual rate in percent: 12.5 means 12.5 % a year (0 allowed)')
    .requiredOption('--periods <n>', 'number of installments')
    .addOption(new Option('--frequency <frequency>', 'installment frequency').choices(['monthly', 'quarterly']).makeOptionMandatory())
    .addOption(new Option('--type <type>', 'amortization').choices(['annuity', 'equal-principal', 'interest-only', 'bullet']).makeOptionMandatory())
    .option('--balloon <amount>', 'principal left for the last installment (annuity, equal-principal)')
    .requiredOption('--start <date>', 'disbursement date YYYY-MM-DD; the first due date is one period later')
    .option('--first-due <date>', 'a stub: the first due date, up to two periods after the start')
    .addOption(new Option('--day-count <convention>', 'day count of each period').choices(['30/360', 'ACT/360', 'ACT/365F', 'ACT/ACT']).makeOptionMandatory())
    .action((flags: ScheduleFlags) => {
      scheduleCommand(flags, json());
      helpers.setExitCode(EXIT.ok);
    });

  ledger
    .command('xirr')
    .description('the annual rate (a fraction, 10 decimals) that discounts dated cash flows to zero; exit 1 when there is none')
    .requiredOption('--flows <file>', 'CSV of date,amount rows (header optional; outflows negative; the first row starts the clock)')
    .action((flags: { flows: string }) => xirrCommand(flags, json(), helpers.setExitCode));

  ledger
    .command('revenue-share')
    .description('project or replay a revenue-share facility against a monthly revenue series')
    .requiredOption('--principal <amount>', 'amount advanced')
    .requiredOption('--share <pct>', "lender's share of gross revenue in percent, paid first (e.g. 60)")
    .requiredOption('--multiple <x>', 'target multiple of the principal (e.g. 1.25)')
    .requiredOption('--revenue <file>', 'CSV of date,revenue[,paid] rows, one per month, dated at the end of the period (header optional); a paid column replays actual payments')
    .option('--tail-share <pct>', 'share after the target is reached, for the rest of the term (default 0: payments stop)')
    .option('--minimum <amount>', 'minimum due each period until the target; what is not paid is carried forward')
    .option('--term <months>', 'term cap in months (default: the number of rows)')
    .addOption(new Option('--at-term-cap <rule>', 'at the term cap the rest of the target falls due, or is forgiven (default due)').choices(['due', 'forgiven']))
    .option('--start <date>', 'disbursement date (default: one month before the first row)')
    .action((flags: RevenueShareFlags) => {
      revenueShareCommand(flags, json());
      helpers.setExitCode(EXIT.ok);
    });

  return ledger;
}
