import { describe, expect, it } from 'vitest';
import { isNavigationKey, nextRowIndex } from './row-navigation';

describe('moving the selected row', () => {
  it('steps, pages and jumps, staying inside the list', () => {
    expect(nextRowIndex('ArrowDown', 4, 100, 20)).toBe(5);
    expect(nextRowIndex('ArrowUp', 4, 100, 20)).toBe(3);
    expect(nextRowIndex('ArrowUp', 0, 100, 20)).toBe(0);
    expect(nextRowIndex('ArrowDown', 99, 100, 20)).toBe(99);
    // A page keeps one row of context: the last row of this screen is the first of the next.
    expect(nextRowIndex('PageDown', 4, 100, 20)).toBe(23);
    expect(nextRowIndex('PageUp', 4, 100, 20)).toBe(0);
    expect(nextRowIndex('PageDown', 95, 100, 20)).toBe(99);
    expect(nextRowIndex('Home', 50, 100, 20)).toBe(0);
    expect(nextRowIndex('End', 50, 100, 20)).toBe(99);
  });

  it('starts at the top (or the bottom for End) when nothing is selected', () => {
    expect(nextRowIndex('ArrowDown', -1, 100, 20)).toBe(0);
    expect(nextRowIndex('PageDown', -1, 100, 20)).toBe(0);
    expect(nextRowIndex('End', -1, 100, 20)).toBe(99);
    expect(nextRowIndex('ArrowDown', -1, 0, 20)).toBe(-1);
  });

  it('recognises only its keys', () => {
    expect(isNavigationKey('PageDown')).toBe(true);
    expect(isNavigationKey('Enter')).toBe(false);
    expect(isNavigationKey('ArrowLeft')).toBe(false);
  });
});
