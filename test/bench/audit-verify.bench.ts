import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { getBytes, Signature, TypedDataEncoder, Wallet } from 'ethers';
import { createKeccak } from 'hash-wasm';
import { afterAll, bench, describe } from 'vitest';
import { preloadKeccak } from '../../electron/core/attestation/report/keccak';
import { exportAuditBundle } from '../../electron/core/audit/bundle-export';
import { seqOfReportFile } from '../../electron/core/audit/bundle-format';
import { signatureBackend } from '../../electron/core/audit/signature-check';
import { readTarIndex } from '../../electron/core/audit/tar';
import { closeAuditWorkers, readBundleShared, verifyBundleFile } from '../../electron/core/audit/verify-parallel';
import { buildSignedReports } from '../support/audit-fixture';

// `sietch audit verify` on a year of hourly reports (8,760) of an 8-GPU server, against a bare
// loop that recovers the signer of every report from its (precomputed) EIP-712 digest with the
// fastest secp256k1 available here — the native libsecp256k1 binding — and compares the address.
// The verifier does far more per report (parse the JSON, check the attestation's fields, hash the
// digest, the UID, the report hash, 8 leaves and their tree, link the chain and the journal);
// the goal is ≥ 0.8× the bare loop's speed. Measured in this thread, and on every core (this
// thread and pooled workers, kept between runs as a server or a warm process keeps them).
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const REPORTS = smoke ? 120 : 8_760;
const options = smoke ? { time: 100, iterations: 2, warmupIterations: 0 } : { time: 15_000, iterations: 5, warmupIterations: 1 };

await preloadKeccak();
// A fixed test key (never use it for anything real) so the bundle built once can be cached.
const wallet = new Wallet(`0x${'5e'.repeat(32)}`);
const sources = ['electron/core/audit/bundle-export.ts', 'electron/core/audit/bundle-format.ts', 'test/support/audit-fixture.ts'].map((file) => readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url))));
const cacheKey = createHash('sha256').update(Buffer.concat(sources)).digest('hex').slice(0, 16);
const cached = join(tmpdir(), `sietch-bench-audit-${REPORTS}-${cacheKey}.tar`);

async function buildBundle(): Promise<Buffer> {
  if (existsSync(cached)) return readFileSync(cached);
  const fixture = await buildSignedReports(mkdtempSync(join(tmpdir(), 'sietch-bench-audit-')), { reports: REPORTS, wallet });
  const exported = await exportAuditBundle(fixture.db, { from: new Date(fixture.t0), to: new Date(fixture.t0 + REPORTS * fixture.epochMs) });
  fixture.db.close();
  writeFileSync(cached, exported.bytes);
  return exported.bytes;
}

// Read into shared memory as `sietch audit verify` reads it, so the workers share it without a copy.
await buildBundle();
const bundle = readBundleShared(cached);
const text = Buffer.from(bundle.buffer, bundle.byteOffset, bundle.byteLength);

// The bare loop's inputs: each report's digest and signature, computed once with ethers (setup).
const secp = createRequire(import.meta.url)('secp256k1/bindings') as { ecdsaRecover(sig: Uint8Array, recid: number, msg: Uint8Array, compressed: boolean): Uint8Array };
const signed = readTarIndex(bundle)
  .filter((entry) => seqOfReportFile(entry.name) !== null)
  .map((entry) => {
    const file = JSON.parse(text.toString('utf8', entry.offset, entry.offset + entry.size)) as { attestation: { sig: { domain: Record<string, unknown>; types: Record<string, { name: string; type: string }[]>; message: Record<string, unknown>; signature: { v: number; r: string; s: string } } } };
    const { sig } = file.attestation;
    const signature = Signature.from(sig.signature);
    return { digest: getBytes(TypedDataEncoder.hash(sig.domain, sig.types, sig.message)), compact: getBytes(`${signature.r}${signature.s.slice(2)}`), recid: signature.yParity };
  });
const hasher = await createKeccak(256);
const expected = Buffer.from(wallet.address.slice(2), 'hex');

function bareRecoverLoop(): void {
  for (const { digest, compact, recid } of signed) {
    hasher.init();
    hasher.update(secp.ecdsaRecover(compact, recid, digest, false).subarray(1));
    if (Buffer.compare(hasher.digest('binary').subarray(12), expected) !== 0) throw new Error('wrong signer');
  }
}

const workerScript = fileURLToPath(new URL('../../dist/cli/audit-verify-worker.js', import.meta.url));
const threads = availableParallelism();
async function verify(threadCount: number): Promise<void> {
  const result = await verifyBundleFile(bundle, { signer: wallet.address, threads: threadCount, workerScript: existsSync(workerScript) ? workerScript : null });
  if (!result.ok || result.summary.reports.count !== REPORTS) throw new Error(`verification failed: ${JSON.stringify(result.ok ? result.summary.reports : result.failure)}`);
}

/** One run: wall time, and CPU time of the whole process (all threads). */
async function measure(work: () => unknown): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe(`verify a year of hourly reports (${REPORTS.toLocaleString('en')}) of an 8-GPU server, ${(bundle.length / 1e6).toFixed(1)} MB`, () => {
  bench('bare loop: native secp256k1 ecdsaRecover + keccak address, precomputed digests (baseline)', bareRecoverLoop, options);
  bench('sietch audit verify, one thread', () => verify(1), options);
  bench(`sietch audit verify, ${threads} threads (this one and pooled workers)`, () => verify(threads), options);
});

/**
 * Rounds of (bare loop, one thread, all threads), back to back: on a machine shared with other
 * jobs the load moves from minute to minute, so each round's ratios compare runs made under the
 * same load, and the medians of those ratios are what we report (with the medians of the times).
 */
afterAll(async () => {
  const rounds = smoke ? 1 : 7;
  const kinds = { bare: bareRecoverLoop, one: () => verify(1), all: () => verify(threads) };
  const seen = { bare: [] as { wall: number; cpu: number }[], one: [] as { wall: number; cpu: number }[], all: [] as { wall: number; cpu: number }[] };
  for (let round = 0; round < rounds; round += 1) for (const kind of ['bare', 'one', 'all'] as const) seen[kind].push(await measure(kinds[kind]));
  const line = (name: string, kind: keyof typeof seen) => {
    const runs = seen[kind];
    const wall = middle(runs.map((run) => run.wall));
    const cpu = middle(runs.map((run) => run.cpu));
    const ratio = middle(runs.map((run, round) => seen.bare[round]!.wall / run.wall));
    const cpuRatio = middle(runs.map((run, round) => seen.bare[round]!.cpu / run.cpu));
    return `${name.padEnd(26)} wall ${wall.toFixed(0).padStart(6)} ms (${((REPORTS / wall) * 1000).toFixed(0).padStart(6)} reports/s, ${ratio.toFixed(2)}× the bare loop)   cpu ${cpu.toFixed(0).padStart(6)} ms (${cpuRatio.toFixed(2)}×)`;
  };
  console.warn(
    [
      `audit verify, ${REPORTS} reports, signatures by ${signatureBackend()}, worker script ${existsSync(workerScript) ? 'built' : 'missing (npm run build:cli): threads fall back to one'}, ${rounds} rounds, medians; load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}`,
      line('bare recover loop', 'bare'),
      line('verify, one thread', 'one'),
      line(`verify, ${threads} threads`, 'all'),
    ].join('\n'),
  );
  await closeAuditWorkers();
}, 900_000);
