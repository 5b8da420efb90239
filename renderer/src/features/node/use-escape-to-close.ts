import { useEffect, useRef } from 'react';

/**
 * Escape closes the report view, from anywhere on the page, except: when a modal dialog is open
 * (Escape is the dialog's), and in a search box that still holds text (Escape clears it first).
 */
export function useEscapeToClose(active: boolean, onClose: () => void): void {
  const latest = useRef({ active, onClose });
  useEffect(() => {
    latest.current = { active, onClose };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || !latest.current.active) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.target instanceof HTMLInputElement && event.target.value !== '') return;
      event.preventDefault();
      latest.current.onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
