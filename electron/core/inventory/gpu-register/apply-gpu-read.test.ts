import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpuRead, gpuReading } from '../../../../test/support/gpu-reads';
import { useTempDirs } from '../../../../test/support/temp-dir';
import { AssetQueries } from '../../assets/asset-queries';
import { AssetRegister } from '../../assets/asset-register';
import { openDatabase } from '../../db/open';
import { Journal } from '../../journal/journal';
import { applyGpuRead } from './apply-gpu-read';

const tempDir = useTempDirs();
const HOST = 'host:4c4c4544-0051-3910-8036-b4c04f4e3433';
const options = { missingAfterSweeps: 3, sampleRetentionMs: 3600_000 };

function setup() {
  const db = openDatabase(join(tempDir(), 'sietch.db'));
  const journal = new Journal(db);
  const register = new AssetRegister(db, journal);
  let minute = 0;
  const sweep = (read: ReturnType<typeof gpuRead>) => applyGpuRead({ db, register, journal }, HOST, read, new Date(Date.UTC(2026, 10, 24, 0, minute++)), options);
  return { db, journal, queries: new AssetQueries(db, journal), sweep };
}

const kinds = (journal: Journal) => journal.list(0, 1000).map((entry) => `${entry.kind} ${entry.entity}`);

describe('applying GPU reads to the register', () => {
  it('registers each GPU once under its UUID, with health, readings and a sample', () => {
    const { journal, queries, sweep } = setup();
    const eight = Array.from({ length: 8 }, (_, index) => gpuReading({ index }));
    sweep(gpuRead(eight));
    sweep(gpuRead(eight));
    const gpus = queries.list('gpu');
    expect(gpus).toHaveLength(8);
    expect(gpus[0]).toMatchObject({ id: 'gpu:GPU-0000aaaa-0000-0000-0000-000000000000', hostId: HOST, status: 'present', health: { status: 'ok', reasons: [] }, utilizationGpuPct: 50, memoryTotalMiB: 81559 });
    expect(kinds(journal).filter((line) => line.startsWith('asset.discovered'))).toHaveLength(8);
    expect(journal.list(0, 100)).toHaveLength(8); // the second, identical sweep journals nothing
    expect(queries.detail(gpus[0]!.id)!.samples).toHaveLength(2);
  });

  it('never merges GPUs whose UUIDs are identical or masked', () => {
    const { queries, sweep } = setup();
    sweep(gpuRead([gpuReading({ index: 0, uuid: 'GPU-same' }), gpuReading({ index: 1, uuid: 'GPU-same' }), gpuReading({ index: 2, uuid: null }), gpuReading({ index: 3, uuid: null })]));
    const ids = queries.list('gpu').map((gpu) => gpu.id);
    expect(ids).toHaveLength(4);
    expect(ids).toEqual(expect.arrayContaining([`gpu:${HOST}:00000000:18:00.0`, `gpu:${HOST}:00000000:28:00.0`, `gpu:${HOST}:00000000:38:00.0`, `gpu:${HOST}:00000000:48:00.0`]));
  });

  it('declares a GPU missing after N sweeps without it, and journals its return', () => {
    const { journal, queries, sweep } = setup();
    const two = [gpuReading({ index: 0 }), gpuReading({ index: 1 })];
    sweep(gpuRead(two));
    sweep(gpuRead([two[0]!]));
    sweep(gpuRead([two[0]!]));
    expect(queries.list('gpu').find((gpu) => gpu.id.endsWith('01'))!.status).toBe('present');
    sweep(gpuRead([two[0]!]));
    const missing = queries.list('gpu').find((gpu) => gpu.id.endsWith('01'))!;
    expect(missing.status).toBe('missing');
    expect(missing.health.reasons).toEqual(['missing']);
    sweep(gpuRead(two));
    expect(queries.list('gpu').find((gpu) => gpu.id.endsWith('01'))!.status).toBe('present');
    expect(kinds(journal).slice(-2)).toEqual(['asset.missing gpu:GPU-0000aaaa-0000-0000-0000-000000000001', 'asset.returned gpu:GPU-0000aaaa-0000-0000-0000-000000000001']);
  });

  it('journals an identity mismatch when another GPU answers in a known PCI slot', () => {
    const { journal, sweep } = setup();
    sweep(gpuRead([gpuReading({ index: 0 })]));
    sweep(gpuRead([gpuReading({ index: 0, uuid: 'GPU-swapped-in', serial: '1320999999999' })]));
    const mismatch = journal.list(0, 100).find((entry) => entry.kind === 'asset.identity-mismatch')!;
    expect(mismatch.entity).toBe('gpu:GPU-0000aaaa-0000-0000-0000-000000000000');
    expect(mismatch.payload).toMatchObject({ pciBusId: '00000000:18:00.0', registered: { serial: '1320720000000' }, found: { assetId: 'gpu:GPU-swapped-in', serial: '1320999999999' } });
  });

  it('journals a changed serial under the same UUID as an identity change', () => {
    const { journal, sweep } = setup();
    sweep(gpuRead([gpuReading({ index: 0 })]));
    sweep(gpuRead([gpuReading({ index: 0, serial: '1320000000999' })]));
    expect(kinds(journal)).toContain('asset.identity-changed gpu:GPU-0000aaaa-0000-0000-0000-000000000000');
  });

  it('marks GPUs unknown on a timeout without counting it as a miss', () => {
    const { journal, queries, sweep } = setup();
    sweep(gpuRead([gpuReading({ index: 0 })]));
    for (let i = 0; i < 5; i += 1) sweep(gpuRead([], 'timeout'));
    const gpu = queries.list('gpu')[0]!;
    expect(gpu.status).toBe('present');
    expect(gpu.health).toEqual({ status: 'unknown', reasons: ['nvidia-smi-timeout'] });
    expect(kinds(journal).some((line) => line.startsWith('asset.missing'))).toBe(false);
    expect(journal.verify().ok).toBe(true);
  });
});
