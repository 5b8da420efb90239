import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_FLAG_BITS } from '../attestation/report/health-flags';
import { keccak256Bytes, preloadKeccak } from '../attestation/report/keccak';
import { encodeLeafInto, leafHash } from '../attestation/report/leaf-encoding';
import { LEAF_ENCODED_BYTES, MAX_BPS, type AssetLeafInput } from '../attestation/report/leaf-format';
import { leafJson } from './bundle-format';
import { encodeLeafJson } from './leaf-json';

// The verifier's fast leaf path must write exactly the bytes of the reference encoder
// (encodeLeafInto) for every leaf it accepts, and defer (null) on anything it does not handle
// itself, so that the careful path answers — and names the field — as it always did.
beforeAll(() => preloadKeccak());

const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`);
const knownFlags = fc.subarray(Object.values(HEALTH_FLAG_BITS)).map((bits) => bits.reduce<number>((mask, bit) => (mask | (1 << bit)) >>> 0, 0));
const bps = fc.integer({ min: 0, max: MAX_BPS });
const below1e15 = fc.bigInt({ min: 0n, max: 10n ** 15n - 1n });
const leafInputs = fc.record({
  assetId: fc.oneof(fc.constant('gpu:GPU-5e1c0b7a-9d1e-4c4f-8b55-0c6a1c1f2a31'), fc.string({ minLength: 1, maxLength: 40 })),
  kind: fc.constantFrom('host', 'gpu', 'robot') as fc.Arbitrary<AssetLeafInput['kind']>,
  epoch: fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
  observedBps: bps,
  uptimeBps: bps,
  meanUtilBps: bps,
  p95UtilBps: bps,
  energyWh: below1e15,
  healthFlags: knownFlags,
  identityOk: fc.boolean(),
  identityHash: hex32,
  revenue: below1e15,
  hwAttested: fc.boolean(),
  evidenceHash: hex32,
});

function fast(json: unknown, epoch: bigint) {
  const target = new Uint8Array(LEAF_ENCODED_BYTES).fill(0xee); // dirty on purpose: the fast path must clear it
  const stored = new Uint8Array(64);
  const facts = encodeLeafJson(json, Number(epoch), epoch.toString(), (id) => keccak256Bytes(Buffer.from(id, 'utf8')), target, new DataView(target.buffer), stored, 32);
  return { facts, target, stored: stored.subarray(32) };
}

describe('encodeLeafJson (the verifier fast path)', () => {
  it('writes the reference encoding and the stored leaf hash of any valid leaf', () => {
    fc.assert(
      fc.property(leafInputs, (input) => {
        const hash = leafHash(input);
        const { facts, target, stored } = fast(leafJson(input, hash), input.epoch);
        const reference = new Uint8Array(LEAF_ENCODED_BYTES);
        encodeLeafInto(input, reference, 0);
        expect(Buffer.from(target).equals(reference)).toBe(true);
        expect(`0x${Buffer.from(stored).toString('hex')}`).toBe(hash);
        expect(facts).toEqual({ assetId: input.assetId, kind: input.kind, uptimeBps: input.uptimeBps, energyWh: input.energyWh, revenue: input.revenue, healthFlags: input.healthFlags, identityOk: input.identityOk, evidenceHash: input.hwAttested ? input.evidenceHash!.toLowerCase() : null });
      }),
      { numRuns: 300 },
    );
  });

  it('defers to the careful path on anything it does not plainly accept', () => {
    const input: AssetLeafInput = { assetId: 'gpu:GPU-1', kind: 'gpu', epoch: 12n, observedBps: 10_000, uptimeBps: 9_990, meanUtilBps: 5_000, p95UtilBps: 9_000, energyWh: 1_234n, healthFlags: 0, identityOk: true, identityHash: `0x${'ab'.repeat(32)}`, revenue: 5_000_000n, hwAttested: false, evidenceHash: `0x${'00'.repeat(32)}` };
    const valid = leafJson(input, leafHash(input)) as unknown as Record<string, unknown>;
    expect(fast(valid, 12n).facts).not.toBeNull();
    const changed: [string, Record<string, unknown>, bigint?][] = [
      ['another epoch', { ...valid, epoch: '13' }],
      ['epoch with a leading zero', { ...valid, epoch: '012' }],
      // The careful path accepts an upper-case identity hash (encodeLeafInto does): it decides, not this one.
      ['upper-case identityHash', { ...valid, identityHash: `0x${'AB'.repeat(32)}` }],
      ['upper-case leafHash', { ...valid, leafHash: String(valid.leafHash).toUpperCase().replace('0X', '0x') }],
      ['energy of 16 digits (BigInt territory)', { ...valid, energyWh: '1000000000000000' }],
      ['revenue as a number', { ...valid, revenue: 5 }],
      ['uptime above 10000', { ...valid, uptimeBps: 10_001 }],
      ['fractional utilization', { ...valid, meanUtilBps: 1.5 }],
      ['an unassigned health bit', { ...valid, healthFlags: 2 ** 30 }],
      ['an inherited kind name', { ...valid, kind: 'toString' }],
      ['an empty asset id', { ...valid, assetId: '' }],
      ['a missing field', Object.fromEntries(Object.entries(valid).filter(([key]) => key !== 'hwAttested'))],
      ['an extra field', { ...valid, note: 'x' }],
      ['a short evidence hash', { ...valid, evidenceHash: '0x00' }],
    ];
    for (const [what, json] of changed) expect(fast(json, 12n).facts, what).toBeNull();
    expect(fast([valid], 12n).facts).toBeNull();
    expect(fast(null, 12n).facts).toBeNull();
  });
});
