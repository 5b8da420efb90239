/** Hex <-> bytes for fixed-size values (hot in leaf encoding and storage: 100,000 leaves an epoch). */

export const ZERO_BYTES32 = `0x${'00'.repeat(32)}`;
export const ZERO_ADDRESS = `0x${'00'.repeat(20)}`;

const BYTES32_HEX = /^0x[0-9a-fA-F]{64}$/;

export function isBytes32Hex(value: unknown): value is string {
  return typeof value === 'string' && BYTES32_HEX.test(value);
}

/** Digit values by char code (-1: not a hex digit). */
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[0-9a-fA-F]/.test(char)) HEX_DIGIT[code] = Number.parseInt(char, 16);
}
const digit = (value: string, index: number): number => {
  const code = value.charCodeAt(index);
  return code < 128 ? HEX_DIGIT[code]! : -1;
};

/**
 * Copies a 0x-prefixed 32-byte hex string into target at offset; throws naming the field.
 * A table lookup per digit: several times faster than a regex test plus Buffer's hex codec
 * on strings this short.
 */
export function writeBytes32Hex(value: string, field: string, target: Uint8Array, offset: number): void {
  const bad = (): TypeError => new TypeError(`${field} must be 0x followed by 64 hex digits, got ${describe(value)}`);
  if (typeof value !== 'string' || value.length !== 66 || value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 120) throw bad();
  for (let i = 0; i < 32; i += 1) {
    const high = digit(value, 2 + 2 * i);
    const low = digit(value, 3 + 2 * i);
    if (high < 0 || low < 0) throw bad();
    target[offset + i] = (high << 4) | low;
  }
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
