/**
 * Runs `load` one at a time: a call while one is in flight asks for exactly one more run after
 * it (its answer may predate the change that prompted the call), never a parallel,
 * out-of-order one. Every caller gets the promise of the run that will include its request.
 */
export function serialized(load: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let again = false;
  return () => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          again = false;
          await load();
        } while (again);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };
}
