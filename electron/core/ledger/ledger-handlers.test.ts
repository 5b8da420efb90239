import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTempDirs } from '../../../test/support/temp-dir';
import { ApiError } from '../../contract/errors';
import { ledgerMethods, type LedgerEventPayload, type LedgerHandlers, type LedgerMethodName, type LedgerMethodOutput } from '../../contract/ledger-api';
import { openDatabase, type Db } from '../db/open';
import { Journal } from '../journal/journal';
import { createLedgerHandlers } from './ledger-handlers';

const tempDir = useTempDirs();
const UNIT = 1_000_000n;

/** A call as a transport makes it: wire input decoded, the handler, its output encoded against the contract. */
async function call<M extends LedgerMethodName>(handlers: LedgerHandlers, method: M, wire: z.input<(typeof ledgerMethods)[M]['input']>): Promise<LedgerMethodOutput<M>> {
  const spec = ledgerMethods[method];
  const input = z.decode(spec.input as z.ZodType, wire);
  const output = await (handlers[method] as (input: unknown) => Promise<unknown>)(input);
  const encoded = z.encode(spec.output as z.ZodType, output); // throws when the handler broke the contract
  return z.decode(spec.output as z.ZodType, JSON.parse(JSON.stringify(encoded))) as LedgerMethodOutput<M>;
}

async function refusal(work: Promise<unknown>): Promise<ApiError> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to be refused');
}

const FIXED = {
  structure: 'fixed-rate',
  principal: '1200000000',
  annualRatePct: '12',
  periods: 3,
  frequency: 'monthly',
  amortization: 'equal-principal',
  startDate: '2024-01-15',
  dayCount: '30/360',
  lateFeePct: '5',
  penaltyAprPct: '24',
  prepaymentFeePct: '1',
} as const;

const REVENUE_SHARE = { structure: 'revenue-share', principal: '30000000000', startDate: '2024-01-01', sharePct: '60', targetMultiple: '1.25', termMonths: 6 } as const;

let db: Db;
let journal: Journal;
let handlers: LedgerHandlers;
let events: LedgerEventPayload<'onFacilitiesChanged'>[];
let today: string;
let ids: number;

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'sietch.db'));
  journal = new Journal(db);
  events = [];
  today = '2024-01-20';
  ids = 0;
  handlers = createLedgerHandlers({ db, journal, emit: (_event, payload) => events.push(payload), today: () => today, now: () => new Date(`${today}T12:00:00.000Z`) });
});

afterEach(() => db.close());

async function createFixed(overrides: Record<string, unknown> = {}) {
  ids += 1;
  return call(handlers, 'ledger.facility.create', { name: `GPU facility ${ids}`, lender: 'Northwind Credit', terms: { ...FIXED, ...overrides } as never });
}

