import { createRequire } from 'node:module';
import { getAddress, recoverAddress as ethersRecoverAddress, Signature } from 'ethers';
import { bytesToHex } from '../attestation/report/hex';
import { keccak256Bytes } from '../attestation/report/keccak';

/**
 * ECDSA over secp256k1 for the audit verifier. The native `secp256k1` binding (libsecp256k1,
 * prebuilt in its npm package) recovers ~30× faster than ethers' pure-JS code. It is loaded
 * from `secp256k1/bindings` on purpose: the package's main entry silently falls back to a slow
 * pure-JS implementation, and we want to know which one runs. Where the binding cannot load
 * (an Electron build without it), ethers does the same work, slower — same answers.
 */
interface NativeSecp256k1 {
  ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

let native: NativeSecp256k1 | null | undefined;

function loadNative(): NativeSecp256k1 | null {
  if (native !== undefined) return native;
  try {
    native = createRequire(import.meta.url)('secp256k1/bindings') as NativeSecp256k1;
  } catch {
    native = null;
  }
  return native;
}

/** Which implementation checks signatures: shown in verify output and docs/benchmarks.md. */
export function signatureBackend(): 'libsecp256k1 (native)' | 'ethers (pure JS)' {
  return loadNative() ? 'libsecp256k1 (native)' : 'ethers (pure JS)';
}

/** Only for tests: force the ethers path, or go back to auto-detection. */
export function useEthersSignaturesForTests(force: boolean): void {
  native = force ? null : undefined;
}

const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

export interface RawSignature {
  /** 64 bytes r ‖ s. */
  compact: Uint8Array;
  /** 0 or 1. */
  recid: number;
}

/** r, s and v (27/28, or 0/1) as a recoverable signature; throws naming the part that is wrong. */
export function rawSignature(r: string, s: string, v: number): RawSignature {
  const compact = new Uint8Array(64);
  const rs = Buffer.from(compact.buffer);
  if (rs.write(r.slice(2), 0, 'hex') !== 32) throw new SignatureFormatError('r', 'is not 32 bytes of hex');
  if (rs.write(s.slice(2), 32, 'hex') !== 32) throw new SignatureFormatError('s', 'is not 32 bytes of hex');
  // EIP-2 / ethers: a high-s signature is the malleated twin of a valid one; refuse it.
  if (BigInt(s) > HALF_N) throw new SignatureFormatError('s', 'is not canonical (high s)');
  const recid = v >= 27 ? v - 27 : v;
  if (recid !== 0 && recid !== 1) throw new SignatureFormatError('v', `must be 27 or 28, got ${v}`);
  return { compact, recid };
}

export class SignatureFormatError extends Error {
  override readonly name = 'SignatureFormatError';
  constructor(readonly part: 'r' | 's' | 'v', detail: string) {
    super(`signature ${part} ${detail}`);
  }
}

function addressOfPublicKey(uncompressed: Uint8Array): string {
  return getAddress(bytesToHex(keccak256Bytes(uncompressed.subarray(1)).subarray(12)));
}

/** The address that made `signature` over `digest`, or null when nothing can be recovered. */
export function recoverAddress(digest: Uint8Array, signature: RawSignature): string | null {
  const secp = loadNative();
  try {
    if (secp) return addressOfPublicKey(secp.ecdsaRecover(signature.compact, signature.recid, digest, false));
    const sig = Signature.from({ r: bytesToHex(signature.compact.subarray(0, 32)), s: bytesToHex(signature.compact.subarray(32)), v: 27 + signature.recid });
    return ethersRecoverAddress(digest, sig);
  } catch {
    return null;
  }
}

/**
 * Checks many signatures against one expected signer. The first recovery gives the signer's
 * public key (when it belongs to the expected address); every later signature is then checked
 * with ECDSA verify against that key, which is cheaper than recovering it again (no square
 * root for R's y, no hashing of the key). A signature that does not verify is recovered, so the
 * error can name who did sign it.
 */
export class SignerCheck {
  private publicKey: Uint8Array | null = null;
  readonly expected: string;
  /** The 20 address bytes (the report hash encodes the operator; getAddress per report would cost more than the hash). */
  readonly addressBytes: Uint8Array;

  constructor(expected: string) {
    this.expected = getAddress(expected);
    this.addressBytes = Buffer.from(this.expected.slice(2), 'hex');
  }

  /** null when `expected` made the signature, else the address that did (or "nobody"). */
  check(digest: Uint8Array, signature: RawSignature): string | null {
    const secp = loadNative();
    if (secp && this.publicKey) {
      if (secp.ecdsaVerify(signature.compact, digest, this.publicKey)) return null;
      return recoverAddress(digest, signature) ?? 'nobody (the signature recovers no key)';
    }
    if (secp) {
      let key: Uint8Array;
      try {
        key = secp.ecdsaRecover(signature.compact, signature.recid, digest, false);
      } catch {
        return 'nobody (the signature recovers no key)';
      }
      const address = addressOfPublicKey(key);
      if (address !== this.expected) return address;
      this.publicKey = key;
      return null;
    }
    const address = recoverAddress(digest, signature);
    return address === this.expected ? null : (address ?? 'nobody (the signature recovers no key)');
  }
}
