import { useEffect, useRef, type RefObject } from 'react';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The page's own keys: "/" jumps to the search (unless typing somewhere), Escape closes the
 * drawer (unless a modal dialog is open: Escape is that dialog's).
 */
export function useInventoryKeys({ searchRef, drawerOpen, onCloseDrawer }: { searchRef: RefObject<HTMLInputElement | null>; drawerOpen: boolean; onCloseDrawer(): void }): void {
  const latest = useRef({ drawerOpen, onCloseDrawer });
  useEffect(() => {
    latest.current = { drawerOpen, onCloseDrawer };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === '/' && !isEditable(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === 'Escape' && latest.current.drawerOpen) {
        event.preventDefault();
        latest.current.onCloseDrawer();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [searchRef]);
}
