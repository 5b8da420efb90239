import { ApiError } from '../../contract/errors';
import type { FacilityDetail } from '../../contract/schemas/facilities';
import type { AppraisalInput, AppraisalView, CostInput, CoveragePoint, CoverageView, EligibilityView, FinanceAlert, PeriodCloseResult, PledgeView, WaterfallPeriodView, WaterfallView } from '../../contract/schemas/collateral';
import type { ContractCreate, ContractView, CustomerPaymentView, InvoiceView, PaymentRecordInput, ReceivablesView } from '../../contract/schemas/customers';
import type { Db } from '../db/open';
import type { Journal } from '../journal/journal';
import { addMonthsClamped, formatIsoDate, parseIsoDate, todayUtc, type Day } from '../ledger/civil-date';
import { FacilityService, facilityEntity } from '../ledger/facility-service';
import { parseDecimal, parsePercent } from '../ledger/rational';
import { isWholeCents, roundToCent } from '../ledger/rounding';
import { cashByFacility, type CashLine } from './cash-by-facility';
import { CollateralBook, depreciationBetween } from './collateral-book';
import { conditionCounts } from './collateral-condition';
import { concentration, paymentHistories } from './customer-metrics';
import { agingTotals } from './aging';
import { facilityPeriods } from './facility-periods';
import { FinanceStore, type AlertRecord, type InvoiceRecord, type PaymentRecord, type StoredAppraisal } from './finance-store';
import { contractFigures, Receivables, type ReceivablesBook } from './receivables';
import { energyBetween, foldEpochUptime, uptimeBetween } from './uptime-fold';
import { runWaterfall } from './waterfall';

export interface FinanceServiceOptions {
  db: Db;
  journal: Journal;
  /** The node's grace for an unknown health state (config node.unknownGraceSeconds). */
  unknownGraceMs: number;
  today?: () => string;
  now?: () => Date;
  /** Told after a commit: which facilities changed, and that receivables/collateral changed. */
  onFacilitiesChanged?: (ids: string[]) => void;
  onChanged?: (scope: string) => void;
  onAlert?: (alert: FinanceAlert) => void;
}

/** An invoice open this many days past due raises an alert (once). */
export const OVERDUE_ALERT_DAYS = 30;
/** Points of coverage history: the month-ends since the facility started, at most this many. */
const HISTORY_POINTS = 36;

const invalid = (message: string, issues: { path: string; message: string }[]): ApiError => new ApiError('invalid-input', `${message}: ${issues.map((issue) => issue.message).join('; ')}`, issues);

export function toAlertView(alert: AlertRecord): FinanceAlert {
  return { id: alert.id, kind: alert.kind, subject: alert.subject, facilityId: alert.facilityId, asOf: alert.asOf, raisedAt: alert.raisedAt, message: alert.payload.message, figures: alert.payload.figures };
}

/** Month "2026-03" → its first day and the first day of the next month (exclusive end). */
export function monthBounds(month: string): { first: Day; next: Day } {
  const first = parseIsoDate(`${month}-01`);
  return { first, next: addMonthsClamped(first, 1) };
}

