import { GpuEvidenceFormatError } from './byte-reader';

/**
 * NVIDIA's opaque data in a MEASUREMENTS response: a list of {type u16 LE, size u16 LE, data}
 * fields the GPU firmware adds under the signature. The type numbers are NVIDIA's (the same in
 * its local verifier and attestation SDK); the ones Sietch reads are decoded below, the rest are
 * kept as bytes.
 */
export const OPAQUE_FIELD = {
  certIssuerName: 1,
  certAuthorityKeyIdentifier: 2,
  driverVersion: 3,
  gpuInfo: 4,
  sku: 5,
  vbiosVersion: 6,
  manufacturerId: 7,
  tamperDetection: 8,
  smc: 9,
  vpr: 10,
  nvdec0Status: 11,
  measurementCounts: 12,
  cprInfo: 13,
  boardId: 14,
  chipSku: 15,
  chipSkuMod: 16,
  project: 17,
  projectSku: 18,
  projectSkuMod: 19,
  fwid: 20,
  protectedPcieStatus: 21,
} as const;

const NAMES = new Map<number, string>(Object.entries(OPAQUE_FIELD).map(([name, type]) => [type, name]));

/** "driverVersion", or "type 42" for a field this version of Sietch does not know. */
export function opaqueFieldName(type: number): string {
  return NAMES.get(type) ?? `type ${type}`;
}

export interface OpaqueField {
  type: number;
  name: string;
  /** Byte offset of the field's type in request ‖ response. */
  offset: number;
  value: Uint8Array;
}

/** ASCII up to the first NUL (the driver pads its version string with NULs). */
export function decodeNulPaddedAscii(value: Uint8Array): string {
  const end = value.indexOf(0);
  return Buffer.from(value.subarray(0, end === -1 ? value.length : end)).toString('latin1');
}

/**
 * The VBIOS version as nvidia-smi prints it: the 8 bytes are two u32 LE words; the first gives
 * the four leading parts, the low byte of the second the OEM part (00 9f 00 96 01 00 00 00 →
 * 96.00.9F.00.01).
 */
export function decodeVbiosVersion(value: Uint8Array, offset: number): string {
  if (value.length !== 8) throw new GpuEvidenceFormatError(`opaque field vbiosVersion: expected 8 bytes, found ${value.length}`, offset);
  const parts = [value[3]!, value[2]!, value[1]!, value[0]!, value[4]!];
  return parts.map((part) => part.toString(16).padStart(2, '0').toUpperCase()).join('.');
}

/** How many times each measurement was taken (u32 LE each). */
export function decodeMeasurementCounts(value: Uint8Array, offset: number): number[] {
  if (value.length % 4 !== 0) throw new GpuEvidenceFormatError(`opaque field measurementCounts: ${value.length} bytes is not a whole number of u32 counts`, offset);
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const counts: number[] = [];
  for (let at = 0; at < value.length; at += 4) counts.push(view.getUint32(at, true));
  return counts;
}
