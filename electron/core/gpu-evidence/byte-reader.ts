/**
 * A bounds-checked little-endian reader over hostile bytes. Every read names the field and the
 * byte offset it wanted, so a truncated or corrupted report fails with "where" as well as "what".
 */
export class GpuEvidenceFormatError extends Error {
  override readonly name = 'GpuEvidenceFormatError';
  /** The byte offset in request ‖ response where parsing stopped (null: not about one byte). */
  readonly offset: number | null;

  constructor(message: string, offset: number | null) {
    super(offset === null ? message : `${message} (at byte ${offset})`);
    this.offset = offset;
  }
}

export class ByteReader {
  private position = 0;

  constructor(readonly bytes: Uint8Array) {}

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  /** Throws unless `count` more bytes are there for `field`. */
  need(count: number, field: string): void {
    if (count > this.remaining) {
      throw new GpuEvidenceFormatError(`${field}: needs ${count} byte(s), only ${this.remaining} left of ${this.bytes.length}`, this.position);
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.bytes[this.position++]!;
  }

  u16(field: string): number {
    this.need(2, field);
    const value = this.bytes[this.position]! | (this.bytes[this.position + 1]! << 8);
    this.position += 2;
    return value;
  }

  u24(field: string): number {
    this.need(3, field);
    const value = this.bytes[this.position]! | (this.bytes[this.position + 1]! << 8) | (this.bytes[this.position + 2]! << 16);
    this.position += 3;
    return value;
  }

  /** A view (not a copy) of the next `count` bytes. */
  take(count: number, field: string): Uint8Array {
    this.need(count, field);
    const view = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return view;
  }
}