const money = (micro: bigint): string => {
  const negative = micro < 0n;
  const cents = (negative ? -micro : micro) / 10_000n;
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}.${(cents % 100n).toString().padStart(2, '0')}`;
};

/**
 * Customers, collateral and the waterfall: the service behind the finance.* methods. Writes
 * are one transaction with their journal row; every figure is replayed from the rows on read.
 */
export class FinanceService {
  readonly store: FinanceStore;
  readonly receivables: Receivables;
  readonly facilities: FacilityService;
  private readonly today: () => string;
  private readonly now: () => Date;

  constructor(private readonly options: FinanceServiceOptions) {
    this.store = new FinanceStore(options.db);
    this.today = options.today ?? (() => todayUtc());
    this.now = options.now ?? (() => new Date());
    this.receivables = new Receivables({ db: options.db, journal: options.journal, store: this.store, today: this.today, now: this.now });
    this.facilities = new FacilityService({ db: options.db, journal: options.journal, today: this.today, now: this.now, ...(options.onFacilitiesChanged ? { onChange: options.onFacilitiesChanged } : {}) });
  }

  private changed(scope: string): void {
    this.options.onChanged?.(scope);
  }

  todayText(): string {
    return this.today();
  }

  nowInstant(): Date {
    return this.now();
  }

  journalHead(): { length: number; head: string } {
    return this.options.journal.head();
  }

  assetExists(id: string): boolean {
    return this.options.db.prepare('SELECT 1 FROM assets WHERE id = ?').get(id) !== undefined;
  }

  /** Runs `work` in one transaction (an import: all rows or none). */
  transaction(work: () => void): void {
    this.options.db.transaction(work)();
  }

  notifyImported(table: string): void {
    this.changed(table);
  }

  collateralBook(): CollateralBook {
    return new CollateralBook(this.options.db, this.store, this.options.unknownGraceMs);
  }

  // ---- customers ------------------------------------------------------------------------

  createContract(input: ContractCreate): ContractView {
    const record = this.receivables.createContract(input);
    this.changed('contracts');
    return this.contractView(this.receivables.book(this.today()), record.id);
  }

  private contractView(book: ReceivablesBook, id: string): ContractView {
    const contract = book.contracts.find((candidate) => candidate.id === id);
    if (!contract) throw new ApiError('not-found', `no contract "${id}"`);
    const figures = contractFigures(book, contract);
    return { ...contract, units: contract.assetIds.length, ...figures };
  }

  listContracts(asOf?: string): { asOf: string; contracts: ContractView[] } {
    const day = asOf ?? this.today();
    const book = this.receivables.book(day);
    return { asOf: day, contracts: book.contracts.map((contract) => this.contractView(book, contract.id)) };
  }

  generateInvoices(through?: string): { created: number; invoices: InvoiceView[] } {
    const day = through ?? this.today();
    const created = this.receivables.generateInvoices(day);
    if (created.length > 0) this.changed('invoices');
    const book = this.receivables.book(day);
    return { created: created.length, invoices: created.map((invoice) => invoiceView(book, invoice)) };
  }

  listInvoices(input: { asOf?: string | undefined; customer?: string | undefined; contractId?: string | undefined }): { asOf: string; invoices: InvoiceView[]; aging: ReturnType<typeof agingTotals> } {
    const day = input.asOf ?? this.today();
    const book = this.receivables.book(day);
    const invoices = book.invoices.filter((invoice) => book.positions.has(invoice.id) && (input.customer === undefined || invoice.customer === input.customer) && (input.contractId === undefined || invoice.contractId === input.contractId));
    const positions = invoices.map((invoice) => book.positions.get(invoice.id)!);
    return { asOf: day, invoices: invoices.map((invoice) => invoiceView(book, invoice)), aging: agingTotals(positions) };
  }

  recordPayment(input: PaymentRecordInput): CustomerPaymentView {
    const payment = this.receivables.recordPayment(input);
    this.changed('payments');
    const day = input.date > this.today() ? input.date : this.today();
    return paymentView(this.receivables.book(day), payment);
  }

  listPayments(input: { asOf?: string | undefined; customer?: string | undefined }): { asOf: string; payments: CustomerPaymentView[] } {
    const day = input.asOf ?? this.today();
    const book = this.receivables.book(day);
    return { asOf: day, payments: book.payments.filter((payment) => input.customer === undefined || payment.customer === input.customer).map((payment) => paymentView(book, payment)) };
  }

  receivablesView(asOf?: string): ReceivablesView {
    const day = asOf ?? this.today();
    return receivablesOf(this.receivables.book(day), day);
  }

  // ---- collateral -----------------------------------------------------------------------

  appraise(input: AppraisalInput): AppraisalView {
    const { db } = this.options;
    const issues: { path: string; message: string }[] = [];
    if (db.prepare('SELECT 1 FROM assets WHERE id = ?').get(input.assetId) === undefined) issues.push({ path: 'assetId', message: `no asset "${input.assetId}" in the register` });
    issues.push(...appraisalProblems(input));
    if (issues.length > 0) throw invalid('the appraisal cannot be saved', issues);
    const view = db.transaction(() => this.insertAppraisal(input))();
    this.changed('collateral');
    return view;
  }

  /** Inside the caller's transaction, after the checks. */
  insertAppraisal(input: AppraisalInput): AppraisalView {
    const stored: Omit<StoredAppraisal, 'id'> = { ...input, lifeMonths: input.method === 'straight-line' ? input.lifeMonths : null, annualRatePct: input.method === 'declining-balance' ? input.annualRatePct : null, journalSeq: 0 };
    const entry = this.options.journal.append({ kind: 'collateral.appraised', entity: input.assetId, payload: { ...stored, journalSeq: undefined }, at: this.now() });
    const id = this.store.insertAppraisal({ ...stored, journalSeq: entry.seq });
    return { ...stored, id, journalSeq: entry.seq };
  }

  appraisals(assetId?: string): AppraisalView[] {
    return this.store.appraisals().filter((appraisal) => assetId === undefined || appraisal.assetId === assetId);
  }

  pledge(input: { facilityId: string; assetIds: string[]; date: string }): PledgeView[] {
    const issues = this.pledgeProblems(input);
    if (issues.length > 0) throw invalid('the assets cannot be pledged', issues);
    this.options.db.transaction(() => this.insertPledges(input))();
    this.changed('collateral');
    return this.store.pledges().filter((pledge) => pledge.facilityId === input.facilityId);
  }

  pledgeProblems(input: { facilityId: string; assetIds: string[]; date: string }, openElsewhere = new Set<string>()): { path: string; message: string }[] {
    const { db } = this.options;
    const issues: { path: string; message: string }[] = [];
    if (db.prepare('SELECT 1 FROM facilities WHERE id = ?').get(input.facilityId) === undefined) issues.push({ path: 'facilityId', message: `no facility "${input.facilityId}"` });
    if (new Set(input.assetIds).size !== input.assetIds.length) issues.push({ path: 'assetIds', message: 'an asset appears twice' });
    const open = new Map(this.store.pledges().filter((pledge) => pledge.releasedOn === null).map((pledge) => [pledge.assetId, pledge]));
    const status = db.prepare('SELECT status FROM assets WHERE id = ?').pluck();
    for (const id of input.assetIds) {
      const state = status.get(id) as string | undefined;
      if (state === undefined) issues.push({ path: 'assetIds', message: `no asset "${id}" in the register` });
      else if (state === 'retired') issues.push({ path: 'assetIds', message: `${id} is retired` });
      const pledged = open.get(id);
      if (pledged) issues.push({ path: 'assetIds', message: `${id} is already pledged to facility ${pledged.facilityId} (since ${pledged.pledgedOn}): release it first — an asset secures one facility at a time` });
      else if (openElsewhere.has(id)) issues.push({ path: 'assetIds', message: `${id} is pledged twice in this file` });
    }
    if (input.date > this.today()) issues.push({ path: 'date', message: 'in the future' });
    return issues;
  }

  insertPledges(input: { facilityId: string; assetIds: string[]; date: string }): void {
    const entry = this.options.journal.append({ kind: 'collateral.pledged', entity: facilityEntity(input.facilityId), payload: { assetIds: [...input.assetIds].sort(), date: input.date }, at: this.now() });
    for (const id of input.assetIds) this.store.insertPledge(id, input.facilityId, input.date, entry.seq);
  }

  release(input: { assetIds: string[]; date: string }): PledgeView[] {
    const issues: { path: string; message: string }[] = [];
    const open = new Map(this.store.pledges().filter((pledge) => pledge.releasedOn === null).map((pledge) => [pledge.assetId, pledge]));
    for (const id of input.assetIds) {
      const pledge = open.get(id);
      if (!pledge) issues.push({ path: 'assetIds', message: `${id} is not pledged` });
      else if (input.date < pledge.pledgedOn) issues.push({ path: 'date', message: `${id} was pledged on ${pledge.pledgedOn}` });
    }
    if (issues.length > 0) throw invalid('the assets cannot be released', issues);
    const byFacility = new Map<string, string[]>();
    for (const id of input.assetIds) byFacility.set(open.get(id)!.facilityId, [...(byFacility.get(open.get(id)!.facilityId) ?? []), id]);
    this.options.db.transaction(() => {
      for (const [facilityId, ids] of byFacility) {
        const entry = this.options.journal.append({ kind: 'collateral.released', entity: facilityEntity(facilityId), payload: { assetIds: ids.sort(), date: input.date }, at: this.now() });
        for (const id of ids) this.store.releasePledge(open.get(id)!.id, input.date, entry.seq);
      }
    })();
    this.changed('collateral');
    return this.store.pledges().filter((pledge) => input.assetIds.includes(pledge.assetId));
  }

  setCovenant(input: { facilityId: string; minCoverage: string }): { facilityId: string; minCoverage: string } {
    this.facilityDetail(input.facilityId, this.today());
    if (parseDecimal(input.minCoverage).num === 0n) throw invalid('the covenant cannot be saved', [{ path: 'minCoverage', message: 'must be above 0' }]);
    const at = this.now();
    this.options.db.transaction(() => {
      const before = this.store.covenants().get(input.facilityId) ?? null;
      const entry = this.options.journal.append({ kind: 'facility.covenant-set', entity: facilityEntity(input.facilityId), payload: { minCoverage: input.minCoverage, before }, at });
      this.store.setCovenant(input.facilityId, input.minCoverage, at.toISOString(), entry.seq);
    })();
    this.changed('collateral');
    return input;
  }

  private facilityDetail(id: string, asOf: string): FacilityDetail {
    return this.facilities.get(id, asOf);
  }

  coverage(facilityId: string, asOf?: string, book = this.collateralBook()): CoverageView {
    const day = asOf ?? this.today();
    const detail = this.facilityDetail(facilityId, day);
    const covenant = this.store.covenants().get(facilityId) ?? null;
    const { lines, figures } = book.coverage(facilityId, parseIsoDate(day), detail.facility.outstandingPrincipal, covenant);
    return {
      facilityId,
      facilityName: detail.facility.name,
      lender: detail.facility.lender,
      asOf: day,
      figures,
      collateral: lines.map((line) => ({
        assetId: line.assetId,
        label: line.label,
        serial: line.serial,
        pledgedOn: line.pledgedOn,
        condition: line.condition,
        counts: conditionCounts(line.condition),
        appraisedOn: line.appraisal?.appraisedOn ?? null,
        appraisedValue: line.appraisal?.value ?? null,
        method: line.appraisal?.method ?? null,
        value: line.value,
        eligibleValue: line.eligibleValue,
        advanceRatePct: line.advanceRatePct,
        borrowingBase: line.borrowingBase,
      })),
      history: this.coverageHistory(facilityId, day, book, covenant),
    };
  }

  /** Coverage at each month-end from the facility's start to the as-of day, then the as-of day itself. */
  coverageHistory(facilityId: string, asOf: string, book: CollateralBook, covenant: string | null, points = HISTORY_POINTS): CoveragePoint[] {
    const day = parseIsoDate(asOf);
    const start = parseIsoDate(this.facilityDetail(facilityId, asOf).terms.startDate);
    const first = parseIsoDate(`${formatIsoDate(start).slice(0, 7)}-01`);
    const days: Day[] = [];
    for (let k = 1; ; k += 1) {
      const monthEnd = addMonthsClamped(first, k) - 1;
      if (monthEnd >= day) break;
      days.push(monthEnd);
    }
    days.push(day);
    return days.slice(-points).map((point) => {
      const text = formatIsoDate(point);
      const outstanding = this.facilities.list(text).facilities.find((facility) => facility.id === facilityId)!.outstandingPrincipal;
      const { figures } = book.coverage(facilityId, point, outstanding, covenant);
      return { date: text, eligibleValue: figures.eligibleValue, outstanding, coverage: figures.coverage, coverageBps: figures.coverageBps };
    });
  }

  // ---- costs and the waterfall ----------------------------------------------------------

  recordCost(input: CostInput): { id: string; date: string } {
    this.facilityDetail(input.facilityId, this.today());
    if (!isWholeCents(input.amount) || input.amount < 0n) throw invalid('the cost cannot be recorded', [{ path: 'amount', message: 'a non-negative amount in whole cents' }]);
    this.options.db.transaction(() => this.insertCost(input))();
    this.changed('costs');
    return { id: input.facilityId, date: input.date };
  }

  insertCost(input: CostInput): void {
    const entry = this.options.journal.append({ kind: 'facility.cost-recorded', entity: facilityEntity(input.facilityId), payload: { ...input }, at: this.now() });
    this.store.insertCost({ facilityId: input.facilityId, date: input.date, category: input.category, amount: input.amount, note: input.note }, entry.seq);
  }

  setTariff(input: { effectiveFrom: string; pricePerKwh: bigint }): { effectiveFrom: string; pricePerKwh: bigint } {
    if (input.pricePerKwh < 0n) throw invalid('the tariff cannot be saved', [{ path: 'pricePerKwh', message: 'cannot be negative' }]);
    this.options.db.transaction(() => {
      const entry = this.options.journal.append({ kind: 'finance.tariff-set', entity: 'finance:energy-tariff', payload: { ...input }, at: this.now() });
      this.store.setTariff(input.effectiveFrom, input.pricePerKwh, entry.seq);
    })();
    this.changed('costs');
    return input;
  }

  /** Cash on each facility's collateral, from a receivables book (shared by the waterfalls of one request). */
  cashLines(book: ReceivablesBook, collateral: CollateralBook): CashLine[] {
    return cashByFacility(book, collateral, this.store.attributions());
  }

  waterfall(facilityId: string, asOf?: string, shared?: { book: ReceivablesBook; collateral: CollateralBook; cash: CashLine[] }): WaterfallView {
    const day = asOf ?? this.today();
    const detail = this.facilityDetail(facilityId, day);
    const book = shared?.book ?? this.receivables.book(day);
    const collateral = shared?.collateral ?? this.collateralBook();
    const cash = shared?.cash ?? this.cashLines(book, collateral);
    const costs = this.store.costs(facilityId);
    const tariffs = this.store.tariffs();
    const periods: WaterfallPeriodView[] = [];
    for (const period of facilityPeriods(detail)) {
      if (period.start > day) break;
      const within = (date: string): boolean => date >= period.start && date < period.end && date <= day;
      const revenue = cash.reduce((sum, line) => (line.facilityId === facilityId && within(line.day) ? sum + line.amount : sum), 0n);
      const entered = { power: 0n, facility: 0n, other: 0n };
      let poweredEntered = false;
      for (const cost of costs) {
        if (!within(cost.date)) continue;
        entered[cost.category] += cost.amount;
        if (cost.category === 'power') poweredEntered = true;
      }
      let powerSource: 'entered' | 'node' | 'none' = poweredEntered ? 'entered' : 'none';
      let power = entered.power;
      const tariff = [...tariffs].reverse().find((candidate) => candidate.effectiveFrom <= period.start);
      if (!poweredEntered && tariff) {
        const end = period.end <= day ? period.end : formatIsoDate(parseIsoDate(day) + 1);
        const assets = collateral.pledgesOn(facilityId, parseIsoDate(end) - 1).map((pledge) => pledge.assetId);
        const energyWh = energyBetween(this.options.db, assets, period.start, end);
        if (energyWh > 0n) {
          power = roundToCent(energyWh * tariff.pricePerKwh, 1000n);
          powerSource = 'node';
        }
      }
      // Debt service is due on the period's end: what the lender received after its start, through that day.
      const paidToLender = detail.payments.reduce((sum, payment) => (payment.date > period.start && payment.date <= period.end && payment.date <= day ? sum + payment.amount : sum), 0n);
      const depreciation = depreciationBetween(collateral, facilityId, parseIsoDate(period.start), Math.min(parseIsoDate(period.end), parseIsoDate(day) + 1));
      periods.push(runWaterfall({ n: period.n, start: period.start, end: period.end, revenue, power, powerSource, facility: entered.facility, other: entered.other, debtService: period.debtService, paidToLender, depreciation }));
    }
    return { facilityId, facilityName: detail.facility.name, structure: detail.terms.structure, asOf: day, periods };
  }

  // ---- alerts ---------------------------------------------------------------------------

  alerts(limit = 200): FinanceAlert[] {
    return this.store.alerts(limit).map(toAlertView);
  }

  /**
   * Checks covenants, collateral and receivables on `asOf` and raises what changed since the
   * last check: a coverage breach (with both cures) or its end, a pledged asset that stopped
   * counting, an invoice 30 days past due. Each alert is journaled and pushed once.
   */
  checkAlerts(asOf?: string, shared?: { receivables: ReceivablesBook; collateral: CollateralBook }): FinanceAlert[] {
    const day = asOf ?? this.today();
    const book = shared?.collateral ?? this.collateralBook();
    const covenants = this.store.covenants();
    const raised: FinanceAlert[] = [];
    const raise = (alert: Omit<AlertRecord, 'id' | 'raisedAt' | 'asOf'>): void => {
      const at = this.now();
      const stored = this.options.db.transaction(() => {
        const entry = this.options.journal.append({ kind: `alert.${alert.kind}`, entity: alert.facilityId ? facilityEntity(alert.facilityId) : alert.subject, payload: { subject: alert.subject, asOf: day, ...alert.payload }, at });
        return this.store.insertAlert({ ...alert, asOf: day, raisedAt: at.toISOString() }, entry.seq);
      })();
      raised.push(toAlertView(stored));
    };
    for (const facility of this.facilities.list(day).facilities) {
      const minCoverage = covenants.get(facility.id) ?? null;
      const { lines, figures } = book.coverage(facility.id, parseIsoDate(day), facility.outstandingPrincipal, minCoverage);
      for (const line of lines) {
        if (conditionCounts(line.condition) || line.condition === 'not-appraised') continue;
        const last = this.store.lastAlert(['collateral-excluded'], line.assetId);
        if (last && last.payload.figures.condition === line.condition && last.facilityId === facility.id) continue;
        raise({ kind: 'collateral-excluded', subject: line.assetId, facilityId: facility.id, payload: { message: `${line.assetId} pledged to ${facility.name} is ${line.condition}: it counts as zero collateral`, figures: { condition: line.condition, value: line.value.toString() } } });
      }
      if (minCoverage === null) continue;
      const last = this.store.lastAlert(['coverage-breach', 'coverage-restored'], facility.id);
      const figures_ = { coverage: figures.coverage, coverageBps: figures.coverageBps, minCoverage, eligibleValue: figures.eligibleValue.toString(), outstanding: figures.outstanding.toString() };
      if (figures.breached && last?.kind !== 'coverage-breach') {
        raise({
          kind: 'coverage-breach',
          subject: facility.id,
          facilityId: facility.id,
          payload: {
            message: `${facility.name}: coverage ${figures.coverage}× is below the ${minCoverage}× covenant — pledge ${money(figures.cures!.pledgeMore)} more collateral, or repay ${money(figures.cures!.repay)}`,
            figures: { ...figures_, pledgeMore: figures.cures!.pledgeMore.toString(), repay: figures.cures!.repay.toString() },
          },
        });
      } else if (!figures.breached && last?.kind === 'coverage-breach') {
        raise({ kind: 'coverage-restored', subject: facility.id, facilityId: facility.id, payload: { message: `${facility.name}: coverage ${figures.coverage ?? '—'}× meets the ${minCoverage}× covenant again`, figures: figures_ } });
      }
    }
    const receivables = shared?.receivables ?? this.receivables.book(day);
    for (const invoice of receivables.invoices) {
      const position = receivables.positions.get(invoice.id);
      if (!position || position.open === 0n || position.daysPastDue < OVERDUE_ALERT_DAYS) continue;
      if (this.store.lastAlert(['invoice-overdue'], invoice.id)) continue;
      raise({ kind: 'invoice-overdue', subject: invoice.id, facilityId: null, payload: { message: `${invoice.customer}: invoice ${invoice.id} is ${position.daysPastDue} days past due with ${money(position.open)} open`, figures: { customer: invoice.customer, open: position.open.toString(), daysPastDue: position.daysPastDue, dueDate: invoice.dueDate } } });
    }
    for (const alert of raised) this.options.onAlert?.(alert);
    if (raised.length > 0) this.changed('alerts');
    return raised;
  }

  // ---- eligibility ----------------------------------------------------------------------

  eligibility(asOf?: string): EligibilityView {
    const day = asOf ?? this.today();
    const asOfDay = parseIsoDate(day);
    const book = this.receivables.book(day);
    const receivables = receivablesOf(book, day);
    const contracts = book.contracts.map((contract) => ({ contract, figures: contractFigures(book, contract) }));
    const active = contracts.filter(({ contract, figures }) => figures.remainingMonths > 0 && contract.startDate <= day);
    const monthlyTotal = active.reduce((sum, { figures }) => sum + figures.monthlyAmount, 0n);
    const weighted = monthlyTotal === 0n ? null : active.reduce((sum, { figures }) => sum + figures.monthlyAmount * BigInt(figures.remainingMonths), 0n);
    const collateral = this.collateralBook();
    const covenants = this.store.covenants();
    const from = formatIsoDate(asOfDay - 29);
    const to = formatIsoDate(asOfDay + 1);
    const facilities = this.facilities.list(day).facilities.map((facility) => {
      const minCoverage = covenants.get(facility.id) ?? null;
      const { lines, figures } = collateral.coverage(facility.id, asOfDay, facility.outstandingPrincipal, minCoverage);
      const assets = lines.map((line) => line.assetId);
      const ran = this.options.db.prepare('SELECT count(*) FROM epochs WHERE start_at >= ? AND start_at < ?').pluck().get(Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`)) as number;
      let uptimeBps: number | null = null;
      if (ran > 0 && assets.length > 0) {
        const uptime = uptimeBetween(this.options.db, assets, from, to);
        const total = [...uptime.values()].reduce((sum, value) => sum + value, 0n);
        uptimeBps = Number((total * 10_000n) / (BigInt(assets.length) * 30n * 86_400_000n));
      }
      return {
        facilityId: facility.id,
        name: facility.name,
        lender: facility.lender,
        structure: facility.structure,
        figures,
        trend: this.coverageHistory(facility.id, day, collateral, minCoverage, 6),
        pledgedAssets: lines.length,
        countingAssets: lines.filter((line) => conditionCounts(line.condition)).length,
        uptimeBps,
        arrears: facility.arrears,
        daysPastDue: facility.daysPastDue,
      };
    });
    return {
      asOf: day,
      contracts: contracts.map(({ contract, figures }) => ({ id: contract.id, customer: contract.customer, kind: contract.kind, endDate: figures.endDate, remainingMonths: figures.remainingMonths, backlog: figures.backlog, monthlyAmount: figures.monthlyAmount })),
      activeContracts: active.length,
      weightedRemainingMonths: weighted === null ? null : oneDecimal(weighted, monthlyTotal),
      backlog: contracts.reduce((sum, { figures }) => sum + figures.backlog, 0n),
      customers: receivables.customers,
      concentration: receivables.concentration,
      receivables: receivables.aging,
      arrears30: receivables.aging['30-59'] + receivables.aging['60-89'] + receivables.aging['90+'],
      facilities,
    };
  }

  // ---- period close ---------------------------------------------------------------------

  /**
   * Closes a calendar month: folds the node's epochs, issues the invoices of billing periods
   * ended by the month's end, records each revenue-share facility's period revenue (the cash
   * received on its collateral in that period) where none was recorded, checks alerts on the
   * month's last day, and journals what it found. Closing a month again does it again (idempotent
   * for invoices and revenue; alerts only for what changed).
   */
  closePeriod(month: string): PeriodCloseResult {
    const { first, next } = monthBounds(month);
    const lastDay = formatIsoDate(next - 1);
    const through = formatIsoDate(next);
    if (formatIsoDate(first) > this.today()) throw invalid('the month cannot be closed', [{ path: 'month', message: 'it has not started' }]);
    const epochsFolded = foldEpochUptime(this.options.db);
    const created = this.receivables.generateInvoices(through <= this.today() ? through : this.today());
    const asOf = lastDay <= this.today() ? lastDay : this.today();
    const book = this.receivables.book(asOf);
    const collateral = this.collateralBook();
    const cash = this.cashLines(book, collateral);
    const revenueRecorded: PeriodCloseResult['revenueRecorded'] = [];
    for (const facility of this.facilities.list(asOf).facilities) {
      if (facility.structure !== 'revenue-share') continue;
      const detail = this.facilityDetail(facility.id, asOf);
      if (detail.schedule.structure !== 'revenue-share') continue;
      for (const period of detail.schedule.periods) {
        if (period.kind !== 'period' || period.revenue !== null || period.dueDate > through || period.periodStart > this.today()) continue;
        const revenue = cash.reduce((sum, line) => (line.facilityId === facility.id && line.day >= period.periodStart && line.day < period.dueDate ? sum + line.amount : sum), 0n);
        this.facilities.recordRevenue({ facilityId: facility.id, period: period.n, revenue });
        revenueRecorded.push({ facilityId: facility.id, period: period.n, revenue });
      }
    }
    const collateralAfter = revenueRecorded.length > 0 ? this.collateralBook() : collateral;
    const alerts = this.checkAlerts(asOf, { receivables: book, collateral: collateralAfter });
    const covenants = this.store.covenants();
    const facilities = this.facilities.list(asOf).facilities.map((facility) => {
      const { figures } = collateralAfter.coverage(facility.id, parseIsoDate(asOf), facility.outstandingPrincipal, covenants.get(facility.id) ?? null);
      const waterfall = this.waterfall(facility.id, asOf, { book, collateral: collateralAfter, cash });
      const closing = waterfall.periods.filter((period) => period.end > formatIsoDate(first) && period.end <= through).at(-1);
      return { facilityId: facility.id, coverage: figures.coverage, breached: figures.breached, dscr: closing?.dscr ?? null };
    });
    const at = this.now();
    const summary = { month, through: asOf, invoicesCreated: created.length, epochsFolded, revenueRecorded, facilities, alerts: alerts.map((alert) => alert.id) };
    const seq = this.options.db.transaction(() => {
      const entry = this.options.journal.append({ kind: 'period.closed', entity: `period:${month}`, payload: summary, at });
      this.store.savePeriodClose(month, at.toISOString(), summary, entry.seq);
      return entry.seq;
    })();
    this.changed('period');
    return { month, through: asOf, invoicesCreated: created.length, epochsFolded, revenueRecorded, facilities, alerts, journalSeq: seq };
  }
}

