import { useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_PAGE, hashForPage, pageFromHash, type PageId } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
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

export function navigateTo(page: PageId): void {
  window.location.hash = hashForPage(page);
}
