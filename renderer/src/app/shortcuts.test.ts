import { describe, expect, it } from 'vitest';
import { shortcutFor, shortcutLabel, type KeyPress } from './shortcuts';

const press = (overrides: Partial<KeyPress>): KeyPress => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, inEditableField: false, ...overrides });

describe('keyboard shortcuts', () => {
  it('maps Alt+1..Alt+7 to the seven pages in navigation order', () => {
    const pages = [1, 2, 3, 4, 5, 6, 7].map((digit) => shortcutFor(press({ altKey: true, key: String(digit), code: `Digit${digit}` })));
    expect(pages).toEqual(['overview', 'inventory', 'robots', 'node', 'finance', 'reports', 'settings'].map((page) => ({ type: 'navigate', page })));
  });

  it('reads the physical key, so Alt+1 works on a Mac (¡) and on AZERTY (&)', () => {
    expect(shortcutFor(press({ altKey: true, key: '¡', code: 'Digit1' }))).toEqual({ type: 'navigate', page: 'overview' });
    expect(shortcutFor(press({ altKey: true, key: '&', code: 'Digit1' }))).toEqual({ type: 'navigate', page: 'overview' });
    expect(shortcutFor(press({ altKey: true, key: '3', code: 'Numpad3' }))).toEqual({ type: 'navigate', page: 'robots' });
  });

  it('works from inside a form field too: Alt+digit types nothing useful there', () => {
    expect(shortcutFor(press({ altKey: true, code: 'Digit7', inEditableField: true }))).toEqual({ type: 'navigate', page: 'settings' });
  });

  it('ignores Alt+8, Alt+9, and Alt with Ctrl, Meta or Shift', () => {
    expect(shortcutFor(press({ altKey: true, code: 'Digit8' }))).toBeNull();
    expect(shortcutFor(press({ altKey: true, code: 'Digit9' }))).toBeNull();
    expect(shortcutFor(press({ altKey: true, ctrlKey: true, code: 'Digit1' }))).toBeNull();
    expect(shortcutFor(press({ altKey: true, metaKey: true, code: 'Digit1' }))).toBeNull();
    expect(shortcutFor(press({ altKey: true, shiftKey: true, code: 'Digit1' }))).toBeNull();
    expect(shortcutFor(press({ key: '1', code: 'Digit1' }))).toBeNull();
  });

  it('opens the help on ?, whatever the layout, but not while typing', () => {
    expect(shortcutFor(press({ key: '?', code: 'Slash', shiftKey: true }))).toEqual({ type: 'show-help' });
    expect(shortcutFor(press({ key: '?', code: 'Comma', shiftKey: true }))).toEqual({ type: 'show-help' });
    expect(shortcutFor(press({ key: '?', shiftKey: true, inEditableField: true }))).toBeNull();
    expect(shortcutFor(press({ key: '?', ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press({ key: '/', code: 'Slash' }))).toBeNull();
  });

  it('labels each page with its shortcut', () => {
    expect(shortcutLabel('overview')).toBe('Alt+1');
    expect(shortcutLabel('settings')).toBe('Alt+7');
  });
});
