import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { encodeReportAttestationData, REPORT_SCHEMA_UID } from './eas-schema';
import { buildEpochTree } from './epoch-tree';
import { encodeHealthFlags } from './health-flags';
import { bytesToHex, ZERO_BYTES32 } from './hex';
import { assetIdHash, encodeLeaf, identityHashOf, leafValues } from './leaf-encoding';
import { LEAF_TYPES, type AssetLeafInput } from './leaf-format';
import { networkProfile } from './network-profiles';
import { signReportAttestation } from './offchain-attestation';
import { encodeReport, reportHash, type EpochReport } from './report';
import { TEST_PRIVATE_KEY } from './test-fixtures';

// The worked example of docs/report-format.md: every hex value there is asserted here.
const epochLeaves: AssetLeafInput[] = [
  {
    assetId: 'gpu:GPU-5e1c2b3a-0000-4c1a-9f0e-1d2b3c4d5e6f',
    kind: 'gpu',
    epoch: 1n,
    observedBps: 10_000,
    uptimeBps: 9_950,
    meanUtilBps: 8_712,
    p95UtilBps: 9_900,
    energyWh: 612n,
    healthFlags: 0,
    identityOk: true,
    identityHash: identityHashOf({ uuid: 'GPU-5e1c2b3a-0000-4c1a-9f0e-1d2b3c4d5e6f', serial: '1324021000123', pciBusId: '00000000:3B:00.0' }),
    revenue: 2_400_000n,
  },
  {
    assetId: 'gpu:GPU-77aa0c11-0000-4d2b-8e1f-2e3c4d5e6f70',
    kind: 'gpu',
    epoch: 1n,
    observedBps: 10_000,
    uptimeBps: 6_000,
    meanUtilBps: 4_100,
    p95UtilBps: 9_800,
    energyWh: 390n,
    healthFlags: encodeHealthFlags(['remap-pending', 'thermal-slowdown']),
    identityOk: true,
    identityHash: identityHashOf({ uuid: 'GPU-77aa0c11-0000-4d2b-8e1f-2e3c4d5e6f70', serial: '1324021000456', pciBusId: '00000000:5E:00.0' }),
    revenue: 1_100_000n,
  },
  {
    assetId: 'host:4c4c4544-0042-3510-8052-b4c04f563432',
    kind: 'host',
    epoch: 1n,
    observedBps: 10_000,
    uptimeBps: 10_000,
    meanUtilBps: 0,
    p95UtilBps: 0,
    energyWh: 0n,
    healthFlags: 0,
    identityOk: true,
    identityHash: identityHashOf({ systemUuid: '4c4c4544-0042-3510-8052-b4c04f563432' }),
    revenue: 0n,
  },
];

const wallet = new Wallet(TEST_PRIVATE_KEY);

function exampleReport(merkleRoot: string): EpochReport {
  return {
    operator: wallet.address,
    sequence: 1n,
    epochStart: 1_798_761_600n, // 2027-01-01T00:00:00Z
    epochEnd: 1_798_765_200n, // 2027-01-01T01:00:00Z
    assetCount: epochLeaves.length,
    merkleRoot,
    revenue: 3_500_000n,
    repaid: 2_000_000n,
    outstanding: 96_000_000_000n,
    coverageBps: 18_250,
    journalHead: '0x3f1d6c1e8b1a2f0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c',
    prevReportHash: ZERO_BYTES32,
  };
}

