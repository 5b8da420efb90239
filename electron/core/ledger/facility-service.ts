import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../contract/errors';
import type { facilityCreate, facilityUpdate, paymentRecord, revenueRecord } from '../../contract/schemas/facilities';
import type { FacilityDetail, FacilityPayment, FacilitySummary, FacilityTerms, RevenuePeriodView } from '../../contract/schemas/facilities';
import type { Db } from '../db/open';
import { canonicalJson } from '../journal/canonical';
import type { Journal } from '../journal/journal';
import { addMonthsClamped, formatIsoDate, parseIsoDate, todayUtc } from './civil-date';
import { allocateNewPayment, evaluateFacility, revenuePeriods, type FacilityData } from './facility-evaluation';
import { FacilityStore, type FacilityRecord } from './facility-store';
import { parseFixedRateTerms } from './fixed-rate-terms';
import { inReplayOrder, PaymentRefusedError } from './payments';
import { computeDues } from './revenue-share-dues';
import { RevenueShareReplay } from './revenue-share-replay';
import { parseRevenueShareTerms } from './revenue-share-terms';
import { generateSchedule, totalsOf } from './schedule';
import { InvalidTermsError } from './terms-validation';

type FacilityCreate = z.output<typeof facilityCreate>;
type FacilityUpdate = z.output<typeof facilityUpdate>;
type PaymentRecord = z.output<typeof paymentRecord>;
type RevenueRecord = z.output<typeof revenueRecord>;

export interface FacilityServiceOptions {
  db: Db;
  journal: Journal;
  /** Told which facilities changed, after the transaction committed. */
  onChange?: (ids: string[]) => void;
  /** The calendar day "now" (UTC); tests pin it. */
  today?: () => string;
  /** The instant written in journal rows and timestamps; tests pin it. */
  now?: () => Date;
  newId?: () => string;
}

/** The journal entity of a facility. */
export function facilityEntity(id: string): string {
  return `facility:${id}`;
}

function invalid(error: unknown): never {
  if (error instanceof InvalidTermsError) throw new ApiError('invalid-input', error.message, error.issues);
  if (error instanceof PaymentRefusedError) throw new ApiError('conflict', error.message);
  throw error;
}

/** Validates terms for storage and returns the fixed-rate schedule to store with them (none for revenue share). */
function checkedSchedule(terms: FacilityTerms) {
  try {
    if (terms.structure === 'fixed-rate') return generateSchedule(parseFixedRateTerms(terms, 'terms.'));
    parseRevenueShareTerms(terms, 'terms.');
    return null;
  } catch (error) {
    return invalid(error);
  }
}

/**
 * Facilities in SQLite: create, amend, record payments and revenue, evaluate. Every change is
 * one transaction with its journal row, so the journal and the tables never disagree.
 */
