/**
 * Lower-case hex, decoded by table: the verifier reads ~60 hashes a report, and a charCode loop
 * costs a fraction of slice + Buffer's hex codec + a regex. Only lower-case digits count, the
 * one spelling Sietch writes (json-fields.ts says why).
 */
const LOWER_HEX = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit += 1) LOWER_HEX['0123456789abcdef'.charCodeAt(digit)] = digit;

/** Writes the bytes of `0x` + 2·length lower-case hex digits at target[offset]; false (target partly written) when the text is anything else. */
export function lowerHexInto(value: unknown, length: number, target: Uint8Array, offset: number): value is string {
  if (typeof value !== 'string' || value.length !== 2 + 2 * length || value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 120) return false;
  for (let i = 0; i < length; i += 1) {
    const high = value.charCodeAt(2 + 2 * i);
    const low = value.charCodeAt(3 + 2 * i);
    const byte = ((high < 128 ? LOWER_HEX[high]! : -1) << 4) | (low < 128 ? LOWER_HEX[low]! : -1);
    if (byte < 0) return false;
    target[offset + i] = byte;
  }
  return true;
}