function oneDecimal(numerator: bigint, denominator: bigint): string {
  const tenths = (numerator * 10n + denominator / 2n) / denominator;
  return `${tenths / 10n}.${tenths % 10n}`;
}

export function appraisalProblems(input: AppraisalInput): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (input.value < 0n || !isWholeCents(input.value)) issues.push({ path: 'value', message: 'a non-negative amount in whole cents' });
  if (input.residualValue < 0n || !isWholeCents(input.residualValue)) issues.push({ path: 'residualValue', message: 'a non-negative amount in whole cents' });
  else if (input.residualValue > input.value) issues.push({ path: 'residualValue', message: 'cannot exceed the value' });
  if (input.method === 'straight-line' && input.lifeMonths === null) issues.push({ path: 'lifeMonths', message: 'straight-line depreciation needs a life in months' });
  if (input.method === 'declining-balance') {
    if (input.annualRatePct === null) issues.push({ path: 'annualRatePct', message: 'declining balance needs an annual rate' });
    else {
      const rate = parsePercent(input.annualRatePct);
      if (rate.num <= 0n || rate.num >= rate.den) issues.push({ path: 'annualRatePct', message: 'between 0 and 100 (exclusive)' });
    }
  }
  const advance = parsePercent(input.advanceRatePct);
  if (advance.num > advance.den) issues.push({ path: 'advanceRatePct', message: 'at most 100' });
  return issues;
}

