import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs` while the calling component is mounted. Only
 * the small components that show a clock call it, so a tick re-renders them and nothing else.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
