import { useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_PAGE, hashForPage, pageFromHash, type PageId } from './routes';

// Components re-render from here, not only from 'hashchange': that event arrives a task later,
// and a page that has already changed its URL should already show the new page.
const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('hashchange', onChange);
  };
}

const readHash = (): string => window.location.hash;

/** The page named by location.hash; an unknown hash is replaced by the default page. */
export function useHashRoute(): PageId {
  const hash = useSyncExternalStore(subscribe, readHash);
  const page = pageFromHash(hash);
  useEffect(() => {
    // replace, not assign: Back should not return to the bad link.
    if (page === null) window.location.replace(hashForPage(DEFAULT_PAGE));
  }, [page]);
  return page ?? DEFAULT_PAGE;
}

/** Goes to a page (one history entry, as a link would) and re-renders at once. */
export function navigateTo(page: PageId): void {
  const hash = hashForPage(page);
  if (window.location.hash !== hash) window.location.hash = hash;
  listeners.forEach((listener) => listener());
}
