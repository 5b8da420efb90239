import type { KeyboardEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { gridPageSize, handleGridKey, isRowDrawn } from './grid-keyboard';

const grid = {} as EventTarget;

/** The parts of a React keyboard event the handler reads; target is the grid unless told. */
function keyEvent(key: string, extra: Partial<{ target: EventTarget; altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) {
  const event = { key, target: grid, currentTarget: grid, altKey: false, ctrlKey: false, metaKey: false, preventDefault: vi.fn(), ...extra };
  return event as unknown as KeyboardEvent<HTMLDivElement> & { preventDefault: ReturnType<typeof vi.fn> };
}

function actions(selectedIndex: number) {
  return { selectedIndex, rowCount: 100, pageSize: () => 12, moveTo: vi.fn(), open: vi.fn(), otherKey: vi.fn() };
}

describe('handleGridKey', () => {
  it('moves by row, by screenful and to the ends', () => {
    const cases: [string, number][] = [
      ['ArrowDown', 6],
      ['ArrowUp', 4],
      ['PageDown', 16],
      ['PageUp', 0],
      ['Home', 0],
      ['End', 99],
    ];
    for (const [key, expected] of cases) {
      const handlers = actions(5);
      const event = keyEvent(key);
      handleGridKey(event, handlers);
      expect(handlers.moveTo, key).toHaveBeenCalledWith(expected);
      expect(event.preventDefault).toHaveBeenCalled();
      expect(handlers.open).not.toHaveBeenCalled();
    }
  });

  it('opens on Enter and Space, and hands other keys on', () => {
    for (const key of ['Enter', ' ']) {
      const handlers = actions(3);
      handleGridKey(keyEvent(key), handlers);
      expect(handlers.open).toHaveBeenCalledTimes(1);
      expect(handlers.moveTo).not.toHaveBeenCalled();
    }
    const handlers = actions(3);
    const left = keyEvent('ArrowLeft');
    handleGridKey(left, handlers);
    expect(handlers.otherKey).toHaveBeenCalledWith(left);
    expect(left.preventDefault).not.toHaveBeenCalled();
  });

  it('leaves chords and keys aimed inside the grid (a sort button) alone', () => {
    const events = [keyEvent('ArrowDown', { ctrlKey: true }), keyEvent('End', { altKey: true }), keyEvent('Enter', { metaKey: true }), keyEvent('Enter', { target: {} as EventTarget })];
    for (const event of events) {
      const handlers = actions(3);
      handleGridKey(event, handlers);
      expect(handlers.moveTo).not.toHaveBeenCalled();
      expect(handlers.open).not.toHaveBeenCalled();
      expect(handlers.otherKey).not.toHaveBeenCalled();
      expect(event.preventDefault).not.toHaveBeenCalled();
    }
  });
});

describe('gridPageSize', () => {
  it('counts the whole rows under the header, ten before the grid is laid out', () => {
    expect(gridPageSize({ clientHeight: 632 } as HTMLElement, { rowHeight: 30, headerHeight: 32 })).toBe(20);
    expect(gridPageSize({ clientHeight: 650 } as HTMLElement, { rowHeight: 30, headerHeight: 32 })).toBe(20);
    expect(gridPageSize(null, { rowHeight: 30, headerHeight: 32 })).toBe(8);
  });
});

describe('isRowDrawn', () => {
  const items = [7, 8, 9].map((index) => ({ index, key: index, start: index * 30, end: index * 30 + 30, size: 30, lane: 0 }));
  it('is true only for a selected row among those drawn', () => {
    expect(isRowDrawn(items, 8)).toBe(true);
    expect(isRowDrawn(items, 10)).toBe(false);
    expect(isRowDrawn(items, -1)).toBe(false);
  });
});
