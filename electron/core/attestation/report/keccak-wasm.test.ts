import { createHash } from 'node:crypto';
import { keccak256 } from 'ethers';
import { createKeccak } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { keccak256Bytes, keccak256Into, preloadKeccak, resetKeccakForTests } from './keccak';
import { hasWasmKeccak, KECCAK_WASM_MAX_INPUT, wasmKeccak256Into } from './keccak-wasm';

/** n pseudo-random bytes, the same on every run (sha256 in counter mode). */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let at = 0, block = 0; at < length; at += 32, block += 1) out.set(createHash('sha256').update(`${seed}:${block}`).digest().subarray(0, Math.min(32, length - at)), at);
  return out;
}

const hex = (value: Uint8Array) => `0x${Buffer.from(value).toString('hex')}`;

describe('one-call WebAssembly keccak', () => {
  it('loads here (Node has WebAssembly)', () => {
    expect(hasWasmKeccak).toBe(true);
  });

  it('gives ethers\' and hash-wasm\'s digest for every length up to four blocks, padding edges included', async () => {
    const hashWasm = await createKeccak(256);
    const out = new Uint8Array(40);
    // 0..4 blocks of 136 bytes: each length crosses the 0x01 … 0x80 padding differently (135: one byte 0x81).
    for (let length = 0; length <= 4 * 136 + 1; length += 1) {
      const data = bytes(length, length);
      wasmKeccak256Into(data, out, 5);
      const expected = keccak256(data);
      expect(hex(out.subarray(5, 37)), `length ${length}`).toBe(expected);
      expect(hashWasm.init().update(data).digest('hex')).toBe(expected.slice(2));
    }
  });

  it('leaves the bytes around the digest alone and does not depend on the message before', () => {
    const target = new Uint8Array(96).fill(0xee);
    wasmKeccak256Into(bytes(500, 1), target, 32);
    wasmKeccak256Into(bytes(3, 2), target, 32);
    expect(hex(target.subarray(32, 64))).toBe(keccak256(bytes(3, 2)));
    expect(target.subarray(0, 32).every((byte) => byte === 0xee) && target.subarray(64).every((byte) => byte === 0xee)).toBe(true);
  });

  it('keccak256Into and keccak256Bytes: the same digests below and above the one-call limit, and on the fallback', async () => {
    await preloadKeccak();
    const inputs = [bytes(0, 3), bytes(448, 4), bytes(KECCAK_WASM_MAX_INPUT, 5), bytes(KECCAK_WASM_MAX_INPUT + 1, 6), bytes(200_000, 7)];
    const expected = inputs.map((data) => keccak256(data));
    const into = new Uint8Array(32);
    inputs.forEach((data, i) => {
      keccak256Into(data, into, 0);
      expect(hex(into)).toBe(expected[i]);
      expect(hex(keccak256Bytes(data))).toBe(expected[i]);
    });
    resetKeccakForTests(); // ethers until hash-wasm is loaded again
    inputs.forEach((data, i) => expect(hex(keccak256Bytes(data))).toBe(expected[i]));
    await preloadKeccak();
    inputs.forEach((data, i) => expect(hex(keccak256Bytes(data))).toBe(expected[i]));
  });
});
