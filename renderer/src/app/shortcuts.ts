import { PAGES, type PageId } from './routes';

export type ShortcutAction = { type: 'navigate'; page: PageId } | { type: 'show-help' };

/** The parts of a keydown that decide a shortcut; a plain object so the mapping is testable. */
export interface KeyPress {
  key: string;
  /** Physical key ("Digit1"): Alt+1 types "¡" on a Mac and "&" sits on that key in AZERTY. */
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** Focus is in a text field, select or contenteditable, where "?" is just a character. */
  inEditableField: boolean;
}

const DIGIT_CODE = /^(?:Digit|Numpad)([1-9])$/;

export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey) return null;
  if (press.altKey && !press.shiftKey) {
    const digit = DIGIT_CODE.exec(press.code)?.[1];
    const page = digit ? PAGES[Number(digit) - 1] : undefined;
    return page ? { type: 'navigate', page } : null;
  }
  if (!press.altKey && press.key === '?' && !press.inEditableField) return { type: 'show-help' };
  return null;
}

/** "Alt+3" for a page, as shown in the help and in aria-keyshortcuts. */
export function shortcutLabel(page: PageId): string {
  return `Alt+${PAGES.indexOf(page) + 1}`;
}
