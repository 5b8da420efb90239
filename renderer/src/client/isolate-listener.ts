/**
 * Wraps a listener so that one that throws (a bad payload failing to decode, a bug in a
 * store) is reported and does not stop the others, nor kill the socket's message handler.
 */
export function isolateListener<T>(listener: (value: T) => void, context: string): (value: T) => void {
  return (value) => {
    try {
      listener(value);
    } catch (error) {
      reportListenerError(error, context);
    }
  };
}

export function reportListenerError(error: unknown, context: string): void {
  console.error(`[sietch] listener for ${context} failed`, error);
}
