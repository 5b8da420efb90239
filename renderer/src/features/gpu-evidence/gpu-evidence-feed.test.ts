import { beforeEach, describe, expect, it } from 'vitest';
import { manualTimers } from '../../client/manual-timers';
import { fakeClient } from '../inventory/test-assets';
import { clearEvidenceDetail, loadEvidenceDetail, useEvidenceDetailStore } from './evidence-detail-store';
import { bindGpuEvidenceFeed } from './gpu-evidence-feed';
import { resetGpuEvidenceStore, useGpuEvidenceStore } from './store';
import { testRecord } from './test-records';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const SHOWN = testRecord().assetId;
const OTHER = 'gpu:GPU-0b9c8d7e-6f50-4132-a1b2-c3d4e5f60718';
const STATUS = { source: 'command', rootSubject: 'CN=root', problem: null, lastCollectionAt: null, counters: { collected: 0, verified: 0, rejected: 0, failed: 0 } };

beforeEach(() => {
  resetGpuEvidenceStore();
  clearEvidenceDetail();
});

function setup() {
  const calls: string[] = [];
  let epoch = 12;
  const listeners = new Map<string, (payload: unknown) => void>();
  const client = fakeClient(
    {
      'attest.gpu.latest': async () => {
        calls.push('latest');
        return { records: [testRecord({ epochSeq: epoch }), testRecord({ assetId: OTHER, epochSeq: epoch })] };
      },
      'attest.gpu.status': async () => {
        calls.push('status');
        return STATUS;
      },
      'attest.gpu.get': async (input) => {
        calls.push(`get ${(input as { assetId: string }).assetId}`);
        return { record: testRecord({ epochSeq: epoch }), evidence: null };
      },
    },
    listeners,
  );
  return { client, calls, listeners, setEpoch: (value: number) => (epoch = value) };
}

describe('the GPU evidence feed', () => {
  it('reloads the records and the status once per burst of onGpuEvidenceChanged, and the drawer GPU when it changed', async () => {
    const { client, calls, listeners, setEpoch } = setup();
    await loadEvidenceDetail(client, SHOWN);
    calls.length = 0;
    const timers = manualTimers();
    const stop = bindGpuEvidenceFeed(client, 300, timers);
    setEpoch(13);
    // The node announces the GPUs one after another as their evidence is checked.
    for (const assetId of [OTHER, SHOWN]) listeners.get('onGpuEvidenceChanged')!({ assetIds: [assetId], at: '2026-11-24T16:00:02.000Z' });
    expect(timers.pending()).toBe(1);
    timers.fire();
    await flush();
    expect(calls.sort()).toEqual([`get ${SHOWN}`, 'latest', 'status']);
    expect(useGpuEvidenceStore.getState().records?.get(OTHER)?.epochSeq).toBe(13);
    expect(useEvidenceDetailStore.getState().detail?.record.epochSeq).toBe(13);
    stop();
    expect(listeners.has('onGpuEvidenceChanged')).toBe(false);
  });

  it('leaves the drawer GPU alone when the evidence that changed is another GPU', async () => {
    const { client, calls, listeners } = setup();
    await loadEvidenceDetail(client, SHOWN);
    calls.length = 0;
    const timers = manualTimers();
    bindGpuEvidenceFeed(client, 300, timers);
    listeners.get('onGpuEvidenceChanged')!({ assetIds: [OTHER], at: '2026-11-24T16:00:02.000Z' });
    timers.fire();
    await flush();
    expect(calls.sort()).toEqual(['latest', 'status']);
  });
});
