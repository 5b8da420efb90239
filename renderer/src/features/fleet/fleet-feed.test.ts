import { beforeEach, describe, expect, it } from 'vitest';
import type { FleetSourceStatus } from '../../../../electron/contract/schemas/fleet';
import { manualTimers } from '../../client/manual-timers';
import { fakeClient } from '../inventory/test-assets';
import { bindFleetFeed } from './fleet-feed';
import { forgetSource, loadFleet, receiveAddedSource, resetFleetStore, useFleetStore } from './store';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function source(id: string, state: FleetSourceStatus['state'] = 'ok'): FleetSourceStatus {
  return { id, name: id, kind: 'targets', origin: 'settings', site: null, endpoint: '1 target', state, message: null, lastReadAt: null, durationMs: null, bytes: null, hosts: 1, gpus: 1, errors: 0, consecutiveFailures: 0, targets: [], warnings: [] };
}

beforeEach(() => resetFleetStore());

describe('the fleet feed', () => {
  it('reloads the sources and their hosts once per burst of onFleetSourcesChanged', async () => {
    const calls: string[] = [];
    let state: FleetSourceStatus['state'] = 'never-read';
    const listeners = new Map<string, (payload: unknown) => void>();
    const client = fakeClient(
      {
        'fleet.sources.list': async () => {
          calls.push('sources');
          return { refreshSeconds: 60, sources: [source('src_a', state)] };
        },
        'fleet.hosts.list': async () => {
          calls.push('hosts');
          return { hosts: [{ hostId: 'host:fleet:gpu-07', hostname: 'gpu-07', sourceId: 'src_a', sourceName: 'src_a', site: 'par-2', target: 'gpu-07:9400', lastSeen: '2026-11-24T15:00:00.000Z' }] };
        },
      },
      listeners,
    );
    await loadFleet(client);
    expect(useFleetStore.getState().sources?.map((entry) => entry.state)).toEqual(['never-read']);
    expect(useFleetStore.getState().hosts.get('host:fleet:gpu-07')?.site).toBe('par-2');
    calls.length = 0;

    const timers = manualTimers();
    const stop = bindFleetFeed(client, 250, timers);
    state = 'down';
    for (let sweep = 0; sweep < 5; sweep += 1) listeners.get('onFleetSourcesChanged')!({ at: `2026-11-24T15:00:0${sweep}.000Z` });
    expect(timers.pending()).toBe(1);
    timers.fire();
    await flush();
    expect(calls.sort()).toEqual(['hosts', 'sources']);
    expect(useFleetStore.getState().sources?.map((entry) => entry.state)).toEqual(['down']);
    stop();
    expect(listeners.has('onFleetSourcesChanged')).toBe(false);
  });

  it('keeps the last list when a reload fails, with the error to show', async () => {
    let fail = false;
    const client = fakeClient({
      'fleet.sources.list': async () => {
        if (fail) throw { code: 'unavailable', message: 'server gone' };
        return { refreshSeconds: 60, sources: [source('src_a')] };
      },
      'fleet.hosts.list': async () => ({ hosts: [] }),
    });
    await loadFleet(client);
    fail = true;
    await loadFleet(client);
    expect(useFleetStore.getState().sources).toHaveLength(1);
    expect(useFleetStore.getState().error).toEqual({ code: 'unavailable', message: 'server gone' });
  });

  it('shows an added source at once and drops a removed one, before the reload', () => {
    useFleetStore.setState({ sources: [source('src_a')] });
    receiveAddedSource(source('src_b', 'never-read'));
    receiveAddedSource(source('src_b', 'never-read'));
    expect(useFleetStore.getState().sources?.map((entry) => entry.id)).toEqual(['src_a', 'src_b']);
    forgetSource('src_a');
    expect(useFleetStore.getState().sources?.map((entry) => entry.id)).toEqual(['src_b']);
  });
});
