/**
 * Orders answers that may arrive out of order: each request takes a ticket when it is sent,
 * and an answer is applied only if no later-sent request's answer was applied before it. A
 * status poll sent before Stop and answered after it must not show the node running again.
 */
export interface LatestOnly {
  /** Call when sending; returns the ticket. */
  issue(): number;
  /** Call with the ticket when the answer arrives: true if it should be applied. */
  accept(ticket: number): boolean;
  reset(): void;
}

export function latestOnly(): LatestOnly {
  let issued = 0;
  let applied = 0;
  return {
    issue: () => ++issued,
    accept: (ticket) => {
      if (ticket < applied) return false;
      applied = ticket;
      return true;
    },
    reset: () => {
      issued = 0;
      applied = 0;
    },
  };
}