describe('facilities through the ledger handlers', () => {
  it('create: the facility, its terms, its contractual schedule and a journal row, in one transaction', async () => {
    const detail = await createFixed();
    expect(detail.facility).toMatchObject({ name: 'GPU facility 1', structure: 'fixed-rate', status: 'current', principal: 1200n * UNIT, outstandingPrincipal: 1200n * UNIT, version: 1, paymentCount: 0, maturityDate: '2024-04-15' });
    expect(detail.facility.nextPayment).toEqual({ n: 1, dueDate: '2024-02-15', amount: 412n * UNIT });
    expect(detail.terms).toMatchObject({ ...FIXED, principal: 1200n * UNIT, graceDays: 5, defaultAfterDays: 90, allocationOrder: ['fees', 'interest', 'principal'] });
    expect(detail.schedule.structure === 'fixed-rate' && detail.schedule.installments.map((line) => line.expected.payment)).toEqual([412n * UNIT, 408n * UNIT, 404n * UNIT]);
    expect(db.prepare('SELECT count(*) FROM facility_installments WHERE facility_id = ?').pluck().get(detail.facility.id)).toBe(3);
    expect(detail.events.map((event) => [event.kind, event.entity])).toEqual([['facility.created', `facility:${detail.facility.id}`]]);
    expect(events).toEqual([{ ids: [detail.facility.id], at: '2024-01-20T12:00:00.000Z' }]);
    expect(journal.verify().ok).toBe(true);
  });

  it('create refuses bad terms field by field, and writes nothing', async () => {
    const error = await refusal(createFixed({ balloon: '5000000', principal: '1200000001', amortization: 'interest-only' }));
    expect(error.code).toBe('invalid-input');
    expect(error.issues!.map((issue) => issue.path)).toEqual(['terms.principal', 'terms.balloon']);
    expect(db.prepare('SELECT count(*) FROM facilities').pluck().get()).toBe(0);
    expect(journal.head().length).toBe(0);
  });

  it('list and get show each facility as of a day', async () => {
    const { facility } = await createFixed();
    const list = await call(handlers, 'ledger.facilities.list', { asOf: '2024-03-01' });
    expect(list.asOf).toBe('2024-03-01');
    expect(list.facilities).toHaveLength(1);
    expect(list.facilities[0]).toMatchObject({ id: facility.id, status: 'late', arrears: 412n * UNIT + 20_600_000n + 4_390_000n, daysPastDue: 15 }); // 5 % flat + 412 × 24 % × 16/360
    expect(list.facilities[0]).toMatchObject({ outstandingPrincipal: 1200n * UNIT });
    const detail = await call(handlers, 'ledger.facility.get', { id: facility.id, asOf: '2024-01-20' });
    expect(detail.asOf).toBe('2024-01-20');
    expect(detail.arrears.total).toBe(0n);
    expect(detail.schedule.structure === 'fixed-rate' && detail.schedule.payoff).toMatchObject({ principal: 1200n * UNIT, accruedInterest: 2n * UNIT, prepaymentFee: 12n * UNIT, total: 1214n * UNIT });
    expect((await refusal(call(handlers, 'ledger.facility.get', { id: 'fac_nope' }))).code).toBe('not-found');
  });

  it('update: journaled field by field, against the version it was made on', async () => {
    const { facility } = await createFixed();
    const renamed = await call(handlers, 'ledger.facility.update', { id: facility.id, version: 1, name: 'H100 cluster A', notes: 'amended' });
    expect(renamed.facility).toMatchObject({ name: 'H100 cluster A', version: 2 });
    expect(renamed.notes).toBe('amended');
    expect(renamed.events[0]).toMatchObject({ kind: 'facility.updated', payload: { version: 2, termsVersion: 1, changes: { name: { before: 'GPU facility 1', after: 'H100 cluster A' }, notes: { before: null, after: 'amended' } } } });
    const stale = await refusal(call(handlers, 'ledger.facility.update', { id: facility.id, version: 1, name: 'again' }));
    expect(stale.code).toBe('conflict');
    // Nothing changed: no journal row, no new version.
    const same = await call(handlers, 'ledger.facility.update', { id: facility.id, version: 2, name: 'H100 cluster A' });
    expect(same.facility.version).toBe(2);
    expect(journal.head().length).toBe(2);
  });

  it('terms change until the first payment, with a new terms version and schedule; then they are locked', async () => {
    const { facility } = await createFixed();
    const amended = await call(handlers, 'ledger.facility.update', { id: facility.id, version: 1, terms: { ...FIXED, periods: 4 } as never });
    expect(amended.schedule.structure === 'fixed-rate' && amended.schedule.installments).toHaveLength(4);
    expect(db.prepare('SELECT terms_version, count(*) AS n FROM facility_installments WHERE facility_id = ? GROUP BY terms_version').all(facility.id)).toEqual([{ terms_version: 1, n: 3 }, { terms_version: 2, n: 4 }]);
    expect(amended.events[0]!.payload).toMatchObject({ termsVersion: 2, changes: { terms: { before: { periods: 3 }, after: { periods: 4 } } } });
    today = '2024-02-15';
    await call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-02-15', amount: '309000000' });
    const locked = await refusal(call(handlers, 'ledger.facility.update', { id: facility.id, version: 2, terms: { ...FIXED, periods: 5 } as never }));
    expect(locked.code).toBe('conflict');
    expect(locked.message).toMatch(/terms can no longer change/);
  });

  it('payments: allocated, stored with their journal row, replayed identically', async () => {
    const { facility } = await createFixed();
    today = '2024-03-01';
    const late = await call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-02-21', amount: '412000000', reference: 'wire 1' });
    expect(late.payment.allocation).toEqual({ lateFees: 22_250_000n, prepaymentFee: 0n, interest: 12n * UNIT, principal: 377_750_000n, return: 0n, credit: 0n });
    expect(late.payment).toMatchObject({ date: '2024-02-21', kind: 'regular', reference: 'wire 1' });
    const entry = journal.list(late.payment.journalSeq - 1, 1)[0]!;
    expect(entry).toMatchObject({ kind: 'facility.payment-recorded', entity: `facility:${facility.id}`, payload: { amount: '412000000', allocation: { lateFees: '22250000' } } });
    // 22.25 still overdue: penalty 22.25 × 24 % × 10/360 = 0.1483 → 0.15, then the principal, the rest held for March
    const early = await call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-03-01', amount: '430400000' });
    expect(early.payment.allocation).toMatchObject({ lateFees: 150_000n, principal: 22_250_000n, credit: 408n * UNIT });
    expect(early.facility).toMatchObject({ status: 'current', arrears: 0n, paymentCount: 2 });
    const detail = await call(handlers, 'ledger.facility.get', { id: facility.id, asOf: '2024-03-15' });
    expect(detail.schedule.structure === 'fixed-rate' && detail.schedule.installments.map((line) => line.status)).toEqual(['late', 'prepaid', 'upcoming']);
    expect(detail.payments.map((payment) => payment.allocation)).toEqual([late.payment.allocation, early.payment.allocation]);
    // The stored allocation columns always add up (a CHECK constraint), and the journal still verifies.
    expect(db.prepare('SELECT sum(amount) FROM facility_payments').safeIntegers().pluck().get()).toBe(842_400_000n);
    expect(journal.verify().ok).toBe(true);
  });

  it('refuses payments it cannot take, writing nothing', async () => {
    const { facility } = await createFixed();
    today = '2024-03-01';
    const before = journal.head().length;
    expect((await refusal(call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-03-02', amount: '1' }))).code).toBe('invalid-input');
    expect((await refusal(call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-01-01', amount: '1' }))).code).toBe('invalid-input');
    expect((await refusal(call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-02-01', amount: '0' }))).code).toBe('invalid-input');
    expect((await refusal(call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-02-01', amount: '5000000000' }))).code).toBe('conflict');
    await call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-02-15', amount: '412000000' });
    const backdated = await refusal(call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-02-14', amount: '1' }));
    expect(backdated.code).toBe('conflict');
    expect(backdated.message).toMatch(/date order/);
    expect(journal.head().length).toBe(before + 1);
    expect(db.prepare('SELECT count(*) FROM facility_payments').pluck().get()).toBe(1);
  });

  it('a prepayment re-amortizes and is journaled with its fee', async () => {
    const { facility } = await createFixed({ amortization: 'annuity', principal: '12000000000', periods: 12 });
    today = '2024-02-15';
    await call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-02-15', amount: '1066190000' });
    const prepaid = await call(handlers, 'ledger.payment.record', { facilityId: facility.id, date: '2024-02-15', amount: '5000000000', kind: 'prepayment' });
    expect(prepaid.payment.allocation).toMatchObject({ principal: 4_950_490_000n, prepaymentFee: 49_500_000n, credit: 10_000n });
    expect(prepaid.facility.outstandingPrincipal).toBe(6_103_320_000n);
    expect(prepaid.facility.nextPayment!.amount).toBeLessThan(1_066_190_000n);
  });

  it('revenue share: revenue sets the dues, payments split into principal and return', async () => {
    const created = await call(handlers, 'ledger.facility.create', { name: 'Robot fleet', lender: 'Harbor Capital', terms: REVENUE_SHARE as never });
    const id = created.facility.id;
    expect(created.facility).toMatchObject({ structure: 'revenue-share', maturityDate: '2024-07-01', nextPayment: { n: 1, dueDate: '2024-02-01', amount: null } });
    today = '2024-02-03';
    const recorded = await call(handlers, 'ledger.revenue.record', { facilityId: id, period: 1, revenue: '20000000000' });
    expect(recorded.period).toMatchObject({ n: 1, revenue: 20_000n * UNIT, due: 12_000n * UNIT, status: 'unpaid', daysPastDue: 2 });
    const paid = await call(handlers, 'ledger.payment.record', { facilityId: id, date: '2024-02-03', amount: '12000000000' });
    expect(paid.payment.allocation).toMatchObject({ principal: 9_600n * UNIT, return: 2_400n * UNIT, interest: 0n, credit: 0n });
    const detail = await call(handlers, 'ledger.facility.get', { id });
    expect(detail.schedule.structure === 'revenue-share' && detail.schedule.position).toMatchObject({ target: 37_500n * UNIT, principalRecovered: 9_600n * UNIT, outstandingPrincipal: 20_400n * UNIT, remainingTarget: 25_500n * UNIT });
    expect(detail.facility.outstandingPrincipal).toBe(20_400n * UNIT);
    expect(detail.events.map((event) => event.kind)).toEqual(['facility.payment-recorded', 'facility.revenue-recorded', 'facility.created']);
    // Corrections are journaled with the value they replace; the future cannot be reported.
    await call(handlers, 'ledger.revenue.record', { facilityId: id, period: 1, revenue: '21000000000' });
    expect(journal.list(journal.head().length - 1, 1)[0]!.payload).toEqual({ period: 1, revenue: '21000000000', previous: '20000000000' });
    expect((await refusal(call(handlers, 'ledger.revenue.record', { facilityId: id, period: 3, revenue: '1' }))).code).toBe('invalid-input');
    expect((await refusal(call(handlers, 'ledger.revenue.record', { facilityId: id, period: 7, revenue: '1' }))).code).toBe('invalid-input');
    const fixed = await createFixed();
    expect((await refusal(call(handlers, 'ledger.revenue.record', { facilityId: fixed.facility.id, period: 1, revenue: '1' }))).code).toBe('invalid-input');
  });

  it('a failing journal append rolls the change back: no facility without its journal row', async () => {
    const failing = createLedgerHandlers({
      db,
      journal: Object.assign(Object.create(journal) as Journal, {
        append: () => {
          throw new Error('disk full');
        },
      }),
      emit: () => undefined,
      today: () => today,
    });
    await expect(call(failing, 'ledger.facility.create', { name: 'x', lender: 'y', terms: FIXED as never })).rejects.toThrow(/disk full/);
    expect(db.prepare('SELECT count(*) FROM facilities').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM facility_terms').pluck().get()).toBe(0);
  });

  it('calculators: schedule preview, revenue-share preview and XIRR, nothing saved', async () => {
    const preview = await call(handlers, 'ledger.schedule.preview', { principal: '1200000000', annualRatePct: '12', periods: 3, frequency: 'monthly', amortization: 'equal-principal', startDate: '2024-01-15', dayCount: '30/360' });
    expect(preview.installments.map((line) => line.payment)).toEqual([412n * UNIT, 408n * UNIT, 404n * UNIT]);
    expect(preview).toMatchObject({ levelAmount: 400n * UNIT, maturityDate: '2024-04-15' });
    const share = await call(handlers, 'ledger.revenueShare.preview', { terms: REVENUE_SHARE as never, revenue: [{ dueDate: '2024-02-01', revenue: '70000000000' }] });
    expect(share.position).toMatchObject({ paid: 37_500n * UNIT, remainingTarget: 0n });
    expect(share.lenderXirr).toMatch(/^\d+\.\d{10}$/);
    const rate = await call(handlers, 'ledger.xirr', { flows: [{ date: '2024-01-01', amount: '-1000000000' }, { date: '2024-07-01', amount: '500000000' }, { date: '2025-01-01', amount: '600000000' }] });
    expect(rate).toEqual({ xirr: '0.1318224386', reason: null });
    expect((await call(handlers, 'ledger.xirr', { flows: [{ date: '2024-01-01', amount: '5' }] })).xirr).toBeNull();
    expect((await refusal(call(handlers, 'ledger.schedule.preview', { principal: '1', annualRatePct: '12', periods: 3, frequency: 'monthly', amortization: 'annuity', startDate: '2024-01-15', dayCount: '30/360' }))).issues).toEqual([{ path: 'principal', message: 'the principal must be a whole number of cents' }]);
    expect(db.prepare('SELECT count(*) FROM facilities').pluck().get()).toBe(0);
  });
});
