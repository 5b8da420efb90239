import { getBytes, keccak256 as ethersKeccak256 } from 'ethers';
import { createKeccak, type IHasher } from 'hash-wasm';
import { hasWasmKeccak, KECCAK_WASM_MAX_INPUT, wasmKeccak256Into } from './keccak-wasm';

/**
 * Keccak-256 for the report layer. hash-wasm's WebAssembly keccak is ~15× faster than
 * ethers' pure-JS one (an epoch of 100,000 assets needs ~400,000 hashes), but its instance is
 * created asynchronously. So every function here is synchronous and correct from the first
 * call: until the WebAssembly instance is ready (or if it never loads) ethers computes the
 * same digest, only slower. Call `await preloadKeccak()` once at start-up to be fast at once.
 * Inputs below 64 kB (nearly all: leaves, tree nodes, digests) take keccak-wasm.ts instead, one
 * synchronous WebAssembly call without allocation; hash-wasm keeps the long ones.
 */
let wasmHasher: IHasher | null = null;
let loading: Promise<void> | null = null;
/** Set by resetKeccakForTests: every input takes hash-wasm (or ethers) until preloadKeccak resolves again. */
let forceGeneralPath = false;

export function preloadKeccak(): Promise<void> {
  loading ??= createKeccak(256).then(
    (hasher) => {
      wasmHasher = hasher;
      forceGeneralPath = false;
    },
    // A WebAssembly-less runtime keeps the ethers fallback: same digests, slower.
    () => undefined,
  );
  return loading;
}

/** Whether the fast implementation is in use (benchmarks and tests ask). */
export function isFastKeccakReady(): boolean {
  return wasmHasher !== null;
}

/** keccak256(data) written at target[offset .. offset + 32): no allocation on the fast path. */
export function keccak256Into(data: Uint8Array, target: Uint8Array, offset: number): void {
  if (hasWasmKeccak && data.length <= KECCAK_WASM_MAX_INPUT && !forceGeneralPath) wasmKeccak256Into(data, target, offset);
  else target.set(generalKeccak256(data), offset);
}

/** keccak256(data) as 32 fresh bytes. */
export function keccak256Bytes(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  keccak256Into(data, out, 0);
  return out;
}

function generalKeccak256(data: Uint8Array): Uint8Array {
  const hasher = wasmHasher;
  if (hasher === null) {
    void preloadKeccak();
    return getBytes(ethersKeccak256(data));
  }
  // One shared instance is safe: JavaScript runs this init/update/digest without interleaving.
  hasher.init();
  hasher.update(data);
  return hasher.digest('binary');
}

/** Only for tests: forget the WebAssembly instances to exercise the fallback (ethers until preloadKeccak resolves). */
export function resetKeccakForTests(): void {
  wasmHasher = null;
  loading = null;
  forceGeneralPath = true;
}

