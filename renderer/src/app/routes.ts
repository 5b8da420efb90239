/** The seven pages, in navigation order; Alt+1..Alt+7 follow this order. */
export const PAGES = ['overview', 'inventory', 'robots', 'node', 'finance', 'reports', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

export const DEFAULT_PAGE: PageId = 'overview';

export function isPageId(value: string): value is PageId {
  return (PAGES as readonly string[]).includes(value);
}

/**
 * Hash routes (#/inventory) so deep links work from file:// and app:// with no server
 * routing. Only the first segment picks the page; later ones are for the page itself.
 * An empty hash is the default page; anything unrecognised is null.
 */
export function pageFromHash(hash: string): PageId | null {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  if (path === '') return DEFAULT_PAGE;
  const first = decodeSegment(path.split(/[/?]/)[0] ?? '');
  return isPageId(first) ? first : null;
}

export function hashForPage(page: PageId): string {
  return `#/${page}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}
