import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { Wallet } from 'ethers';
import { createKeccak } from 'hash-wasm';
import { afterAll, bench, describe } from 'vitest';
import { buildEpochTree } from '../../electron/core/attestation/report/epoch-tree';
import { isFastKeccakReady, keccak256Bytes, preloadKeccak } from '../../electron/core/attestation/report/keccak';
import { encodeLeaf, leafValues } from '../../electron/core/attestation/report/leaf-encoding';
import { LEAF_ENCODED_BYTES, LEAF_TYPES } from '../../electron/core/attestation/report/leaf-format';
import { buildMerkleTree } from '../../electron/core/attestation/report/merkle-tree';
import { networkProfile } from '../../electron/core/attestation/report/network-profiles';
import { signReportAttestation } from '../../electron/core/attestation/report/offchain-attestation';
import { reportHash } from '../../electron/core/attestation/report/report';
import { sampleLeaves, sampleReport, TEST_PRIVATE_KEY } from '../../electron/core/attestation/report/test-fixtures';

// The cryptographic half of closing an epoch (leaf encoding + tree + report hash + one EAS
// signature) for 100,000 assets, against a bare construction of the same OZ-format tree from
// the same leaves, pre-encoded, with the fastest keccak here (hash-wasm). OZ's own
// StandardMerkleTree.of runs on 10,000 leaves for reference (it is far slower).
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const ASSETS = smoke ? 1_000 : 100_000;
const OZ_ASSETS = smoke ? 200 : 10_000;
const options = smoke ? { time: 100, iterations: 2, warmupIterations: 1 } : { time: 8_000, iterations: 10, warmupIterations: 2 };

await preloadKeccak();
if (!isFastKeccakReady()) throw new Error('hash-wasm keccak did not load: the benchmark would measure the ethers fallback');

const leaves = sampleLeaves(ASSETS);
const wallet = new Wallet(TEST_PRIVATE_KEY);
const network = networkProfile('local-devnet');
const baselineHasher = await createKeccak(256);

// The baseline's input: every leaf already abi-encoded, in one buffer.
const preEncoded = new Uint8Array(ASSETS * LEAF_ENCODED_BYTES);
leaves.forEach((leaf, i) => preEncoded.set(encodeLeaf(leaf), i * LEAF_ENCODED_BYTES));
const ozValues = leaves.slice(0, OZ_ASSETS).map(leafValues);

/** The textbook construction: double-hash, sort, hash sorted pairs bottom-up in OZ's array layout. */
function bareTreeRoot(encoded: Uint8Array, count: number): Uint8Array {
  const h = baselineHasher;
  const hashed: Uint8Array[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    h.init();
    h.update(encoded.subarray(i * LEAF_ENCODED_BYTES, (i + 1) * LEAF_ENCODED_BYTES));
    const inner = h.digest('binary');
    h.init();
    h.update(inner);
    hashed[i] = h.digest('binary');
  }
  hashed.sort((a, b) => Buffer.compare(a, b));
  const tree: Uint8Array[] = new Array(2 * count - 1);
  for (let i = 0; i < count; i += 1) tree[tree.length - 1 - i] = hashed[i]!;
  for (let i = tree.length - 1 - count; i >= 0; i -= 1) {
    const left = tree[2 * i + 1]!;
    const right = tree[2 * i + 2]!;
    const [low, high] = Buffer.compare(left, right) <= 0 ? [left, right] : [right, left];
    h.init();
    h.update(low);
    h.update(high);
    tree[i] = h.digest('binary');
  }
  return tree[0]!;
}

/** Our tree code on the baseline's input: where the close's time goes besides encoding. */
function sietchTreeFromEncoded(encoded: Uint8Array, count: number): string {
  const leafHashes = new Uint8Array(count * 32);
  for (let i = 0; i < count; i += 1) leafHashes.set(keccak256Bytes(keccak256Bytes(encoded.subarray(i * LEAF_ENCODED_BYTES, (i + 1) * LEAF_ENCODED_BYTES))), i * 32);
  return buildMerkleTree(leafHashes).root;
}

async function closeEpoch(): Promise<string> {
  const tree = buildEpochTree(leaves);
  const report = sampleReport({ operator: wallet.address, assetCount: tree.assetCount, merkleRoot: tree.root, sequence: 42n, prevReportHash: `0x${'11'.repeat(32)}` });
  reportHash(report);
  const pkg = await signReportAttestation(report, { network, refUID: `0x${'22'.repeat(32)}` }, wallet);
  return pkg.sig.uid;
}

// Same root both ways, or the comparison means nothing.
const bareRoot = `0x${Buffer.from(bareTreeRoot(preEncoded, ASSETS)).toString('hex')}`;
if (bareRoot !== buildEpochTree(leaves).root || bareRoot !== sietchTreeFromEncoded(preEncoded, ASSETS)) throw new Error('baseline and Sietch trees differ');

const timings = new Map<string, number[]>();
function timed(name: string, run: () => unknown): () => Promise<void> {
  const samples: number[] = [];
  timings.set(name, samples);
  return async () => {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  };
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const BASELINE = `bare: hash-wasm tree from pre-encoded leaves, ${ASSETS.toLocaleString('en')} (baseline)`;
const OURS = `Sietch: encode + tree + report hash + sign, ${ASSETS.toLocaleString('en')}`;
const TREE_ONLY = `Sietch: tree only, same pre-encoded leaves, ${ASSETS.toLocaleString('en')}`;
const OZ = `OZ StandardMerkleTree.of, ${OZ_ASSETS.toLocaleString('en')} leaves (reference)`;
const BARE_OZ_SIZE = `bare, ${OZ_ASSETS.toLocaleString('en')} leaves (OZ's size)`;

describe('epoch close, cryptographic part', () => {
  bench(BASELINE, timed(BASELINE, () => bareTreeRoot(preEncoded, ASSETS)), options);
  bench(OURS, timed(OURS, closeEpoch), options);
  bench(TREE_ONLY, timed(TREE_ONLY, () => sietchTreeFromEncoded(preEncoded, ASSETS)), options);
  bench(BARE_OZ_SIZE, timed(BARE_OZ_SIZE, () => bareTreeRoot(preEncoded, OZ_ASSETS)), options);
  bench(OZ, timed(OZ, () => StandardMerkleTree.of(ozValues, LEAF_TYPES)), smoke ? options : { time: 8_000, iterations: 3, warmupIterations: 1 });
});

afterAll(() => {
  const base = median(timings.get(BASELINE)!);
  const ours = median(timings.get(OURS)!);
  const treeOnly = median(timings.get(TREE_ONLY)!);
  const bareSmall = median(timings.get(BARE_OZ_SIZE)!);
  const oz = median(timings.get(OZ)!);
  const lines = [
    '\nepoch close — medians; throughput ratio = baseline time / our time (goal ≥ 0.5×):',
    `  ${BASELINE.padEnd(64)} ${base.toFixed(1).padStart(9)} ms`,
    `  ${OURS.padEnd(64)} ${ours.toFixed(1).padStart(9)} ms   ${(base / ours).toFixed(2)}×`,
    `  ${TREE_ONLY.padEnd(64)} ${treeOnly.toFixed(1).padStart(9)} ms   ${(base / treeOnly).toFixed(2)}×`,
    `  ${BARE_OZ_SIZE.padEnd(64)} ${bareSmall.toFixed(1).padStart(9)} ms`,
    `  ${OZ.padEnd(64)} ${oz.toFixed(1).padStart(9)} ms   ${(bareSmall / oz).toFixed(2)}× of bare at its size`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
