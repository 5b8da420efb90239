import { ApiError } from '../../../contract/errors';
import type { FleetHandlers } from '../../../contract/fleet-api';
import { FleetSourceConflict, type FleetService } from './fleet-service';

/** Runs a sweep in the background of the core (tracked, so close() waits for it). */
export type Track = <T>(work: Promise<T>) => Promise<T>;

/** One handler per method of `fleetMethods`; wired into core.ts with one spread. */
export function createFleetHandlers(fleet: FleetService, track: Track): FleetHandlers {
  const conflictAsApi = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof FleetSourceConflict) throw new ApiError('conflict', error.message);
      throw error;
    }
  };
  const list = () => ({ refreshSeconds: fleet.refreshSeconds, sources: fleet.statuses() });
  return {
    'fleet.sources.list': async () => list(),
    'fleet.source.add': async (input) => {
      const status = conflictAsApi(() => fleet.add(input));
      // Read it at once (in the background): the console shows its health without waiting a whole period.
      void track(fleet.refresh()).catch(() => undefined);
      return status;
    },
    'fleet.source.remove': async ({ id }) => {
      if (!conflictAsApi(() => fleet.remove(id))) throw new ApiError('not-found', `no fleet source "${id}"`);
      return { removed: true as const };
    },
    'fleet.source.test': async (input) => {
      const result = await fleet.test(input);
      if (!result) throw new ApiError('not-found', `no fleet source "${'id' in input ? input.id : ''}"`);
      return result;
    },
    'fleet.refresh': async () => {
      await track(fleet.refresh());
      return list();
    },
    'fleet.hosts.list': async () => ({ hosts: fleet.hosts() }),
  };
}
