import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../inventory/test-assets';
import { bindNodeFeed } from './node-feed';
import { resetStatusOrder } from './node-status';
import { resetReportListLoads } from './report-list';
import { initialNodeState, openReport, useNodeStore } from './store';
import { testDetail, testReports, testStatus } from './test-reports';
import { manualTimers } from '../../client/manual-timers';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  resetReportListLoads();
  resetStatusOrder();
  useNodeStore.setState(initialNodeState, true);
});

describe('the node feed', () => {
  it('gathers the announcements of one window into one reload of status, list and open report', async () => {
    const calls: string[] = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const client = fakeClient(
      {
        'node.status': async () => {
          calls.push('status');
          return testStatus();
        },
        'node.reports.list': async () => {
          calls.push('list');
          return { reports: testReports(12, 1) };
        },
        'node.report.get': async (input) => {
          calls.push(`get ${(input as { seq: number }).seq}`);
          return testDetail((input as { seq: number }).seq);
        },
      },
      listeners,
    );
    openReport(7);
    const timers = manualTimers();
    const stop = bindNodeFeed(client, 300, timers);
    const announce = listeners.get('onReportsChanged')!;
    for (let seq = 1; seq <= 12; seq += 1) announce({ seqs: [seq], at: '2026-11-24T15:00:00.000Z' });
    expect(timers.pending()).toBe(1);
    timers.fire();
    await flush();
    expect(calls.sort()).toEqual(['get 7', 'list', 'status']);
    expect(useNodeStore.getState().reports).toHaveLength(12);

    // Reports the open one is not among: status and list only.
    calls.length = 0;
    announce({ seqs: [13], at: '2026-11-24T15:00:10.000Z' });
    timers.fire();
    await flush();
    expect(calls.sort()).toEqual(['list', 'status']);

    stop();
    expect(listeners.has('onReportsChanged')).toBe(false);
  });
});
