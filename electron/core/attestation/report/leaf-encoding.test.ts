import { AbiCoder, keccak256, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './hex';
import { isFastKeccakReady, preloadKeccak, resetKeccakForTests } from './keccak';
import { assetIdHash, encodeLeaf, identityHashOf, leafHash, leafValues } from './leaf-encoding';
import { LEAF_ENCODED_BYTES, LEAF_FIELDS, LEAF_TYPES, type AssetLeafInput } from './leaf-format';
import { sampleLeaf } from './test-fixtures';

const abi = AbiCoder.defaultAbiCoder();
const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_UINT256 = (1n << 256n) - 1n;

describe('leaf format', () => {
  it('declares the fields once, in the documented order', () => {
    expect(LEAF_FIELDS.map((field) => `${field.type} ${field.name}`).join(',')).toBe(
      'bytes32 assetId,uint8 kind,uint64 epoch,uint16 observedBps,uint16 uptimeBps,uint16 meanUtilBps,uint16 p95UtilBps,uint64 energyWh,uint32 healthFlags,bool identityOk,bytes32 identityHash,uint256 revenue,bool hwAttested,bytes32 evidenceHash',
    );
    expect(LEAF_ENCODED_BYTES).toBe(448);
  });
});

describe('leaf encoding', () => {
  const extremes: AssetLeafInput = {
    assetId: 'robot:ACME:SN-∞-é', // non-ASCII: hashed as UTF-8
    kind: 'robot',
    epoch: MAX_UINT64,
    observedBps: 10_000,
    uptimeBps: 0,
    meanUtilBps: 10_000,
    p95UtilBps: 10_000,
    energyWh: MAX_UINT64,
    healthFlags: 0x7ffff,
    identityOk: true,
    identityHash: `0x${'AB'.repeat(32)}`,
    revenue: MAX_UINT256,
    hwAttested: true,
    evidenceHash: `0x${'cd'.repeat(32)}`,
  };

  it('is exactly abi.encode(values) as ethers encodes it, for ordinary and extreme values', () => {
    for (const leaf of [sampleLeaf(0), sampleLeaf(11), sampleLeaf(12_345), extremes, { ...extremes, revenue: (1n << 64n) + 5n }]) {
      expect(bytesToHex(encodeLeaf(leaf))).toBe(abi.encode(LEAF_TYPES, leafValues(leaf)));
    }
  });

  it('hashes as the OZ standard leaf: keccak256(keccak256(abi.encode(values)))', () => {
    const leaf = sampleLeaf(5);
    expect(leafHash(leaf)).toBe(keccak256(keccak256(abi.encode(LEAF_TYPES, leafValues(leaf)))));
  });

  it('takes the asset id as keccak256 of its UTF-8 bytes, and defaults the reserved fields to false and zero', () => {
    expect(assetIdHash(extremes.assetId)).toBe(keccak256(toUtf8Bytes(extremes.assetId)));
    const values = leafValues(sampleLeaf(1));
    expect(values[0]).toBe(keccak256(toUtf8Bytes(sampleLeaf(1).assetId)));
    expect(values[12]).toBe(false);
    expect(values[13]).toBe(`0x${'00'.repeat(32)}`);
  });

  it('hashes an identity independently of key order (RFC 8785 canonical JSON)', () => {
    const a = identityHashOf({ uuid: 'GPU-1', serial: '1324', pciBusId: '00000000:3B:00.0' });
    const b = identityHashOf({ serial: '1324', pciBusId: '00000000:3B:00.0', uuid: 'GPU-1' });
    expect(a).toBe(b);
    expect(a).toBe(keccak256(toUtf8Bytes('{"pciBusId":"00000000:3B:00.0","serial":"1324","uuid":"GPU-1"}')));
  });

  it('gives the same bytes with the ethers fallback as with hash-wasm', async () => {
    await preloadKeccak();
    expect(isFastKeccakReady()).toBe(true);
    const fast = leafHash(sampleLeaf(3));
    resetKeccakForTests();
    expect(isFastKeccakReady()).toBe(false);
    expect(leafHash(sampleLeaf(3))).toBe(fast);
    await preloadKeccak();
  });

  it.each([
    ['observedBps', { observedBps: 10_001 }, /observedBps must be an integer 0..10000, got 10001/],
    ['uptimeBps', { uptimeBps: -1 }, /uptimeBps/],
    ['meanUtilBps', { meanUtilBps: 12.5 }, /meanUtilBps/],
    ['p95UtilBps', { p95UtilBps: Number.NaN }, /p95UtilBps/],
    ['epoch', { epoch: 1n << 64n }, /epoch must be a uint64 bigint/],
    ['epoch as number', { epoch: 42 as unknown as bigint }, /epoch must be a uint64 bigint, got 42/],
    ['energyWh', { energyWh: -1n }, /energyWh/],
    ['revenue', { revenue: 1n << 256n }, /revenue must be a uint256/],
    ['healthFlags unassigned bit', { healthFlags: 1 << 30 }, /healthFlags must be made of HEALTH_FLAG_BITS/],
    ['kind', { kind: 'toaster' as never }, /kind must be host \| gpu \| robot/],
    ['identityOk', { identityOk: 1 as unknown as boolean }, /identityOk must be a boolean/],
    ['identityHash', { identityHash: '0x1234' }, /identityHash must be 0x followed by 64 hex digits/],
    ['evidenceHash', { evidenceHash: `0x${'zz'.repeat(32)}` }, /evidenceHash/],
    ['assetId', { assetId: '' }, /assetId must be a non-empty string/],
  ])('refuses a bad %s, naming the asset and the field', (_name, change, message) => {
    const leaf = { ...sampleLeaf(9), ...change } as AssetLeafInput;
    expect(() => encodeLeaf(leaf)).toThrow(message);
    if (leaf.assetId) expect(() => encodeLeaf(leaf)).toThrow(leaf.assetId);
  });
});
