import { describe, expect, it } from 'vitest';
import { buildEdit, isCalendarDate, valuesFromDetail } from './edit-form';
import { testAsset } from './test-assets';

const loaded = { asset: testAsset({ site: 'PAR-1', rack: 'R07', acquisitionCost: 28_500_500_000n, acquisitionDate: '2025-03-15' }), notes: 'bought with facility A' };

describe('the cost book form', () => {
  it('starts from the asset as loaded', () => {
    expect(valuesFromDetail(loaded)).toEqual({ site: 'PAR-1', rack: 'R07', cost: '28500.50', date: '2025-03-15', notes: 'bought with facility A' });
    expect(valuesFromDetail({ asset: testAsset({ site: null, rack: null, acquisitionCost: null, acquisitionDate: null }), notes: null })).toEqual({ site: '', rack: '', cost: '', date: '', notes: '' });
  });

  it('sends only the fields that changed', () => {
    const values = { ...valuesFromDetail(loaded), cost: '29000', rack: ' R08 ' };
    expect(buildEdit(loaded.asset.id, values, loaded, 'en')).toEqual({ edit: { id: loaded.asset.id, rack: 'R08', acquisitionCost: 29_000_000_000n }, errors: {}, changed: true });
  });

  it('treats the same amount typed differently as no change', () => {
    const values = { ...valuesFromDetail(loaded), cost: '28 500,5' };
    expect(buildEdit(loaded.asset.id, values, loaded, 'fr')).toEqual({ edit: null, errors: {}, changed: false });
  });

  it('clears fields left empty', () => {
    const values = { site: '', rack: '', cost: '', date: '', notes: '  ' };
    expect(buildEdit(loaded.asset.id, values, loaded, 'en').edit).toEqual({ id: loaded.asset.id, site: null, rack: null, notes: null, acquisitionCost: null, acquisitionDate: null });
  });

  it('refuses bad amounts, dates and over-long text, and then sends nothing', () => {
    const values = { ...valuesFromDetail(loaded), cost: '-3', date: '2026-02-30', site: 'x'.repeat(201) };
    const result = buildEdit(loaded.asset.id, values, loaded, 'en');
    expect(result.edit).toBeNull();
    expect(result.errors).toEqual({ cost: { kind: 'negative' }, date: { kind: 'date' }, site: { kind: 'tooLong', max: 200 } });
  });

  it('knows real calendar days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-3-1')).toBe(false);
  });
});
