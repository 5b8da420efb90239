import { assetIdHash } from './leaf-encoding';
import { bytesToHex, hexToBytes32 } from './hex';
import { keccak256Bytes } from './keccak';

/**
 * The nonce a GPU signs its evidence over for an epoch: keccak256(previous report hash ‖
 * keccak256(asset id)) — the asset id as the leaf holds it. The previous report did not exist
 * before the previous epoch ended, so evidence carrying this nonce was produced after that: an
 * auditor recomputes it from the bundle alone and knows the evidence is fresh for this epoch and
 * this asset, not replayed from another. The first report's "previous hash" is bytes32(0).
 */
export function evidenceNonce(prevReportHash: string, assetId: string): string {
  const input = new Uint8Array(64);
  input.set(hexToBytes32(prevReportHash, 'prevReportHash'), 0);
  input.set(hexToBytes32(assetIdHash(assetId), 'assetId'), 32);
  return bytesToHex(keccak256Bytes(input));
}
