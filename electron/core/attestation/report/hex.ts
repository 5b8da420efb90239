/** Hex <-> bytes for fixed-size values, on Node's native Buffer codec (hot in leaf encoding). */

export const ZERO_BYTES32 = `0x${'00'.repeat(32)}`;
export const ZERO_ADDRESS = `0x${'00'.repeat(20)}`;

const BYTES32_HEX = /^0x[0-9a-fA-F]{64}$/;

export function isBytes32Hex(value: unknown): value is string {
  return typeof value === 'string' && BYTES32_HEX.test(value);
}

/** Copies a 0x-prefixed 32-byte hex string into target at offset; throws naming the field. */
export function writeBytes32Hex(value: string, field: string, target: Uint8Array, offset: number): void {
  if (!isBytes32Hex(value)) throw new TypeError(`${field} must be 0x followed by 64 hex digits, got ${describe(value)}`);
  Buffer.from(target.buffer, target.byteOffset + offset, 32).write(value.slice(2), 'hex');
}

export function bytesToHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

export function hexToBytes32(value: string, field: string): Uint8Array {
  const out = new Uint8Array(32);
  writeBytes32Hex(value, field, out, 0);
  return out;
}

/** A short, safe rendering of a bad value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 80 ? `"${value.slice(0, 77)}..."` : `"${value}"`;
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}
