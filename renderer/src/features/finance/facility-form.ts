import type { AllocationBucket, FacilityDetail, FacilityTerms, ScheduleTerms } from '../../../../electron/contract/schemas/facilities';
import { parseCostInput, unitsForInput, type CostInputError } from '../inventory/money-display';
import { isCalendarDate, todayUtc } from './calendar';

/**
 * The facility form as typed — every field a string, as inputs hold them — and the pure checks
 * that turn it into the API's terms. The server checks everything again; these run first so the
 * operator sees the problem beside the field as they type, in their language.
 */
export interface FacilityFormValues {
  structure: 'fixed-rate' | 'revenue-share';
  name: string;
  lender: string;
  notes: string;
  principal: string;
  startDate: string;
  graceDays: string;
  defaultAfterDays: string;
  // Fixed rate
  rate: string;
  periods: string;
  frequency: 'monthly' | 'quarterly';
  amortization: 'annuity' | 'equal-principal' | 'interest-only' | 'bullet';
  dayCount: '30/360' | 'ACT/360' | 'ACT/365F' | 'ACT/ACT';
  balloon: string;
  firstDueDate: string;
  lateFeePct: string;
  penaltyAprPct: string;
  prepaymentFeePct: string;
  prepaymentMode: 'reduce-payment' | 'shorten-term';
  /** One of the six orders, comma-separated: "fees,interest,principal". */
  allocationOrder: string;
  // Revenue share
  sharePct: string;
  targetMultiple: string;
  tailSharePct: string;
  minimumPayment: string;
  termMonths: string;
  atTermCap: 'due' | 'forgiven';
}

export type FacilityField = keyof FacilityFormValues;

export type FieldError =
  | { kind: 'required' }
  | { kind: CostInputError }
  | { kind: 'cents' }
  | { kind: 'positive' }
  | { kind: 'percent' }
  | { kind: 'multiple' }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'date' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'balloonTooBig' }
  | { kind: 'firstDueBeforeStart' }
  /** The server's own words, for a rule only it knows. */
  | { kind: 'server'; message: string };

export type FieldErrors = Partial<Record<FacilityField, FieldError>>;

export const ALLOCATION_ORDERS = [
  'fees,interest,principal',
  'fees,principal,interest',
  'interest,fees,principal',
  'interest,principal,fees',
  'principal,fees,interest',
  'principal,interest,fees',
] as const;

/** The server's limits (contract/schemas/facilities.ts), checked here first for a clear message. */
const LIMITS = { name: 200, lender: 200, notes: 4000 } as const;
const CENT = 10_000n;
const PERCENT = /^(0|[1-9][0-9]{0,2})(\.[0-9]{1,6})?$/;
const MULTIPLE = /^(0|[1-9][0-9]?)(\.[0-9]{1,6})?$/;

/** A new facility: disbursed today, monthly annuity, the servicing defaults of the API. */
export function defaultFormValues(today: string = todayUtc()): FacilityFormValues {
  return {
    structure: 'fixed-rate',
    name: '',
    lender: '',
    notes: '',
    principal: '',
    startDate: today,
    graceDays: '5',
    defaultAfterDays: '90',
    rate: '',
    periods: '12',
    frequency: 'monthly',
    amortization: 'annuity',
    dayCount: '30/360',
    balloon: '',
    firstDueDate: '',
    lateFeePct: '0',
    penaltyAprPct: '0',
    prepaymentFeePct: '0',
    prepaymentMode: 'reduce-payment',
    allocationOrder: ALLOCATION_ORDERS[0],
    sharePct: '',
    targetMultiple: '1.25',
    tailSharePct: '0',
    minimumPayment: '',
    termMonths: '24',
    atTermCap: 'due',
  };
}

