import { describe, expect, it } from 'vitest';
import { hashForPage, pageFromHash, PAGES } from './routes';

describe('hash routes', () => {
  it('round-trips every page', () => {
    for (const page of PAGES) expect(pageFromHash(hashForPage(page))).toBe(page);
    expect(hashForPage('inventory')).toBe('#/inventory');
  });

  it('opens Overview for an empty hash', () => {
    for (const hash of ['', '#', '#/']) expect(pageFromHash(hash)).toBe('overview');
  });

  it('reads only the first segment, leaving the rest to the page', () => {
    expect(pageFromHash('#/inventory/gpu:GPU-1234')).toBe('inventory');
    expect(pageFromHash('#/reports?seq=4')).toBe('reports');
    expect(pageFromHash('#inventory')).toBe('inventory');
    expect(pageFromHash('#/Settings')).toBe('settings');
  });

  it('returns null for anything else', () => {
    expect(pageFromHash('#/nope')).toBeNull();
    expect(pageFromHash('#main-content')).toBeNull();
    expect(pageFromHash('#/%E0%A4%A')).toBeNull();
  });
});
