import { describe, expect, it } from 'vitest';
import { appendOlder, mergeNewest, replaceLoaded, staleRun } from './report-pages';
import { testReport, testReports } from './test-reports';

const seqs = (loaded: { reports: { seq: number }[] }): number[] => loaded.reports.map((report) => report.seq);

describe('merging the newest page', () => {
  it('takes the first page as it is, and says whether older ones exist', () => {
    expect(mergeNewest(undefined, testReports(250, 151), 100)).toMatchObject({ hasOlder: true });
    expect(seqs(mergeNewest(undefined, testReports(3, 1), 100))).toEqual([3, 2, 1]);
    expect(mergeNewest(undefined, testReports(3, 1), 100).hasOlder).toBe(false);
  });

  it('puts new reports on top and replaces known ones, keeping the older pages loaded', () => {
    const loaded = { reports: testReports(300, 101), hasOlder: true };
    const head = testReports(305, 206);
    head[10] = testReport(295, { status: 'signed' });
    const merged = mergeNewest(loaded, head, 100);
    expect(merged.reports).toHaveLength(205);
    expect(merged.reports[0]!.seq).toBe(305);
    expect(merged.reports.at(-1)!.seq).toBe(101);
    expect(merged.reports.find((report) => report.seq === 295)!.status).toBe('signed');
    expect(merged.hasOlder).toBe(true);
  });

  it('drops the loaded list rather than leave a hole when more than a page closed meanwhile', () => {
    const loaded = { reports: testReports(300, 1), hasOlder: false };
    const merged = mergeNewest(loaded, testReports(500, 401), 100);
    expect(seqs(merged)).toEqual(testReports(500, 401).map((report) => report.seq));
    expect(merged.hasOlder).toBe(true);
  });

  it('follows the server when it has fewer reports than were loaded (another data directory)', () => {
    expect(seqs(mergeNewest({ reports: testReports(50, 1), hasOlder: false }, testReports(3, 1), 100))).toEqual([3, 2, 1]);
    expect(mergeNewest({ reports: testReports(50, 1), hasOlder: false }, [], 100)).toEqual({ reports: [], hasOlder: false });
  });

  it('continues from an empty list', () => {
    expect(seqs(mergeNewest({ reports: [], hasOlder: false }, testReports(2, 1), 100))).toEqual([2, 1]);
  });
});

describe('appending an older page', () => {
  it('adds a page that continues the list and stops when one comes back short', () => {
    const loaded = { reports: testReports(300, 201), hasOlder: true };
    const next = appendOlder(loaded, testReports(200, 101), 100);
    expect(next.reports).toHaveLength(200);
    expect(next.hasOlder).toBe(true);
    const last = appendOlder(next, testReports(100, 51), 100);
    expect(last.reports.at(-1)!.seq).toBe(51);
    expect(last.hasOlder).toBe(false);
  });

  it('drops a page that does not continue the list (it was replaced meanwhile)', () => {
    const loaded = { reports: testReports(600, 501), hasOlder: true };
    expect(appendOlder(loaded, testReports(200, 101), 100)).toBe(loaded);
  });
});

describe('refreshing changed reports below the newest page', () => {
  it('finds the run of loaded, changed seqs the newest page did not cover', () => {
    const loaded = testReports(400, 1);
    expect(staleRun(loaded, [12, 40, 350, 399], 301)).toEqual({ newest: 40, oldest: 12 });
    expect(staleRun(loaded, [350, 399], 301)).toBeNull();
    expect(staleRun(testReports(400, 201), [12, 40], 301)).toBeNull();
    expect(staleRun([], [1], 1)).toBeNull();
  });

  it('replaces loaded reports without adding any', () => {
    const loaded = { reports: testReports(5, 1), hasOlder: false };
    const next = replaceLoaded(loaded, [testReport(2, { status: 'signed' }), testReport(9, { status: 'signed' })]);
    expect(seqs(next)).toEqual([5, 4, 3, 2, 1]);
    expect(next.reports[3]!.status).toBe('signed');
  });
});
