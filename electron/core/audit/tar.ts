/**
 * A minimal POSIX ustar writer and reader for audit bundles. Uncompressed on purpose: every
 * file's bytes sit verbatim at a known offset, so a changed byte is traceable to one file and,
 * inside it, to one JSON field — a compressed archive would smear one change over everything
 * after it. `tar -xf bundle.tar` unpacks it with any tar.
 *
 * Only what bundles need: regular files, names up to 100 bytes, sizes below 8 GiB. The reader
 * never extracts to disk; it indexes entries in memory and checks every header checksum.
 */

const BLOCK = 512;

export interface TarFile {
  name: string;
  data: Uint8Array;
}

export interface TarEntry {
  name: string;
  /** Offset of the header block in the archive. */
  headerOffset: number;
  /** Offset of the file's first byte. */
  offset: number;
  size: number;
}

export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

function writeString(header: Uint8Array, value: string, offset: number, length: number): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new RangeError(`tar field "${value}" is longer than ${length} bytes`);
  header.set(bytes, offset);
}

/** Octal, zero-padded, NUL-terminated: the portable ustar number form. */
function writeOctal(header: Uint8Array, value: number, offset: number, length: number): void {
  writeString(header, `${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
}

function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/**
 * The archive of `files`, in the order given. `mtime` (Unix seconds) is the same for every
 * entry, and owner, group and mode are fixed, so the same files always give the same bytes.
 */
export function writeTar(files: readonly TarFile[], mtime: number): Buffer {
  const parts: Uint8Array[] = [];
  for (const file of files) {
    const header = new Uint8Array(BLOCK);
    writeString(header, file.name, 0, 100);
    writeOctal(header, 0o644, 100, 8);
    writeOctal(header, 0, 108, 8);
    writeOctal(header, 0, 116, 8);
    writeOctal(header, file.data.length, 124, 12);
    writeOctal(header, mtime, 136, 12);
    header[156] = 0x30; // '0': regular file
    writeString(header, 'ustar\0', 257, 6);
    writeString(header, '00', 263, 2);
    writeOctal(header, checksum(header), 148, 7);
    header[155] = 0x20;
    parts.push(header, file.data);
    const padding = (BLOCK - (file.data.length % BLOCK)) % BLOCK;
    if (padding > 0) parts.push(new Uint8Array(padding));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return Buffer.concat(parts);
}

function readString(archive: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && archive[end] !== 0) end += 1;
  return Buffer.from(archive.buffer, archive.byteOffset + offset, end - offset).toString('utf8');
}

function readOctal(archive: Uint8Array, offset: number, length: number, field: string, at: number): number {
  const text = readString(archive, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`tar header at byte ${at}: ${field} is not an octal number`, at + (offset - at));
  return Number.parseInt(text, 8);
}

function isCanonicalChecksumField(archive: Uint8Array, at: number): boolean {
  for (let i = at; i < at + 6; i += 1) if (archive[i]! < 0x30 || archive[i]! > 0x37) return false;
  return archive[at + 6] === 0 && archive[at + 7] === 0x20;
}

function isZeroBlock(archive: Uint8Array, offset: number): boolean {
  // A header's name never starts with NUL, so nearly every block is decided by its first byte.
  if (archive[offset] !== 0) return false;
  for (let i = offset; i < offset + BLOCK; i += 1) if (archive[i] !== 0) return false;
  return true;
}

/**
 * Indexes the regular files of an archive. Throws a TarFormatError naming the byte offset of
 * the first header that is damaged (checksum, size, type) or truncated.
 */
export function readTarIndex(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > archive.length) throw new TarFormatError(`archive ends at byte ${archive.length} without its end-of-archive blocks`, archive.length);
    if (isZeroBlock(archive, offset)) return entries;
    const stored = readOctal(archive, offset + 148, 8, 'checksum', offset);
    // The checksum does not cover its own field, and readOctal would take " 12345" or a space for
    // the NUL: hold the field to the one spelling tar (GNU and ours) writes, 6 digits, NUL, space.
    if (!isCanonicalChecksumField(archive, offset + 148)) throw new TarFormatError(`tar header at byte ${offset} is damaged (its checksum field is not 6 octal digits, NUL, space)`, offset + 148);
    const header = archive.subarray(offset, offset + BLOCK);
    if (stored !== checksum(header)) throw new TarFormatError(`tar header at byte ${offset} is damaged (checksum ${stored}, computed ${checksum(header)})`, offset);
    const name = readString(archive, offset, 100);
    const type = archive[offset + 156];
    if (type !== 0x30 && type !== 0) throw new TarFormatError(`tar entry "${name}" at byte ${offset} is not a regular file`, offset + 156);
    const size = readOctal(archive, offset + 124, 12, 'size', offset);
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > archive.length) throw new TarFormatError(`tar entry "${name}" runs past the end of the archive`, offset + 124);
    entries.push({ name, headerOffset: offset, offset: dataOffset, size });
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
  }
}

/** Whether the bytes start like a ustar archive (the magic at 257), without parsing further. */
export function looksLikeTar(bytes: Uint8Array): boolean {
  return bytes.length >= BLOCK && readString(bytes, 257, 6) === 'ustar';
}
