import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeStatus, ReportSummary } from '../../../../electron/contract/schemas/node';
import { fakeClient } from '../inventory/test-assets';
import { loadNodeStatus, resetStatusOrder, switchNode } from './node-status';
import { loadReportDetail } from './report-detail';
import { loadNewestReports, loadOlderReports, resetReportListLoads } from './report-list';
import { closeReport, initialNodeState, openReport, useNodeStore } from './store';
import { testDetail, testReport, testReports, testStatus } from './test-reports';

interface ListInput {
  beforeSeq?: number;
  limit?: number;
}

/** A server holding reports 1..newest; `signed` ones answer as signed. */
function reportServer(newest: number, calls: ListInput[] = []) {
  const server = { newest, signed: new Set<number>() };
  const list = async (input: unknown) => {
    const { beforeSeq, limit = 100 } = input as ListInput;
    calls.push({ beforeSeq, limit });
    const reports: ReportSummary[] = [];
    for (let seq = Math.min(server.newest, (beforeSeq ?? Infinity) - 1); seq >= 1 && reports.length < limit; seq -= 1) reports.push(testReport(seq, server.signed.has(seq) ? { status: 'signed' } : {}));
    return { reports };
  };
  return { server, list };
}

const state = () => useNodeStore.getState();
const seqs = () => state().reports?.map((report) => report.seq) ?? [];

beforeEach(() => {
  resetReportListLoads();
  resetStatusOrder();
  useNodeStore.setState(initialNodeState, true);
});

describe('the report list', () => {
  it('loads the newest 100, then older pages of 100 until the first report', async () => {
    const calls: ListInput[] = [];
    const { list } = reportServer(250, calls);
    const client = fakeClient({ 'node.reports.list': list });
    await loadNewestReports(client);
    expect(seqs()).toHaveLength(100);
    expect(state()).toMatchObject({ hasOlder: true });
    await loadOlderReports(client);
    await loadOlderReports(client);
    expect(seqs()).toHaveLength(250);
    expect(seqs().at(-1)).toBe(1);
    // The last page came back short: nothing older, no more calls.
    expect(state().hasOlder).toBe(false);
    await loadOlderReports(client);
    expect(calls).toEqual([{ limit: 100 }, { beforeSeq: 151, limit: 100 }, { beforeSeq: 51, limit: 100 }]);
  });

  it('puts new reports on top and refreshes changed ones deep in the list, in big pages', async () => {
    const calls: ListInput[] = [];
    const { server, list } = reportServer(300, calls);
    const client = fakeClient({ 'node.reports.list': list });
    await loadNewestReports(client);
    await loadOlderReports(client);
    await loadOlderReports(client);
    expect(seqs()).toHaveLength(300);
    calls.length = 0;
    // A key was unlocked: the backlog is signed in order, and one more epoch closed.
    server.newest = 301;
    for (let seq = 1; seq <= 301; seq += 1) server.signed.add(seq);
    await loadNewestReports(client, [...server.signed]);
    expect(seqs()[0]).toBe(301);
    expect(seqs()).toHaveLength(301);
    expect(state().reports!.every((report) => report.status === 'signed')).toBe(true);
    expect(calls).toEqual([{ limit: 100 }, { beforeSeq: 202, limit: 201 }]);
  });

  it('asks once more, not in parallel, for changes announced while a reload is in flight', async () => {
    let release!: () => void;
    const calls: ListInput[] = [];
    const { list } = reportServer(3, calls);
    const client = fakeClient({
      'node.reports.list': (input) => (calls.length === 0 ? new Promise((resolve) => (release = () => resolve(list(input)))) : list(input)),
    });
    const first = loadNewestReports(client);
    void loadNewestReports(client, [3]);
    void loadNewestReports(client, [2]);
    release();
    await first;
    await loadNewestReports(client);
    expect(calls.filter((call) => call.beforeSeq === undefined)).toHaveLength(3);
  });

  it('keeps the loaded list and shows the error when a reload fails', async () => {
    const { list } = reportServer(3);
    await loadNewestReports(fakeClient({ 'node.reports.list': list }));
    await loadNewestReports(fakeClient({ 'node.reports.list': () => Promise.reject(new Error('socket closed')) }));
    expect(seqs()).toEqual([3, 2, 1]);
    expect(state().reportsError).toEqual({ code: 'unexpected', message: 'socket closed' });
  });
});

describe('the node status', () => {
  it('does not let a poll sent before Stop, and answered after it, show the node running again', async () => {
    let answerPoll!: (status: NodeStatus) => void;
    const client = fakeClient({
      'node.status': () => new Promise((resolve) => (answerPoll = resolve)),
      'node.stop': async () => testStatus({ running: false }),
    });
    const poll = loadNodeStatus(client);
    const stop = switchNode(client, 'stop');
    expect(state().switching).toBe('stop');
    await stop;
    answerPoll(testStatus({ running: true }));
    await poll;
    expect(state().status?.running).toBe(false);
    expect(state().switching).toBeNull();
  });

  it('shows a failed switch as an error and leaves the status as it was', async () => {
    useNodeStore.setState({ status: testStatus() });
    await switchNode(fakeClient({ 'node.stop': () => Promise.reject({ code: 'conflict', message: 'already stopping' }) }), 'stop');
    expect(state()).toMatchObject({ switching: null, switchError: { code: 'conflict', message: 'already stopping' }, status: { running: true } });
  });
});

describe('the open report', () => {
  it('keeps only the detail of the report still open, and updates its row in the list', async () => {
    let releaseFirst!: () => void;
    const client = fakeClient({
      'node.report.get': (input) => {
        const { seq } = input as { seq: number };
        const detail = { ...testDetail(seq), report: testReport(seq, { status: 'signed' }) };
        return seq === 1 ? new Promise((resolve) => (releaseFirst = () => resolve(detail))) : Promise.resolve(detail);
      },
    });
    useNodeStore.setState({ reports: testReports(2, 1) });
    openReport(1);
    const first = loadReportDetail(client, 1);
    openReport(2);
    await loadReportDetail(client, 2);
    releaseFirst();
    await first;
    expect(state()).toMatchObject({ openSeq: 2, selectedSeq: 2, detail: { report: { seq: 2 } } });
    expect(state().reports!.map((report) => report.status)).toEqual(['signed', 'unsigned']);
    closeReport();
    expect(state()).toMatchObject({ openSeq: null, detail: null, selectedSeq: 2 });
  });
});
