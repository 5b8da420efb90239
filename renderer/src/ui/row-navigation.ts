/** The keys that move the selected row, and where each one goes. */
export type NavigationKey = 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

const KEYS: ReadonlySet<string> = new Set<NavigationKey>(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

export function isNavigationKey(key: string): key is NavigationKey {
  return KEYS.has(key);
}

/**
 * The row index a key moves to. With nothing selected yet, any key starts at the first row
 * (End at the last). `pageSize` is how many rows fit on screen, so PageDown shows the next screenful.
 */
export function nextRowIndex(key: NavigationKey, current: number, rowCount: number, pageSize: number): number {
  if (rowCount === 0) return -1;
  const last = rowCount - 1;
  if (current < 0) return key === 'End' ? last : 0;
  const page = Math.max(1, pageSize - 1);
  const target = { ArrowUp: current - 1, ArrowDown: current + 1, PageUp: current - page, PageDown: current + page, Home: 0, End: last }[key];
  return Math.min(last, Math.max(0, target));
}