const expected = {
  assetIdHash0: '0x4978580befaee6112811a9385bb6c369b1cdde4076e6c23141f1ec591cb6d19a',
  identityHash0: '0x8e7f032cfe4373c3e64863bd2cb297a1d716b84a813a8cfa37ba5dddc447b1e3',
  healthFlags1: 544,
  encodedLeaf0: [
    '4978580befaee6112811a9385bb6c369b1cdde4076e6c23141f1ec591cb6d19a',
    '0000000000000000000000000000000000000000000000000000000000000002',
    '0000000000000000000000000000000000000000000000000000000000000001',
    '0000000000000000000000000000000000000000000000000000000000002710',
    '00000000000000000000000000000000000000000000000000000000000026de',
    '0000000000000000000000000000000000000000000000000000000000002208',
    '00000000000000000000000000000000000000000000000000000000000026ac',
    '0000000000000000000000000000000000000000000000000000000000000264',
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0000000000000000000000000000000000000000000000000000000000000001',
    '8e7f032cfe4373c3e64863bd2cb297a1d716b84a813a8cfa37ba5dddc447b1e3',
    '0000000000000000000000000000000000000000000000000000000000249f00',
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0000000000000000000000000000000000000000000000000000000000000000',
  ],
  leafHashes: [
    '0xff0b0d8f5263d88f2d79d99e622d7fb3fcfe21f6a71bf1f69c726d2579883135',
    '0x3102011adff05ce74fe9863909226a8c575d124184f07a88466e6a168bc3e096',
    '0x1df276d07889a46f557d9bb424d84539b36599ab74bea9f03480ddd1eadbff03',
  ],
  nodes: [
    '0x6a0f10ffeaf9e1033f6c598f714e57a83e125a27c9a8d47ac8cd6cb6ae8100a4',
    '0x965ec8b4c3b8c6a76f9e7f8d2aaa1b98f6cf5328e34cb54c302359d71965d169',
    '0xff0b0d8f5263d88f2d79d99e622d7fb3fcfe21f6a71bf1f69c726d2579883135',
    '0x3102011adff05ce74fe9863909226a8c575d124184f07a88466e6a168bc3e096',
    '0x1df276d07889a46f557d9bb424d84539b36599ab74bea9f03480ddd1eadbff03',
  ],
  root: '0x6a0f10ffeaf9e1033f6c598f714e57a83e125a27c9a8d47ac8cd6cb6ae8100a4',
  reportWords: [
    '0000000000000000000000007e5f4552091a69125d5dfcb7b8c2659029395bdf',
    '0000000000000000000000000000000000000000000000000000000000000001',
    '000000000000000000000000000000000000000000000000000000006b36ec80',
    '000000000000000000000000000000000000000000000000000000006b36fa90',
    '0000000000000000000000000000000000000000000000000000000000000003',
    '6a0f10ffeaf9e1033f6c598f714e57a83e125a27c9a8d47ac8cd6cb6ae8100a4',
    '00000000000000000000000000000000000000000000000000000000003567e0',
    '00000000000000000000000000000000000000000000000000000000001e8480',
    '000000000000000000000000000000000000000000000000000000165a0bc000',
    '000000000000000000000000000000000000000000000000000000000000474a',
    '3f1d6c1e8b1a2f0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c',
    '0000000000000000000000000000000000000000000000000000000000000000',
  ],
  reportHash: '0xdc034eb34c2271afe13370746120435e3afbf7816ebc8fc9f317216ecac77216',
  schemaUid: '0xe3e61a1b2e212e51336df32c33fe201037d9cb9d8d59c5d82516dc54d438dc6c',
  uid: '0xa02704256c15a19f3eec23c042fe91d426d8c4311c0225f602054bfceb14a594',
  signature: { v: 27, r: '0x8464490b6efff0e9166b3f68189621fa167589ef81d92a5567d62abd5d854963', s: '0x071c2fefab1652204684d58478b419887e9499575d680937847e7c0b8513f422' },
};

const words = (hex: string) => hex.slice(2).match(/.{64}/g);

describe('docs/report-format.md worked example', () => {
  it('has the documented leaves, tree and root (and OZ agrees)', () => {
    expect(assetIdHash(epochLeaves[0]!.assetId)).toBe(expected.assetIdHash0);
    expect(epochLeaves[0]!.identityHash).toBe(expected.identityHash0);
    expect(epochLeaves[1]!.healthFlags).toBe(expected.healthFlags1);
    expect(words(bytesToHex(encodeLeaf(epochLeaves[0]!)))).toEqual(expected.encodedLeaf0);
    const tree = buildEpochTree(epochLeaves);
    expect(epochLeaves.map((_, i) => tree.leafHash(i))).toEqual(expected.leafHashes);
    expect(tree.tree.nodes()).toEqual(expected.nodes);
    expect(tree.root).toBe(expected.root);
    expect(tree.proof(0)).toEqual([expected.nodes[1]]);
    expect(StandardMerkleTree.of(epochLeaves.map(leafValues), LEAF_TYPES).root).toBe(expected.root);
  });

  it('has the documented report encoding, hash, schema UID, attestation UID and signature', async () => {
    const report = exampleReport(expected.root);
    expect(words(encodeReport(report))).toEqual(expected.reportWords);
    expect(reportHash(report)).toBe(expected.reportHash);
    expect(REPORT_SCHEMA_UID).toBe(expected.schemaUid);
    expect(encodeReportAttestationData(report)).toBe(`0x${expected.reportWords.slice(1).join('')}`);
    const signed = await signReportAttestation(report, { network: networkProfile('local-devnet'), refUID: ZERO_BYTES32 }, wallet);
    expect(signed.sig.uid).toBe(expected.uid);
    expect(signed.sig.message.salt).toBe(expected.reportHash);
    expect(signed.sig.signature).toEqual(expected.signature);
    expect(signed.signer).toBe('0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf');
  });
});
