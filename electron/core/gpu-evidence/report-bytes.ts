import { GpuEvidenceFormatError } from './byte-reader';

const HEX_TEXT = /^[\s0-9a-fA-F]*$/;

/** Whether a file's bytes are hex text (what NVIDIA's tools write) rather than the raw report. */
export function looksLikeHexText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  // A raw report starts with 0x11 (SPDM 1.1), which is not a hex digit: no ambiguity for real input.
  for (const byte of bytes) {
    const isHexDigit = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
    const isSpace = byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
    if (!isHexDigit && !isSpace) return false;
  }
  return true;
}

/**
 * Hex text (whitespace anywhere, an optional 0x) to bytes. A stray character or an odd digit
 * count is a format error naming the character offset in the text.
 */
export function hexTextToBytes(text: string): Uint8Array {
  let digits = text.replace(/\s+/g, '');
  if (digits.startsWith('0x') || digits.startsWith('0X')) digits = digits.slice(2);
  if (!HEX_TEXT.test(digits)) {
    const bad = digits.search(/[^0-9a-fA-F]/);
    throw new GpuEvidenceFormatError(`report hex has a non-hex character ${JSON.stringify(digits[bad])} at hex digit ${bad}`, null);
  }
  if (digits.length % 2 !== 0) throw new GpuEvidenceFormatError(`report hex has an odd number of digits (${digits.length})`, null);
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}

/** The report as the parser takes it: bytes as they are, or hex text. */
export function reportToBytes(hexOrBytes: string | Uint8Array): Uint8Array {
  return typeof hexOrBytes === 'string' ? hexTextToBytes(hexOrBytes) : hexOrBytes;
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
