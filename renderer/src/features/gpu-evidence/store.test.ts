import { beforeEach, describe, expect, it } from 'vitest';
import type { GpuEvidenceStatus } from '../../../../electron/contract/gpu-evidence-api';
import { fakeClient } from '../inventory/test-assets';
import { loadGpuEvidence, mergeRecords, resetGpuEvidenceStore, useGpuEvidenceStore } from './store';
import { rejectedRecord, testRecord } from './test-records';

const STATUS: GpuEvidenceStatus = { source: 'command', rootSubject: 'CN=NVIDIA Device Identity CA, O=NVIDIA Corporation', problem: null, lastCollectionAt: '2026-11-24T15:00:02.000Z', counters: { collected: 2, verified: 1, rejected: 1, failed: 0 } };
const OTHER = 'gpu:GPU-0b9c8d7e-6f50-4132-a1b2-c3d4e5f60718';

beforeEach(() => resetGpuEvidenceStore());

describe('the GPU evidence store', () => {
  it('holds each GPU latest record by asset id, and the collection status', async () => {
    const client = fakeClient({
      'attest.gpu.latest': async () => ({ records: [testRecord(), rejectedRecord({ assetId: OTHER })] }),
      'attest.gpu.status': async () => STATUS,
    });
    expect(useGpuEvidenceStore.getState().records).toBeUndefined();
    await loadGpuEvidence(client);
    const { records, status, error } = useGpuEvidenceStore.getState();
    expect([...records!.keys()]).toEqual([testRecord().assetId, OTHER]);
    expect(records!.get(OTHER)?.failure?.check).toBe('signature');
    expect(status).toEqual(STATUS);
    expect(error).toBeNull();
  });

  it('keeps the records on screen when a reload fails, with the error to show', async () => {
    let fail = false;
    const client = fakeClient({
      'attest.gpu.latest': async () => {
        if (fail) throw { code: 'unavailable', message: 'server gone' };
        return { records: [testRecord()] };
      },
      'attest.gpu.status': async () => STATUS,
    });
    await loadGpuEvidence(client);
    fail = true;
    await loadGpuEvidence(client);
    expect(useGpuEvidenceStore.getState().records?.size).toBe(1);
    expect(useGpuEvidenceStore.getState().error).toEqual({ code: 'unavailable', message: 'server gone' });
  });

  it('keeps the same object for a record that did not change, and takes the new one for a new epoch', () => {
    const first = testRecord();
    const other = testRecord({ assetId: OTHER });
    const previous = mergeRecords(undefined, [first, other]);
    // The same rows, as a reload parses them again: equal, but new objects.
    const next = mergeRecords(previous, [testRecord(), testRecord({ assetId: OTHER, epochSeq: 13, collectedAt: '2026-11-24T16:00:02.000Z' })]);
    expect(next.get(first.assetId)).toBe(first);
    expect(next.get(OTHER)).not.toBe(other);
    expect(next.get(OTHER)?.epochSeq).toBe(13);
    // A GPU no longer listed (retired) is dropped.
    expect(mergeRecords(next, [testRecord()]).size).toBe(1);
  });

  it('takes the new record when the verdict changed within an epoch', () => {
    const previous = mergeRecords(undefined, [testRecord()]);
    const next = mergeRecords(previous, [rejectedRecord()]);
    expect(next.get(testRecord().assetId)?.verified).toBe(false);
  });
});
