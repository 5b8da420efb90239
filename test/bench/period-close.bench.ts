import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { writeEpochLeaves } from '../../electron/core/attestation/node/epoch-leaves-store';
import type { AssetLeafInput } from '../../electron/core/attestation/report/leaf-format';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { FinanceService } from '../../electron/core/finance/finance-service';
import { Journal } from '../../electron/core/journal/journal';

// A month's period close for 1,000 customer contracts on 10,000 GPUs pledged to 10 revenue-share
// facilities, with 11 months of invoices and payments behind it and 30 daily epochs of the node
// to fold: issue 1,000 invoices split by uptime-hours (each journaled), record each facility's
// period revenue, replay every payment's allocation, value 10,000 assets for coverage, run the
// waterfalls, check alerts, journal the close. Each run starts from a copy of the same file.
// Baseline: the same sums in a plain bigint loop — invoice amounts, the uptime split, FIFO
// allocation per customer, collateral values per facility — with no SQL, dates or journal.
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const CONTRACTS = smoke ? 100 : 1_000;
const GPUS_PER_CONTRACT = 10;
const ASSETS = CONTRACTS * GPUS_PER_CONTRACT;
const FACILITIES = 10;
const CUSTOMERS = CONTRACTS / 10;
const MONTH = '2026-12';
const TODAY = '2027-01-05';
// No warm-up: a warm-up run would close the month on the copy the measured run is meant to close.
const options = smoke ? { time: 100, iterations: 1, warmupIterations: 0, warmupTime: 0 } : { time: 20_000, iterations: 3, warmupIterations: 0, warmupTime: 0 };
const M = 1_000_000n;

