import { ZERO_BYTES32 } from './hex';
import { encodeHealthFlags } from './health-flags';
import type { AssetLeafInput } from './leaf-format';
import type { EpochReport } from './report';

/** Shared by the report layer's tests and the epoch-tree benchmark: plausible, varied leaves. */

/** A fixed key (never a real one): its address is 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf. */
export const TEST_PRIVATE_KEY = `0x${'00'.repeat(31)}01`;
export const TEST_OPERATOR = '0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf';

const hex32 = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

export function sampleLeaf(index: number, epoch = 42n): AssetLeafInput {
  const kinds = ['gpu', 'gpu', 'gpu', 'host', 'robot'] as const;
  return {
    assetId: `gpu:GPU-${index.toString(16).padStart(8, '0')}-5e1c-4c1a-9f0e-1d2b3c4d5e6f`,
    kind: kinds[index % kinds.length]!,
    epoch,
    observedBps: 10_000,
    uptimeBps: 10_000 - (index % 7) * 100,
    meanUtilBps: (index * 37) % 10_001,
    p95UtilBps: Math.min(10_000, ((index * 37) % 10_001) + 500),
    energyWh: BigInt(700 + (index % 300)),
    healthFlags: index % 11 === 0 ? encodeHealthFlags(['thermal-slowdown', 'remap-pending']) : 0,
    identityOk: index % 13 !== 0,
    identityHash: hex32(index * 7919 + 1),
    revenue: BigInt(index) * 1_250_000n,
  };
}

export function sampleLeaves(count: number, epoch = 42n): AssetLeafInput[] {
  return Array.from({ length: count }, (_, index) => sampleLeaf(index, epoch));
}

export function sampleReport(overrides: Partial<EpochReport> = {}): EpochReport {
  return {
    operator: TEST_OPERATOR,
    sequence: 1n,
    epochStart: 1_798_761_600n,
    epochEnd: 1_798_765_200n,
    assetCount: 3,
    merkleRoot: hex32(0xabc),
    revenue: 1_500_000_000n,
    repaid: 1_000_000_000n,
    outstanding: 250_000_000_000n,
    coverageBps: 15_000,
    journalHead: hex32(0xdef),
    prevReportHash: ZERO_BYTES32,
    ...overrides,
  };
}
