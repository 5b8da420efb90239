import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../inventory/test-assets';
import { clearEvidenceDetail, loadEvidenceDetail, useEvidenceDetailStore } from './evidence-detail-store';
import { testRecord } from './test-records';

const A = testRecord().assetId;
const B = 'gpu:GPU-0b9c8d7e-6f50-4132-a1b2-c3d4e5f60718';

beforeEach(() => clearEvidenceDetail());

describe("the drawer's GPU evidence", () => {
  it('reads "no evidence for this GPU" (not found) as an answer to explain, not as a failure', async () => {
    const client = fakeClient({ 'attest.gpu.get': async () => Promise.reject({ code: 'not-found', message: `no GPU evidence for ${A}` }) });
    await loadEvidenceDetail(client, A);
    expect(useEvidenceDetailStore.getState()).toMatchObject({ assetId: A, detail: null, error: null });
  });

  it('keeps any other failure to show, without pretending there is no evidence', async () => {
    const client = fakeClient({ 'attest.gpu.get': async () => Promise.reject({ code: 'unavailable', message: 'server gone' }) });
    await loadEvidenceDetail(client, A);
    expect(useEvidenceDetailStore.getState()).toMatchObject({ detail: undefined, error: { code: 'unavailable', message: 'server gone' } });
  });

  it('keeps only the answer for the GPU still shown, whatever order the answers arrive in', async () => {
    const pending = new Map<string, (value: unknown) => void>();
    const client = fakeClient({ 'attest.gpu.get': (input) => new Promise((resolve) => pending.set((input as { assetId: string }).assetId, resolve)) });
    const first = loadEvidenceDetail(client, A);
    const second = loadEvidenceDetail(client, B);
    pending.get(B)!({ record: testRecord({ assetId: B }), evidence: null });
    pending.get(A)!({ record: testRecord(), evidence: null });
    await Promise.all([first, second]);
    expect(useEvidenceDetailStore.getState().assetId).toBe(B);
    expect(useEvidenceDetailStore.getState().detail?.record.assetId).toBe(B);
  });

  it('keeps the shown evidence while the same GPU reloads (no flicker), and forgets it on another GPU', async () => {
    let resolveNext: ((value: unknown) => void) | null = null;
    const client = fakeClient({ 'attest.gpu.get': (input) => (resolveNext === null ? Promise.resolve({ record: testRecord({ assetId: (input as { assetId: string }).assetId }), evidence: null }) : new Promise((resolve) => (resolveNext = resolve))) });
    await loadEvidenceDetail(client, A);
    resolveNext = () => undefined;
    void loadEvidenceDetail(client, A);
    expect(useEvidenceDetailStore.getState().detail?.record.assetId).toBe(A);
    void loadEvidenceDetail(client, B);
    expect(useEvidenceDetailStore.getState().detail).toBeUndefined();
  });
});