const dir = mkdtempSync(join(tmpdir(), 'sietch-bench-close-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const template = join(dir, 'template.db');
const gpuId = (i: number): string => `gpu:GPU-${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;

function service(db: Db): FinanceService {
  const now = new Date(`${TODAY}T12:00:00.000Z`);
  return new FinanceService({ db, journal: new Journal(db), unknownGraceMs: 300_000, today: () => TODAY, now: () => now });
}

/** The books up to the end of November, written once (setup, not measured). */
function seed(): void {
  const db = openDatabase(template);
  const insertAsset = db.prepare("INSERT INTO assets (id, kind, label, status, identity, first_seen, last_seen, health_status) VALUES (?, 'gpu', 'NVIDIA H100 80GB HBM3', 'present', ?, '2025-12-01T00:00:00.000Z', '2027-01-05T00:00:00.000Z', 'ok')");
  db.transaction(() => {
    for (let i = 0; i < ASSETS; i += 1) insertAsset.run(gpuId(i), JSON.stringify({ uuid: gpuId(i).slice(4), serial: String(1_650_000_000_000 + i) }));
  })();
  const finance = service(db);
  const perFacility = ASSETS / FACILITIES;
  for (let f = 0; f < FACILITIES; f += 1) {
    const principal = BigInt(perFacility) * 20_000n * M;
    const id = finance.facilities.create({ name: `Pod ${f}`, lender: 'Northwind Credit', notes: null, terms: { structure: 'revenue-share', principal, startDate: '2026-01-01', sharePct: '60', targetMultiple: '1.25', tailSharePct: '0', minimumPayment: 0n, termMonths: 36, atTermCap: 'due', graceDays: 5, defaultAfterDays: 90 } }).facility.id;
    const assets = Array.from({ length: perFacility }, (_, k) => gpuId(f * perFacility + k));
    finance.transaction(() => {
      for (const assetId of assets) finance.insertAppraisal({ assetId, appraisedOn: '2026-01-01', value: 30_000n * M, method: 'straight-line', lifeMonths: 60, residualValue: 5_000n * M, annualRatePct: null, advanceRatePct: '75' });
      finance.insertPledges({ facilityId: id, assetIds: assets, date: '2026-01-01' });
    });
    finance.setCovenant({ facilityId: id, minCoverage: '1.3' });
  }
  finance.transaction(() => {
    for (let c = 0; c < CONTRACTS; c += 1) {
      const assetIds = Array.from({ length: GPUS_PER_CONTRACT }, (_, k) => gpuId(c * GPUS_PER_CONTRACT + k));
      finance.receivables.insertContract({ id: `LEASE-${String(c).padStart(4, '0')}`, customer: `Customer ${c % CUSTOMERS}`, kind: 'compute-lease', billingUnit: 'gpu-hour', unitPrice: 2_490_000n, startDate: '2026-01-01', termMonths: 36, paymentTermsDays: 15, assetIds, notes: null });
    }
  });
  // Eleven months of invoices (issued Feb 1 … Dec 1), each paid on its due date.
  finance.receivables.generateInvoices('2026-12-01');
  finance.transaction(() => {
    for (const invoice of finance.store.invoices()) finance.receivables.insertPayment({ customer: invoice.customer, date: invoice.dueDate, amount: invoice.amount, invoiceId: invoice.id, reference: null });
  });
  // Then 30 daily epochs of December, not folded yet (the close folds them) with every GPU's leaf (uptime varies by asset).
  for (let day = 0; day < 30; day += 1) {
    const start = Date.UTC(2026, 11, 1 + day);
    const leaves: AssetLeafInput[] = Array.from({ length: ASSETS }, (_, i) => ({ assetId: gpuId(i), kind: 'gpu', epoch: BigInt(day + 1), observedBps: 10_000, uptimeBps: 8_000 + ((i * 7 + day) % 2_001), meanUtilBps: 6_000, p95UtilBps: 9_000, energyWh: 16_000n, healthFlags: 0, identityOk: true, identityHash: `0x${'11'.repeat(32)}`, revenue: 0n }));
    db.prepare("INSERT INTO epochs (seq, start_at, end_at, closed_at, observed_bps, asset_count, merkle_root, journal_head, revenue, repaid, outstanding, coverage_bps) VALUES (?, ?, ?, '2026-12-31T00:00:00.000Z', 10000, ?, ?, ?, 0, 0, 0, 0)").run(day + 1, start, start + 86_400_000, ASSETS, `0x${'22'.repeat(32)}`, `0x${'00'.repeat(32)}`);
    writeEpochLeaves(db, day + 1, leaves, new Uint8Array(ASSETS * 32));
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
const seeded = performance.now();
seed();
process.stderr.write(`period-close bench: books seeded in ${Math.round(performance.now() - seeded)} ms\n`);

let run = 0;
let db: Db | null = null;
let finance: FinanceService;
let closed = true;
function freshCopy(): void {
  closed = false;
  db?.close();
  const file = join(dir, `run-${(run += 1)}.db`);
  copyFileSync(template, file);
  db = openDatabase(file);
  finance = service(db);
}

// The baseline's inputs, in memory.
const contracts = Array.from({ length: CONTRACTS }, (_, c) => ({ customer: c % CUSTOMERS, assets: Array.from({ length: GPUS_PER_CONTRACT }, (_, k) => c * GPUS_PER_CONTRACT + k) }));
const uptime = Array.from({ length: ASSETS }, (_, i) => Array.from({ length: 30 }, (_, day) => BigInt(8_000 + ((i * 7 + day) % 2_001)) * 86_400_000n / 10_000n).reduce((a, b) => a + b, 0n));

function bareClose(): bigint {
  let checksum = 0n;
  // Invoice amounts (31 days × 24 h × 10 GPUs × 2.49, half-even to the cent) and the uptime split.
  const invoiced = new Array<bigint>(CUSTOMERS).fill(0n);
  for (const contract of contracts) {
    const amount = ((BigInt(GPUS_PER_CONTRACT) * 31n * 24n * 2_490_000n + 5_000n) / 10_000n) * 10_000n;
    let total = 0n;
    for (const asset of contract.assets) total += uptime[asset]!;
    let given = 0n;
    for (const asset of contract.assets) {
      const part = (amount * uptime[asset]!) / total;
      given += part;
      checksum += part;
    }
    checksum += amount - given;
    invoiced[contract.customer]! += amount * 12n;
  }
  // FIFO allocation per customer over 12 invoices and 11 payments each, as sums.
  for (let c = 0; c < CUSTOMERS; c += 1) {
    let open = invoiced[c]!;
    for (let p = 0; p < 11 * (CONTRACTS / CUSTOMERS); p += 1) open -= invoiced[c]! / 12n / BigInt(CONTRACTS / CUSTOMERS);
    checksum += open;
  }
  // Collateral values: straight line after 11 whole months, per facility.
  for (let f = 0; f < FACILITIES; f += 1) {
    let value = 0n;
    for (let a = 0; a < ASSETS / FACILITIES; a += 1) value += 30_000n * M - ((25_000n * M * 11n) / 60n / 10_000n) * 10_000n;
    checksum += value;
  }
  return checksum;
}

describe(`close a month: ${CONTRACTS.toLocaleString('en')} contracts, ${ASSETS.toLocaleString('en')} assets`, () => {
  bench('bare bigint loop: the same sums, in memory (baseline)', () => void bareClose(), options);
  bench(
    `FinanceService.closePeriod: fold 30 epochs, ${CONTRACTS.toLocaleString('en')} invoices split by uptime, revenue share, allocation, coverage, waterfall, alerts, journal`,
    () => {
      if (closed) freshCopy(); // only if the runner skipped the hook
      closed = true;
      const result = finance.closePeriod(MONTH);
      if (result.invoicesCreated !== CONTRACTS || result.epochsFolded !== 30) throw new Error(`the close did not do the month's work (${result.invoicesCreated} invoices, ${result.epochsFolded} epochs)`);
    },
    // tinybench runs beforeEach before every iteration (vitest passes it through; its type does not list it).
    Object.assign({ beforeEach: freshCopy }, options),
  );
});