/** The form filled from a saved facility, for editing. */
export function valuesFromDetail(detail: Pick<FacilityDetail, 'facility' | 'notes' | 'terms'>): FacilityFormValues {
  const base = { ...defaultFormValues(detail.terms.startDate), name: detail.facility.name, lender: detail.facility.lender, notes: detail.notes ?? '' };
  const { terms } = detail;
  const common = { principal: unitsForInput(terms.principal), graceDays: String(terms.graceDays), defaultAfterDays: String(terms.defaultAfterDays) };
  if (terms.structure === 'revenue-share') {
    return {
      ...base,
      ...common,
      structure: 'revenue-share',
      sharePct: terms.sharePct,
      targetMultiple: terms.targetMultiple,
      tailSharePct: terms.tailSharePct,
      minimumPayment: terms.minimumPayment === 0n ? '' : unitsForInput(terms.minimumPayment),
      termMonths: String(terms.termMonths),
      atTermCap: terms.atTermCap,
    };
  }
  return {
    ...base,
    ...common,
    structure: 'fixed-rate',
    rate: terms.annualRatePct,
    periods: String(terms.periods),
    frequency: terms.frequency,
    amortization: terms.amortization,
    dayCount: terms.dayCount,
    balloon: terms.balloon === 0n ? '' : unitsForInput(terms.balloon),
    firstDueDate: terms.firstDueDate ?? '',
    lateFeePct: terms.lateFeePct,
    penaltyAprPct: terms.penaltyAprPct,
    prepaymentFeePct: terms.prepaymentFeePct,
    prepaymentMode: terms.prepaymentMode,
    allocationOrder: terms.allocationOrder.join(','),
  };
}

/** Collects field errors while reading the typed strings. */
class Reader {
  readonly errors: FieldErrors = {};
  constructor(
    private readonly values: FacilityFormValues,
    private readonly language: string,
  ) {}

  fail(field: FacilityField, error: FieldError): void {
    this.errors[field] ??= error;
  }

  text(field: 'name' | 'lender' | 'notes', required: boolean): string {
    const value = this.values[field].trim();
    if (required && value === '') this.fail(field, { kind: 'required' });
    if (value.length > LIMITS[field]) this.fail(field, { kind: 'tooLong', max: LIMITS[field] });
    return value;
  }

  /** An amount in whole units; whole cents, as the ledger requires of principal, balloon and minimum. */
  cents(field: FacilityField, required: boolean): bigint {
    const parsed = parseCostInput(this.values[field], this.language);
    if (!parsed.ok) {
      this.fail(field, { kind: parsed.error });
      return 0n;
    }
    if (parsed.value === null) {
      if (required) this.fail(field, { kind: 'required' });
      return 0n;
    }
    if (parsed.value % CENT !== 0n) this.fail(field, { kind: 'cents' });
    if (required && parsed.value <= 0n) this.fail(field, { kind: 'positive' });
    return parsed.value;
  }

  /** An exact decimal string; the language's decimal comma is accepted. */
  decimal(field: FacilityField, pattern: RegExp, kind: 'percent' | 'multiple'): string {
    const value = this.values[field].trim().replace(',', '.');
    if (value === '') this.fail(field, { kind: 'required' });
    else if (!pattern.test(value)) this.fail(field, { kind });
    return value;
  }

  integer(field: FacilityField, min: number, max: number): number {
    const text = this.values[field].trim();
    const value = Number(text);
    if (text === '') this.fail(field, { kind: 'required' });
    else if (!/^\d+$/.test(text) || value < min || value > max) this.fail(field, { kind: 'range', min, max });
    return value;
  }

  date(field: FacilityField, required: boolean): string | null {
    const value = this.values[field].trim();
    if (value === '') {
      if (required) this.fail(field, { kind: 'required' });
      return null;
    }
    if (!isCalendarDate(value)) this.fail(field, { kind: 'date' });
    return value;
  }
}

export interface BuiltFacility {
  /** null while any field has an error. */
  terms: FacilityTerms | null;
  name: string;
  lender: string;
  notes: string | null;
  errors: FieldErrors;
}

