import { describe, expect, it } from 'vitest';
import { buildFacility, defaultFormValues, errorsFromIssues, scheduleTermsOf, termsKey, valuesFromDetail, type FacilityFormValues } from './facility-form';

const fixed = (changes: Partial<FacilityFormValues> = {}): FacilityFormValues => ({
  ...defaultFormValues('2026-07-24'),
  name: 'H100 pod A',
  lender: 'Northwind Credit',
  principal: '1000000.00',
  rate: '12.5',
  ...changes,
});

describe('buildFacility (fixed rate)', () => {
  it('builds exact terms from what was typed', () => {
    const { terms, errors, name, notes } = buildFacility(fixed({ name: '  H100 pod A ' }), 'en');
    expect(errors).toEqual({});
    expect(name).toBe('H100 pod A');
    expect(notes).toBeNull();
    expect(terms).toMatchObject({ structure: 'fixed-rate', principal: 1_000_000_000_000n, annualRatePct: '12.5', periods: 12, balloon: 0n, firstDueDate: null, allocationOrder: ['fees', 'interest', 'principal'] });
  });

  it('reads the French decimal comma and spaces as grouping', () => {
    const { terms } = buildFacility(fixed({ principal: '1 000 000,50', rate: '12,5' }), 'fr');
    expect(terms).toMatchObject({ principal: 1_000_000_500_000n, annualRatePct: '12.5' });
  });

  it('names each field that is wrong', () => {
    const { terms, errors } = buildFacility(fixed({ name: ' ', principal: '10.001', rate: '12.5%', periods: '0', startDate: '2026-02-30', balloon: '2000000' }), 'en');
    expect(terms).toBeNull();
    expect(errors).toMatchObject({
      name: { kind: 'required' },
      principal: { kind: 'cents' },
      rate: { kind: 'percent' },
      periods: { kind: 'range', min: 1, max: 600 },
      startDate: { kind: 'date' },
    });
  });

  it('refuses a balloon as large as the principal and a first due date before the start', () => {
    const { errors } = buildFacility(fixed({ balloon: '1000000', firstDueDate: '2026-07-01' }), 'en');
    expect(errors).toEqual({ balloon: { kind: 'balloonTooBig' }, firstDueDate: { kind: 'firstDueBeforeStart' } });
  });

  it('refuses a missing or zero principal, and an English comma that could be grouping', () => {
    expect(buildFacility(fixed({ principal: '' }), 'en').errors.principal).toEqual({ kind: 'required' });
    expect(buildFacility(fixed({ principal: '0' }), 'en').errors.principal).toEqual({ kind: 'positive' });
    expect(buildFacility(fixed({ principal: '1,000' }), 'en').errors.principal).toEqual({ kind: 'grouping' });
  });

  it('gives the calculator only the schedule fields', () => {
    const { terms } = buildFacility(fixed(), 'en');
    if (terms?.structure !== 'fixed-rate') throw new Error('expected fixed-rate terms');
    expect(Object.keys(scheduleTermsOf(terms)).sort()).toEqual(['amortization', 'annualRatePct', 'balloon', 'dayCount', 'firstDueDate', 'frequency', 'periods', 'principal', 'startDate']);
  });
});

describe('buildFacility (revenue share)', () => {
  it('builds revenue-share terms and ignores the fixed-rate fields', () => {
    const { terms, errors } = buildFacility(fixed({ structure: 'revenue-share', rate: 'nonsense', sharePct: '60', minimumPayment: '8000' }), 'en');
    expect(errors).toEqual({});
    expect(terms).toMatchObject({ structure: 'revenue-share', sharePct: '60', targetMultiple: '1.25', minimumPayment: 8_000_000_000n, termMonths: 24, atTermCap: 'due' });
  });

  it('checks the share and the multiple', () => {
    const { errors } = buildFacility(fixed({ structure: 'revenue-share', sharePct: '', targetMultiple: '1.2.5' }), 'en');
    expect(errors).toEqual({ sharePct: { kind: 'required' }, targetMultiple: { kind: 'multiple' } });
  });
});

describe('a saved facility in the form', () => {
  it('round-trips through the form unchanged', () => {
    const built = buildFacility(fixed({ balloon: '100000', firstDueDate: '2026-08-15', notes: 'senior' }), 'en');
    const terms = built.terms!;
    const detail = { facility: { name: built.name, lender: built.lender } as never, notes: 'senior', terms };
    const again = buildFacility(valuesFromDetail(detail), 'en');
    expect(again.errors).toEqual({});
    expect(termsKey(again.terms!)).toBe(termsKey(terms));
  });
});

describe('errorsFromIssues', () => {
  it('puts server issues on their fields and keeps the rest apart', () => {
    const result = errorsFromIssues(
      [
        { path: 'terms.balloon', message: 'balloon too big' },
        { path: 'annualRatePct', message: 'bad rate' },
        { path: 'terms.allocationOrder.1', message: 'twice' },
        { path: '', message: 'something else' },
      ],
      fixed(),
    );
    expect(result.fields).toEqual({ balloon: { kind: 'server', message: 'balloon too big' }, rate: { kind: 'server', message: 'bad rate' }, allocationOrder: { kind: 'server', message: 'twice' } });
    expect(result.other).toEqual(['something else']);
  });
});
