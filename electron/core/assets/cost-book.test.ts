import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { startTestCore } from '../../../test/support/core-fixture';
import { gpuRead, gpuReading } from '../../../test/support/gpu-reads';
import { useTempDirs } from '../../../test/support/temp-dir';

const tempDir = useTempDirs();

async function coreWithGpus() {
  const core = startTestCore(tempDir(), undefined, async () => gpuRead([gpuReading({ index: 0 }), gpuReading({ index: 1, name: '=HYPERLINK("http://evil")' })]));
  await core.handlers['inventory.gpus.refresh']({});
  return core;
}
const GPU0 = 'gpu:GPU-0000aaaa-0000-0000-0000-000000000000';
const GPU1 = 'gpu:GPU-0000aaaa-0000-0000-0000-000000000001';

describe('cost book', () => {
  it('imports all rows or none, with row-level errors', async () => {
    const core = await coreWithGpus();
    const bad = ['asset_id,acquisition_cost,acquisition_date,site,rack', `${GPU0},28500.123456,2025-03-01,PAR-2,R12`, `${GPU1},28 500,2025-02-30,PAR-2,R12`, 'gpu:nope,1,2025-01-01,,'].join('\n');
    const refused = await core.handlers['inventory.costBook.import']({ csv: bad, dryRun: false });
    expect(refused.applied).toBe(false);
    expect(refused.errors).toEqual([
      { row: 3, column: 'acquisition_date', message: expect.stringMatching(/2025-02-30/) },
      { row: 4, column: 'asset_id', message: expect.stringMatching(/no asset "gpu:nope"/) },
    ]);
    expect((await core.handlers['inventory.asset.get']({ id: GPU0 })).asset.acquisitionCost).toBeNull();

    const good = ['asset_id,acquisition_cost,acquisition_date,site,rack', `${GPU0},28500.123456,2025-03-01,PAR-2,R12`, `${GPU1},"31,000.00",2025-02-28,PAR-2,R13`].join('\n');
    expect((await core.handlers['inventory.costBook.import']({ csv: good, dryRun: false })).errors[0]).toMatchObject({ row: 3, column: 'acquisition_cost' });
    const fixed = good.replace('"31,000.00"', '31000');
    expect(await core.handlers['inventory.costBook.import']({ csv: fixed, dryRun: true })).toEqual({ applied: false, rows: 2, updated: 0, errors: [] });
    expect(await core.handlers['inventory.costBook.import']({ csv: fixed, dryRun: false })).toEqual({ applied: true, rows: 2, updated: 2, errors: [] });
    const detail = await core.handlers['inventory.asset.get']({ id: GPU0 });
    expect(detail.asset).toMatchObject({ acquisitionCost: 28_500_123_456n, acquisitionDate: '2025-03-01', site: 'PAR-2', rack: 'R12' });
    expect(detail.events[0]).toMatchObject({ kind: 'asset.updated', payload: { changes: { acquisitionCost: { before: null, after: '28500123456' }, site: { before: null, after: 'PAR-2' } } } });
    await core.close();
  });

  it('exports a CSV that imports back unchanged and never carries a live formula', async () => {
    const core = await coreWithGpus();
    await core.handlers['inventory.asset.update']({ id: GPU0, acquisitionCost: 28_500_000_000n, notes: 'line one, "quoted"\nline two' });
    const { csv, filename } = await core.handlers['inventory.costBook.export']({});
    expect(filename).toMatch(/^sietch-cost-book-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3); // the host and two GPUs
    const gpu0 = rows.find((row) => row.asset_id === GPU0)!;
    expect(gpu0).toMatchObject({ acquisition_cost: '28500.000000', notes: 'line one, "quoted"\nline two', kind: 'gpu', health: 'ok' });
    expect(rows.find((row) => row.asset_id === GPU1)!.label).toBe(`'=HYPERLINK("http://evil")`);
    expect(await core.handlers['inventory.costBook.import']({ csv, dryRun: false })).toEqual({ applied: true, rows: 3, updated: 0, errors: [] });
    await core.close();
  });

  it('refuses unknown columns, duplicates and negative costs', async () => {
    const core = await coreWithGpus();
    const unknown = await core.handlers['inventory.costBook.import']({ csv: 'asset_id,price\nx,1', dryRun: false });
    expect(unknown.errors[0]).toMatchObject({ row: 1, column: 'price' });
    const dup = await core.handlers['inventory.costBook.import']({ csv: `asset_id,acquisition_cost\n${GPU0},1\n${GPU0},2\n${GPU1},-5`, dryRun: false });
    expect(dup.errors.map((error) => [error.row, error.column])).toEqual([[3, 'asset_id'], [4, 'acquisition_cost']]);
    expect((await core.handlers['inventory.costBook.import']({ csv: 'asset_id\n"unterminated', dryRun: false })).errors[0]!.message).toMatch(/not valid CSV/);
    await core.close();
  });

  it('edits and retires through the journal', async () => {
    const core = await coreWithGpus();
    const updated = await core.handlers['inventory.asset.update']({ id: GPU0, site: '  ', rack: 'R1' });
    expect(updated).toMatchObject({ site: null, rack: 'R1' });
    const retired = await core.handlers['inventory.asset.retire']({ id: GPU0, reason: 'RMA to NVIDIA' });
    expect(retired.status).toBe('retired');
    await expect(core.handlers['inventory.asset.retire']({ id: GPU0, reason: 'again' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(core.handlers['inventory.asset.update']({ id: 'gpu:none', rack: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await core.handlers['journal.verify']({})).ok).toBe(true);
    await core.close();
  });
});
