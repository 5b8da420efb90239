import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../inventory/test-assets';
import { bindFinanceFeed } from './finance-feed';
import { loadFacilities, receiveSummary, resetFinanceStore, showView, useFinanceStore } from './store';
import { manualTimers } from '../../client/manual-timers';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const summary = (id: string, name = id) => ({ id, name, version: 1 }) as never;

beforeEach(resetFinanceStore);

describe('the finance feed', () => {
  it('gathers a window of changes into one list reload, and reloads the shown facility only when it changed', async () => {
    const calls: string[] = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const client = fakeClient(
      {
        'ledger.facilities.list': async () => {
          calls.push('list');
          return { asOf: '2026-11-24', facilities: [] };
        },
        'ledger.facility.get': async (input) => {
          calls.push(`get ${(input as { id: string }).id}`);
          return { facility: summary('fac-1') };
        },
      },
      listeners,
    );
    showView({ kind: 'detail', id: 'fac-1' });
    const timers = manualTimers();
    const stop = bindFinanceFeed(client, 250, timers);
    const announce = listeners.get('onFacilitiesChanged')!;
    for (let change = 0; change < 20; change += 1) announce({ ids: [change === 3 ? 'fac-1' : `fac-x${change}`], at: '2026-11-24T15:00:00.000Z' });
    expect(timers.pending()).toBe(1);
    timers.fire();
    await settle();
    expect(calls.sort()).toEqual(['get fac-1', 'list']);

    calls.length = 0;
    announce({ ids: ['fac-other'], at: '2026-11-24T15:00:01.000Z' });
    timers.fire();
    await settle();
    expect(calls).toEqual(['list']);
    stop();
    expect(listeners.has('onFacilitiesChanged')).toBe(false);
  });
});

describe('the finance store', () => {
  it('asks again after a list in flight rather than in parallel', async () => {
    let answered = 0;
    const client = fakeClient({ 'ledger.facilities.list': async () => ({ asOf: '2026-11-24', facilities: [summary(`f${++answered}`)] }) });
    const first = loadFacilities(client);
    void loadFacilities(client);
    await first;
    expect(answered).toBe(2);
    expect(useFinanceStore.getState().facilities).toEqual([summary('f2')]);
  });

  it('replaces or adds a summary from a save, and drops a detail that belongs to another facility', () => {
    useFinanceStore.setState({ facilities: [summary('a'), summary('b')], detail: { facility: summary('a') } as never, view: { kind: 'detail', id: 'a' } });
    receiveSummary(summary('b', 'renamed'));
    receiveSummary(summary('c'));
    expect(useFinanceStore.getState().facilities?.map((facility) => facility.name)).toEqual(['a', 'renamed', 'c']);
    showView({ kind: 'detail', id: 'b' });
    expect(useFinanceStore.getState().detail).toBeUndefined();
    expect(useFinanceStore.getState().selectedId).toBe('b');
  });
});
