import { getBytes, keccak256 as ethersKeccak256 } from 'ethers';
import { createKeccak, type IHasher } from 'hash-wasm';

/**
 * Keccak-256 for the report layer. hash-wasm's WebAssembly keccak is ~15× faster than
 * ethers' pure-JS one (an epoch of 100,000 assets needs ~400,000 hashes), but its instance is
 * created asynchronously. So every function here is synchronous and correct from the first
 * call: until the WebAssembly instance is ready (or if it never loads) ethers computes the
 * same digest, only slower. Call `await preloadKeccak()` once at start-up to be fast at once.
 */
let wasmHasher: IHasher | null = null;
let loading: Promise<void> | null = null;

export function preloadKeccak(): Promise<void> {
  loading ??= createKeccak(256).then(
    (hasher) => {
      wasmHasher = hasher;
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

/** keccak256(data) as 32 fresh bytes. */
export function keccak256Bytes(data: Uint8Array): Uint8Array {
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

/** Only for tests: forget the WebAssembly instance to exercise the fallback. */
export function resetKeccakForTests(): void {
  wasmHasher = null;
  loading = null;
}
