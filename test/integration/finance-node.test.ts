import { describe, expect, it } from 'vitest';
import { writeEpochLeaves } from '../../electron/core/attestation/node/epoch-leaves-store';
import { encodeHealthFlags, type HealthFlag } from '../../electron/core/attestation/report/health-flags';
import type { AssetLeafInput } from '../../electron/core/attestation/report/leaf-format';
import { epochFinance, epochFinanceFromDb } from '../../electron/core/finance/epoch-finance';
import type { Db } from '../../electron/core/db/open';
import { openFinanceBooks, sightGpu, units } from '../support/finance-books';
import { useTempDirs } from '../support/temp-dir';

// Revenue per asset by uptime-hours and collateral conditions from the attestation node's closed
// epochs (written with the node's own leaf store), and the figures an epoch report takes.
const tempDir = useTempDirs();
const DAY = 86_400_000;
const MARCH_1 = Date.UTC(2026, 2, 1);

interface LeafPlan {
  uptimeBps: number;
  flags?: HealthFlag[];
  identityOk?: boolean;
  energyWh?: bigint;
}

/** Closes epoch `seq` over [start, end) with these leaves, as the node stores them. */
function closeEpoch(db: Db, seq: number, start: number, end: number, plan: Map<string, LeafPlan>): void {
  const leaves: AssetLeafInput[] = [...plan.entries()].map(([assetId, leaf]) => ({
    assetId,
    kind: 'gpu',
    epoch: BigInt(seq),
    observedBps: 10_000,
    uptimeBps: leaf.uptimeBps,
    meanUtilBps: 5_000,
    p95UtilBps: 9_000,
    energyWh: leaf.energyWh ?? 10_000n,
    healthFlags: encodeHealthFlags(leaf.flags ?? []),
    identityOk: leaf.identityOk ?? true,
    identityHash: `0x${'11'.repeat(32)}`,
    revenue: 0n,
  }));
  db.prepare("INSERT INTO epochs (seq, start_at, end_at, closed_at, observed_bps, asset_count, merkle_root, journal_head, revenue, repaid, outstanding, coverage_bps) VALUES (?, ?, ?, '2026-04-01T00:00:00.000Z', 10000, ?, ?, ?, 0, 0, 0, 0)").run(seq, start, end, leaves.length, `0x${'22'.repeat(32)}`, `0x${'00'.repeat(32)}`);
  writeEpochLeaves(db, seq, leaves, new Uint8Array(leaves.length * 32).fill(7));
}