export function invoiceView(book: ReceivablesBook, invoice: InvoiceRecord): InvoiceView {
  const position = book.positions.get(invoice.id);
  const base = { id: invoice.id, contractId: invoice.contractId, customer: invoice.customer, period: invoice.period, periodStart: invoice.periodStart, periodEnd: invoice.periodEnd, issueDate: invoice.issueDate, dueDate: invoice.dueDate, amount: invoice.amount, basis: invoice.basis };
  if (!position) return { ...base, paid: 0n, open: invoice.amount, state: 'open', daysPastDue: 0, bucket: 'current', settledOn: null };
  return { ...base, paid: position.paid, open: position.open, state: position.state, daysPastDue: position.daysPastDue, bucket: position.bucket, settledOn: position.settledOn === null ? null : formatIsoDate(position.settledOn) };
}

export function paymentView(book: ReceivablesBook, payment: PaymentRecord): CustomerPaymentView {
  const allocations = book.allocation.lines.filter((line) => line.paymentId === payment.id && line.day <= book.asOf).map((line) => ({ invoiceId: line.invoiceId, amount: line.amount, date: formatIsoDate(line.day) }));
  const applied = allocations.reduce((sum, line) => sum + line.amount, 0n);
  return { id: payment.id, customer: payment.customer, date: payment.date, amount: payment.amount, invoiceId: payment.invoiceId, reference: payment.reference, allocations, unapplied: payment.amount - applied, journalSeq: payment.journalSeq };
}

export function receivablesOf(book: ReceivablesBook, asOf: string): ReceivablesView {
  const positions = [...book.positions.values()];
  const histories = paymentHistories(book.facts, positions, book.payments.map((payment) => ({ id: payment.id, customer: payment.customer, day: parseIsoDate(payment.date), amount: payment.amount, invoiceId: payment.invoiceId })), book.asOf);
  const byCustomer = new Map<string, typeof positions>();
  for (const invoice of book.facts) {
    const position = book.positions.get(invoice.id);
    if (!position) continue;
    const list = byCustomer.get(invoice.customer);
    if (list) list.push(position);
    else byCustomer.set(invoice.customer, [position]);
  }
  const yearAgo = addMonthsClamped(book.asOf, -12) + 1;
  return {
    asOf,
    aging: book.aging,
    customers: histories.map((history) => ({ ...history, lastPaymentOn: history.lastPaymentOn === null ? null : formatIsoDate(history.lastPaymentOn), aging: agingTotals(byCustomer.get(history.customer) ?? []) })),
    concentration: (() => {
      const result = concentration(book.facts, yearAgo, book.asOf);
      return { ...result, from: formatIsoDate(result.from), to: formatIsoDate(result.to) };
    })(),
  };
}