export class FacilityService {
  private readonly store: FacilityStore;
  private readonly today: () => string;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: FacilityServiceOptions) {
    this.store = new FacilityStore(options.db);
    this.today = options.today ?? (() => todayUtc());
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => `fac_${randomUUID()}`);
  }

  list(asOf?: string): { asOf: string; facilities: FacilitySummary[] } {
    const day = asOf ?? this.today();
    return { asOf: day, facilities: this.store.list().map((record) => evaluateFacility(this.data(record), parseIsoDate(day)).summary) };
  }

  get(id: string, asOf?: string): FacilityDetail {
    const record = this.record(id);
    const data = this.data(record);
    const day = asOf ?? this.today();
    const evaluation = evaluateFacility(data, parseIsoDate(day));
    return {
      facility: evaluation.summary,
      notes: record.notes,
      terms: data.terms,
      asOf: day,
      schedule: evaluation.schedule,
      arrears: evaluation.arrears,
      credit: evaluation.credit,
      payments: data.payments,
      events: this.options.journal.listForEntity(facilityEntity(id), 500),
    };
  }

  create(input: FacilityCreate): FacilityDetail {
    const schedule = checkedSchedule(input.terms);
    const at = this.now();
    const record: FacilityRecord = { id: this.newId(), name: input.name, lender: input.lender, notes: input.notes, structure: input.terms.structure, termsVersion: 1, version: 1, createdAt: at.toISOString(), updatedAt: at.toISOString() };
    this.options.db.transaction(() => {
      this.store.insert(record);
      this.store.insertTerms(record.id, 1, input.terms, record.createdAt);
      if (schedule) this.store.insertSchedule(record.id, 1, schedule.lines);
      const summary = schedule ? { levelAmount: schedule.levelAmount, maturityDate: formatIsoDate(schedule.lines.at(-1)!.dueDate), totals: totalsOf(schedule.lines) } : null;
      this.options.journal.append({ kind: 'facility.created', entity: facilityEntity(record.id), payload: { name: record.name, lender: record.lender, notes: record.notes, terms: input.terms, termsVersion: 1, schedule: summary }, at });
    })();
    this.options.onChange?.([record.id]);
    return this.get(record.id);
  }

  update(input: FacilityUpdate): FacilityDetail {
    const record = this.record(input.id);
    if (input.version !== record.version) throw new ApiError('conflict', `facility ${record.id} is at version ${record.version}, not ${input.version}: it changed since it was read; reload it and edit again`);
    const data = this.data(record);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of ['name', 'lender', 'notes'] as const) {
      const after = input[field];
      if (after !== undefined && after !== record[field]) changes[field] = { before: record[field], after };
    }
    const termsChanged = input.terms !== undefined && canonicalJson(input.terms) !== canonicalJson(data.terms);
    const schedule = termsChanged ? checkedSchedule(input.terms!) : null;
    if (termsChanged) {
      this.checkTermsMayChange(data, input.terms!);
      changes.terms = { before: data.terms, after: input.terms };
    }
    if (Object.keys(changes).length === 0) return this.get(record.id);
    const at = this.now();
    const next: FacilityRecord = {
      ...record,
      name: input.name ?? record.name,
      lender: input.lender ?? record.lender,
      notes: input.notes === undefined ? record.notes : input.notes,
      structure: termsChanged ? input.terms!.structure : record.structure,
      termsVersion: termsChanged ? record.termsVersion + 1 : record.termsVersion,
      version: record.version + 1,
      updatedAt: at.toISOString(),
    };
    this.options.db.transaction(() => {
      if (termsChanged) {
        this.store.insertTerms(record.id, next.termsVersion, input.terms!, next.updatedAt);
        if (schedule) this.store.insertSchedule(record.id, next.termsVersion, schedule.lines);
      }
      this.store.update(next);
      this.options.journal.append({ kind: 'facility.updated', entity: facilityEntity(record.id), payload: { version: next.version, termsVersion: next.termsVersion, changes }, at });
    })();
    this.options.onChange?.([record.id]);
    return this.get(record.id);
  }

  recordPayment(input: PaymentRecord): { payment: FacilityPayment; facility: FacilitySummary } {
    const record = this.record(input.facilityId);
    const data = this.data(record);
    const day = parseIsoDate(input.date);
    if (input.amount <= 0n) throw new ApiError('invalid-input', 'a payment must be a positive amount', [{ path: 'amount', message: 'must be positive' }]);
    if (day < parseIsoDate(data.terms.startDate)) throw new ApiError('invalid-input', `a payment cannot predate the facility's start (${data.terms.startDate})`, [{ path: 'date', message: 'before the start date' }]);
    if (input.date > this.today()) throw new ApiError('invalid-input', 'a payment cannot be dated in the future: record it when the money arrives', [{ path: 'date', message: 'in the future' }]);
    const last = data.payments.at(-1);
    if (last && input.date < last.date) {
      throw new ApiError('conflict', `payments are recorded in date order: the last one is dated ${last.date}, so that earlier allocations never change`);
    }
    let allocation;
    try {
      allocation = allocateNewPayment(data, { id: Number.MAX_SAFE_INTEGER, day, amount: input.amount, kind: input.kind });
    } catch (error) {
      return invalid(error);
    }
    const at = this.now();
    const payment = this.options.db.transaction(() => {
      const entry = this.options.journal.append({ kind: 'facility.payment-recorded', entity: facilityEntity(record.id), payload: { date: input.date, amount: input.amount, kind: input.kind, reference: input.reference, note: input.note, allocation }, at });
      return this.store.insertPayment({ facilityId: record.id, date: input.date, amount: input.amount, kind: input.kind, reference: input.reference, note: input.note, allocation, recordedAt: at.toISOString(), journalSeq: entry.seq });
    })();
    this.options.onChange?.([record.id]);
    return { payment, facility: this.summary(record.id, input.date) };
  }

  recordRevenue(input: RevenueRecord): { period: RevenuePeriodView; facility: FacilitySummary } {
    const record = this.record(input.facilityId);
    const data = this.data(record);
    const { terms } = data;
    if (terms.structure !== 'revenue-share') throw new ApiError('invalid-input', `facility ${record.id} is fixed rate: revenue is recorded for revenue-share facilities`, [{ path: 'facilityId', message: 'not a revenue-share facility' }]);
    if (input.period > terms.termMonths) throw new ApiError('invalid-input', `the term is ${terms.termMonths} months; there is no period ${input.period}`, [{ path: 'period', message: 'beyond the term' }]);
    if (input.revenue < 0n) throw new ApiError('invalid-input', 'revenue cannot be negative', [{ path: 'revenue', message: 'negative' }]);
    const periodStart = formatIsoDate(addMonthsClamped(parseIsoDate(terms.startDate), input.period - 1));
    if (periodStart > this.today()) throw new ApiError('invalid-input', `period ${input.period} starts on ${periodStart}: its revenue cannot be known yet`, [{ path: 'period', message: 'not started' }]);
    const previous = data.revenue.get(input.period) ?? null;
    if (previous !== input.revenue) {
      const revenue = new Map(data.revenue).set(input.period, input.revenue);
      this.checkPaymentsFit({ ...data, revenue });
      const at = this.now();
      this.options.db.transaction(() => {
        this.store.upsertRevenue(record.id, input.period, input.revenue, at.toISOString());
        this.options.journal.append({ kind: 'facility.revenue-recorded', entity: facilityEntity(record.id), payload: { period: input.period, revenue: input.revenue, previous }, at });
      })();
      this.options.onChange?.([record.id]);
    }
    const detail = this.get(record.id);
    const period = detail.schedule.structure === 'revenue-share' ? detail.schedule.periods.find((line) => line.kind === 'period' && line.n === input.period) : undefined;
    return { period: period!, facility: detail.facility };
  }

  private summary(id: string, atLeast: string): FacilitySummary {
    const today = this.today();
    return evaluateFacility(this.data(this.record(id)), parseIsoDate(atLeast > today ? atLeast : today)).summary;
  }

  private record(id: string): FacilityRecord {
    const record = this.store.get(id);
    if (!record) throw new ApiError('not-found', `no facility "${id}"`);
    return record;
  }

  private data(record: FacilityRecord): FacilityData {
    return { record, terms: this.store.terms(record.id, record.termsVersion), payments: this.store.payments(record.id), revenue: this.store.revenue(record.id) };
  }

  /** Terms are the contract behind every allocation: once money has been applied they stay. */
  private checkTermsMayChange(data: FacilityData, terms: FacilityTerms): void {
    if (data.payments.length > 0) throw new ApiError('conflict', `facility ${data.record.id} has ${data.payments.length} payment(s): its terms can no longer change (name, lender and notes still can)`);
    const lastPeriod = Math.max(0, ...data.revenue.keys());
    if (lastPeriod > 0 && (terms.structure !== 'revenue-share' || terms.termMonths < lastPeriod)) {
      throw new ApiError('conflict', `revenue is recorded up to period ${lastPeriod}: the terms must stay revenue share with a term of at least ${lastPeriod} months`);
    }
  }

  /** A revenue correction may lower what is owed; the payments already recorded must still fit. */
  private checkPaymentsFit(data: FacilityData): void {
    if (data.terms.structure !== 'revenue-share') return;
    const terms = parseRevenueShareTerms(data.terms);
    const replay = new RevenueShareReplay(terms, computeDues(terms, revenuePeriods(terms, data.revenue), true));
    try {
      for (const payment of inReplayOrder(data.payments.map((p) => ({ id: p.id, day: parseIsoDate(p.date), amount: p.amount, kind: p.kind })))) replay.apply(payment);
    } catch (error) {
      if (error instanceof PaymentRefusedError) throw new ApiError('conflict', `with this revenue the payments already recorded would exceed what the facility can be owed: ${error.message}`);
      throw error;
    }
  }
}