describe('finance from the attestation node', () => {
  it('splits an invoice by uptime-hours, values collateral by the latest epoch, and costs power from the node', () => {
    const books = openFinanceBooks(tempDir(), '2026-04-10');
    const { finance, register, db, journal } = books;
    const gpus = Array.from({ length: 7 }, (_, i) => sightGpu(register, i + 1, new Date('2026-02-20T00:00:00Z')));
    const [up, half, gone, swapped, unknown, timeout, hot] = gpus as [string, string, string, string, string, string, string];
    const facility = finance.facilities.create({ name: 'Pod C', lender: 'Harbor', notes: null, terms: { structure: 'revenue-share', principal: units('100000'), startDate: '2026-03-01', sharePct: '50', targetMultiple: '1.2', tailSharePct: '0', minimumPayment: 0n, termMonths: 24, atTermCap: 'due', graceDays: 5, defaultAfterDays: 90 } });
    const facilityId = facility.facility.id;
    for (const gpu of gpus) finance.appraise({ assetId: gpu, appraisedOn: '2026-03-01', value: units('20000'), method: 'straight-line', lifeMonths: 48, residualValue: 0n, annualRatePct: null, advanceRatePct: '70' });
    finance.pledge({ facilityId, assetIds: gpus, date: '2026-03-01' });
    finance.createContract({ id: 'HOURLY-1', customer: 'Borealis Labs', kind: 'compute-lease', billingUnit: 'gpu-hour', unitPrice: units('2'), startDate: '2026-03-01', termMonths: 2, paymentTermsDays: 15, assetIds: [up, half, gone], notes: null });
    finance.setTariff({ effectiveFrom: '2026-01-01', pricePerKwh: units('0.2') });

    // March: one epoch a day. `up` is up all day, `half` half of it, `gone` never (missing).
    for (let day = 0; day < 31; day += 1) {
      const last = day === 30;
      closeEpoch(db, day + 1, MARCH_1 + day * DAY, MARCH_1 + (day + 1) * DAY, new Map<string, LeafPlan>([
        [up, { uptimeBps: 10_000 }],
        [half, { uptimeBps: 5_000, flags: last ? ['ecc-uncorrectable'] : [] }],
        [gone, { uptimeBps: 0, flags: ['missing'], energyWh: 0n }],
        [swapped, { uptimeBps: 10_000, identityOk: !last }],
        [unknown, { uptimeBps: 9_000, flags: last ? ['nvidia-smi-timeout', 'health-unknown'] : [] }],
        [timeout, { uptimeBps: 10_000, flags: last ? ['nvidia-smi-timeout'] : [] }],
        [hot, { uptimeBps: 10_000, flags: ['thermal-slowdown'] }],
      ]));
    }
    const { invoices } = finance.generateInvoices('2026-04-01');
    // 3 GPUs × 31 days × 24 h × 2.00 = 4,464.00, split 31 : 15.5 : 0 days of uptime → 2,976.00 / 1,488.00 / 0.
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ id: 'HOURLY-1-001', amount: units('4464'), basis: 'uptime' });
    expect(finance.store.attributions().get('HOURLY-1-001')).toEqual(new Map([[up, units('2976')], [half, units('1488')], [gone, 0n]]));
    const issued = journal.list(0, 500).find((entry) => entry.kind === 'invoice.issued')!;
    expect(issued.payload).toMatchObject({ basis: 'uptime', attribution: { [up]: units('2976').toString(), [half]: units('1488').toString(), [gone]: '0' } });

    // Conditions on March 31, from the last epoch's leaves.
    const coverage = finance.coverage(facilityId, '2026-03-31');
    const condition = Object.fromEntries(coverage.collateral.map((line) => [line.assetId, line.condition]));
    expect(condition).toEqual({ [up]: 'healthy', [half]: 'failing', [gone]: 'missing', [swapped]: 'swapped', [unknown]: 'unknown', [timeout]: 'unknown-in-grace', [hot]: 'degraded' });
    expect(coverage.figures.eligibleValue).toBe(units('60000')); // up, timeout, hot at 20,000.00 (no whole month yet)
    // On March 30 (epoch 30) the failing, swapped and unknown ones were still fine.
    expect(finance.coverage(facilityId, '2026-03-30').figures.eligibleValue).toBe(units('120000'));

    // Power from the node: 6 assets × 10 kWh × 31 days (+0 for `gone`) × 0.20 = 372.00.
    const march = finance.waterfall(facilityId, '2026-04-10').periods[0]!;
    expect(march).toMatchObject({ power: units('372'), powerSource: 'node' });
    finance.recordCost({ facilityId, date: '2026-03-31', category: 'power', amount: units('400'), note: 'metered' });
    expect(finance.waterfall(facilityId, '2026-04-10').periods[0]).toMatchObject({ power: units('400'), powerSource: 'entered' });

    // Eligibility: uptime of the pledged assets over the 30 days to March 31 (from the node).
    const eligibility = finance.eligibility('2026-03-31');
    // (10000 + 5000 + 0 + 10000 + 9000 + 10000 + 10000) / 7 over days 2..31 = 7,714 bps
    expect(eligibility.facilities[0]!.uptimeBps).toBe(7_714);

    // The epoch report's figures for March 10: a day's accrual of the lease (4,464.00 / 31 = 144.00)
    // split 2 : 1 : 0 by that epoch's uptime; 100,000.00 outstanding; coverage of the eligible value.
    const leaves = gpus.map((assetId, index) => ({ assetId, uptimeBps: [10_000, 5_000, 0, 10_000, 9_000, 10_000, 10_000][index]! }));
    const report = epochFinanceFromDb(db, { startMs: MARCH_1 + 9 * DAY, endMs: MARCH_1 + 10 * DAY }, leaves, { unknownGraceMs: 300_000 });
    expect(report.revenueByAsset).toEqual(new Map([[up, units('96')], [half, units('48')], [gone, 0n]]));
    expect(report).toMatchObject({ revenue: units('144'), repaid: 0n, outstanding: units('100000'), coverageBps: 12_000 }); // 6 × 20,000 / 100,000 (`gone` is missing)
  });

  it('epochFinance is exact: the leaves add up to the accrual, across period boundaries, and equal without uptime', () => {
    const contracts = [{ id: 'A', assetIds: ['gpu:a', 'gpu:b', 'gpu:c'], periods: [{ startMs: 0, endMs: 3 * DAY, amount: 1_000_000n }, { startMs: 3 * DAY, endMs: 4 * DAY, amount: 7n }] }];
    const result = epochFinance({ window: { startMs: 2 * DAY + DAY / 2, endMs: 3 * DAY + DAY / 2 }, leaves: [], contracts, facilities: [] });
    // half a day of period 1 (1,000,000 / 6 = 166,666) + half of period 2 (7 / 2 = 3) = 166,669, split equally (no leaves)
    expect(result.revenue).toBe(166_669n);
    expect([...result.revenueByAsset.values()]).toEqual([55_557n, 55_556n, 55_556n]);
    expect(result.coverageBps).toBe(4_294_967_295);
  });
});
