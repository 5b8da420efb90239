import type { EventName, EventPayload } from '../../contract/api';
import type { Dispose } from '../../contract/client';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Typed push events for one core. Transports subscribe once and fan out to their clients. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<never>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): Dispose {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch {
        // One failing subscriber (a closed socket) must not stop the others.
      }
    }
  }
}
