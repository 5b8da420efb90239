import { describe, expect, it } from 'vitest';
import { closeDueEpochs } from '../../electron/core/attestation/node/epoch-closer';
import { readEpochLeaves } from '../../electron/core/attestation/node/epoch-leaves-store';
import { allocateTickColumns, NO_POWER, writeTickSamples } from '../../electron/core/attestation/node/tick-samples-store';
import { buildEpochTree } from '../../electron/core/attestation/report/epoch-tree';
import { openFinanceBooks, sightGpu, units } from '../support/finance-books';
import { useTempDirs } from '../support/temp-dir';

// The epoch close takes its money figures from the books: each leaf's revenue (the contracts'
// accrual split by uptime) and the report's revenue, repaid, outstanding and coverage.
const tempDir = useTempDirs();
const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 10, 10); // 2026-03-10 10:00 UTC, a one-hour epoch
const TICK = 600_000;

describe('closing an epoch with the books', () => {
  it('puts each asset’s share of its contracts into its leaf and the facilities’ figures into the report', () => {
    const { finance, register, db, journal } = openFinanceBooks(tempDir(), '2026-03-10');
    const [a, b, c] = [1, 2, 3].map((i) => sightGpu(register, i, new Date('2026-02-20T00:00:00Z'))) as [string, string, string];
    const facility = finance.facilities.create({ name: 'Pod A', lender: 'Harbor', notes: null, terms: { structure: 'revenue-share', principal: units('30000'), startDate: '2026-03-01', sharePct: '50', targetMultiple: '1.2', tailSharePct: '0', minimumPayment: 0n, termMonths: 24, atTermCap: 'due', graceDays: 5, defaultAfterDays: 90 } });
    for (const gpu of [a, b, c]) finance.appraise({ assetId: gpu, appraisedOn: '2026-03-01', value: units('20000'), method: 'straight-line', lifeMonths: 48, residualValue: 0n, annualRatePct: null, advanceRatePct: '70' });
    finance.pledge({ facilityId: facility.facility.id, assetIds: [a, b, c], date: '2026-03-01' });
    // Two GPUs serve a lease at 2.00 per GPU-hour; the third serves nobody.
    finance.createContract({ id: 'LEASE-1', customer: 'Borealis Labs', kind: 'compute-lease', billingUnit: 'gpu-hour', unitPrice: units('2'), startDate: '2026-03-01', termMonths: 12, paymentTermsDays: 15, assetIds: [a, b], notes: null });

    // Six ticks: a and c healthy throughout, b only in the first three (then missing).
    const numbers = new Map(db.prepare('SELECT asset_id, no FROM asset_numbers').raw().all() as [string, number][]);
    for (let t = 0; t < 6; t += 1) {
      const at = START + t * TICK;
      db.prepare("INSERT INTO sampler_ticks (at, interval_ms, gpu_state, failed_sources) VALUES (?, ?, 'ok', '{}')").run(at, TICK);
      const present = t < 3 ? [a, b, c] : [a, c];
      const columns = allocateTickColumns(present.length);
      columns.count = present.length;
      present.forEach((id, i) => {
        [columns.assetNo[i], columns.healthy[i], columns.flags[i], columns.utilization[i], columns.power[i]] = [numbers.get(id)!, 1, 0, 5_000, NO_POWER];
      });
      writeTickSamples(db, at, columns);
    }
    const [closed] = closeDueEpochs(db, journal, HOUR, START + HOUR + 1, { unknownGraceMs: 0 });
    expect(closed).toMatchObject({ start: START, end: START + HOUR, assetCount: 3 });

    const leaves = new Map(readEpochLeaves(db, closed!.seq).map(({ leaf }) => [leaf.assetId, leaf]));
    expect([leaves.get(a)!.uptimeBps, leaves.get(b)!.uptimeBps, leaves.get(c)!.uptimeBps]).toEqual([10_000, 5_000, 10_000]);
    // The hour bills 2 GPUs × 2.00 = 4.00, split by uptime-hours 1 : 0.5 → 2.666666 and 1.333333,
    // the rounding remainder (one micro-unit) to the largest share — docs/customers-collateral.md.
    const revenue = [leaves.get(a)!.revenue, leaves.get(b)!.revenue, leaves.get(c)!.revenue];
    expect(revenue[0]! + revenue[1]!).toBe(units('4'));
    expect(revenue[0]! - revenue[1]!).toBeGreaterThanOrEqual(units('1.333333'));
    expect(revenue[2]).toBe(0n);
    const report = db.prepare('SELECT revenue, repaid, outstanding, coverage_bps FROM epochs WHERE seq = ?').safeIntegers().get(closed!.seq) as Record<string, bigint>;
    expect(report.revenue).toBe(units('4'));
    expect(report.outstanding).toBe(units('30000'));
    expect(report.repaid).toBe(0n);
    // Coverage = gross depreciated value of the pledged, healthy GPUs (three of 20,000, nine days
    // into a 48-month life: just under 60,000) ÷ 30,000 outstanding — just under 2×.
    expect(Number(report.coverage_bps)).toBeGreaterThan(15_000);
    expect(Number(report.coverage_bps)).toBeLessThan(20_001);
    // The signed root covers the revenue: the stored leaves rebuild it.
    const root = db.prepare('SELECT merkle_root FROM epochs WHERE seq = ?').pluck().get(closed!.seq);
    expect(buildEpochTree([...leaves.values()]).root).toBe(root);
  });
});