/** Checks every field of the chosen structure and builds the terms the API takes. */
export function buildFacility(values: FacilityFormValues, language: string): BuiltFacility {
  const read = new Reader(values, language);
  const name = read.text('name', true);
  const lender = read.text('lender', true);
  const notes = read.text('notes', false);
  const terms = values.structure === 'fixed-rate' ? readFixedRate(read, values) : readRevenueShare(read, values);
  const valid = Object.keys(read.errors).length === 0;
  return { terms: valid ? terms : null, name, lender, notes: notes === '' ? null : notes, errors: read.errors };
}

function readFixedRate(read: Reader, values: FacilityFormValues): FacilityTerms {
  const principal = read.cents('principal', true);
  const balloon = read.cents('balloon', false);
  const startDate = read.date('startDate', true) ?? '';
  const firstDueDate = read.date('firstDueDate', false);
  if (balloon > 0n && principal > 0n && balloon >= principal) read.fail('balloon', { kind: 'balloonTooBig' });
  if (firstDueDate && isCalendarDate(startDate) && firstDueDate <= startDate) read.fail('firstDueDate', { kind: 'firstDueBeforeStart' });
  return {
    structure: 'fixed-rate',
    principal,
    annualRatePct: read.decimal('rate', PERCENT, 'percent'),
    periods: read.integer('periods', 1, 600),
    frequency: values.frequency,
    amortization: values.amortization,
    balloon,
    startDate,
    firstDueDate,
    dayCount: values.dayCount,
    graceDays: read.integer('graceDays', 0, 365),
    defaultAfterDays: read.integer('defaultAfterDays', 1, 3650),
    lateFeePct: read.decimal('lateFeePct', PERCENT, 'percent'),
    penaltyAprPct: read.decimal('penaltyAprPct', PERCENT, 'percent'),
    prepaymentFeePct: read.decimal('prepaymentFeePct', PERCENT, 'percent'),
    prepaymentMode: values.prepaymentMode,
    allocationOrder: values.allocationOrder.split(',') as AllocationBucket[],
  };
}

function readRevenueShare(read: Reader, values: FacilityFormValues): FacilityTerms {
  return {
    structure: 'revenue-share',
    principal: read.cents('principal', true),
    startDate: read.date('startDate', true) ?? '',
    sharePct: read.decimal('sharePct', PERCENT, 'percent'),
    targetMultiple: read.decimal('targetMultiple', MULTIPLE, 'multiple'),
    tailSharePct: read.decimal('tailSharePct', PERCENT, 'percent'),
    minimumPayment: read.cents('minimumPayment', false),
    termMonths: read.integer('termMonths', 1, 600),
    atTermCap: values.atTermCap,
    graceDays: read.integer('graceDays', 0, 365),
    defaultAfterDays: read.integer('defaultAfterDays', 1, 3650),
  };
}

/** The calculator's part of fixed-rate terms (ledger.schedule.preview takes no servicing fields). */
export function scheduleTermsOf(terms: Extract<FacilityTerms, { structure: 'fixed-rate' }>): ScheduleTerms {
  const { principal, annualRatePct, periods, frequency, amortization, balloon, startDate, firstDueDate, dayCount } = terms;
  return { principal, annualRatePct, periods, frequency, amortization, balloon, startDate, firstDueDate, dayCount };
}

/** API field names that differ from the form's. */
const FIELD_OF_PATH: Record<string, FacilityField> = { annualRatePct: 'rate' };

/**
 * The server's `invalid-input` issues on the fields they name: "terms.balloon" (create, update,
 * revenue-share preview) or "balloon" (schedule preview). Issues on no known field are returned
 * apart, to be shown above the form.
 */
export function errorsFromIssues(issues: { path: string; message: string }[], values: FacilityFormValues): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const key = issue.path.replace(/^terms\./, '').split('.')[0] ?? '';
    const field = FIELD_OF_PATH[key] ?? (key in values ? (key as FacilityField) : null);
    if (field && field !== 'structure') fields[field] ??= { kind: 'server', message: issue.message };
    else other.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return { fields, other };
}

/** Terms as comparable text (bigints as strings), to tell whether an edit changed them. */
export function termsKey(terms: FacilityTerms): string {
  return JSON.stringify(terms, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}
