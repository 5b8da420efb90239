import { ByteReader, GpuEvidenceFormatError } from './byte-reader';
import { opaqueFieldName, type OpaqueField } from './opaque-fields';
import { reportToBytes } from './report-bytes';

/**
 * The evidence report: an SPDM 1.1 GET_MEASUREMENTS request followed by the GPU's MEASUREMENTS
 * response (DMTF DSP0274 1.1, §10.11), as NVIDIA's driver returns them. Every length is checked
 * against what is left, so hostile input ends in a GpuEvidenceFormatError with the byte offset,
 * never in an out-of-bounds read or a silently short field.
 */

export const SPDM_VERSION_1_1 = 0x11;
const GET_MEASUREMENTS = 0xe0;
const MEASUREMENTS = 0x60;
/** Request param1 bit 0: "sign the response". */
const SIGNATURE_REQUESTED = 0x01;
/** MeasurementSpecification bit 0: the DMTF measurement format. */
const DMTF_MEASUREMENT_SPEC = 0x01;
export const NONCE_BYTES = 32;
/** ECDSA P-384, raw r ‖ s (SPDM's encoding, not DER). */
export const SIGNATURE_BYTES = 96;

export interface SpdmRequest {
  version: number;
  code: number;
  param1: number;
  /** 0xFF: all measurements. */
  param2: number;
  nonce: Uint8Array;
  slotId: number;
  /** The request's bytes (the start of the signed data). */
  bytes: Uint8Array;
}

export interface MeasurementBlock {
  index: number;
  specification: number;
  /** DMTFSpecMeasurementValueType (bit 7: raw bit stream rather than digest). */
  valueType: number;
  value: Uint8Array;
  /** Byte offset of the block's index byte in request ‖ response. */
  offset: number;
}

export interface SpdmMeasurementsResponse {
  version: number;
  code: number;
  param1: number;
  param2: number;
  numberOfBlocks: number;
  measurementRecordLength: number;
  /** In report order. */
  blocks: MeasurementBlock[];
  /** The responder's nonce (the GPU's own randomness, not the verifier's). */
  nonce: Uint8Array;
  opaqueLength: number;
  opaque: OpaqueField[];
  /** The response's bytes, signature included. */
  bytes: Uint8Array;
}

export interface ParsedSpdmReport {
  /** request ‖ response, as given. */
  bytes: Uint8Array;
  request: SpdmRequest;
  response: SpdmMeasurementsResponse;
  /** Opaque fields by type (each type at most once). */
  opaqueByType: ReadonlyMap<number, OpaqueField>;
  /** Raw r ‖ s. */
  signature: Uint8Array;
  /** Byte offset of the signature in request ‖ response. */
  signatureOffset: number;
  /** What the signature covers: request ‖ response without its signature (SPDM 1.1 L1/L2). */
  signedBytes: Uint8Array;
}

function expectByte(reader: ByteReader, field: string, expected: number, why: string): number {
  const at = reader.offset;
  const found = reader.u8(field);
  if (found !== expected) throw new GpuEvidenceFormatError(`${field}: expected 0x${expected.toString(16).padStart(2, '0')} (${why}), found 0x${found.toString(16).padStart(2, '0')}`, at);
  return found;
}

function readRequest(reader: ByteReader): SpdmRequest {
  const start = reader.offset;
  const version = expectByte(reader, 'request SPDMVersion', SPDM_VERSION_1_1, 'SPDM 1.1; other versions are not supported');
  const code = expectByte(reader, 'request RequestResponseCode', GET_MEASUREMENTS, 'GET_MEASUREMENTS');
  const param1At = reader.offset;
  const param1 = reader.u8('request Param1');
  if ((param1 & SIGNATURE_REQUESTED) === 0) throw new GpuEvidenceFormatError('request Param1: the request did not ask for a signed response, so the report proves nothing', param1At);
  const param2 = reader.u8('request Param2');
  const nonce = reader.take(NONCE_BYTES, 'request Nonce');
  const slotId = reader.u8('request SlotIDParam');
  return { version, code, param1, param2, nonce, slotId, bytes: reader.bytes.subarray(start, reader.offset) };
}

function readBlocks(reader: ByteReader, count: number, recordLength: number): MeasurementBlock[] {
  const recordStart = reader.offset;
  reader.need(recordLength, 'MeasurementRecord');
  const recordEnd = recordStart + recordLength;
  const blocks: MeasurementBlock[] = [];
  const seen = new Map<number, number>();
  for (let n = 0; n < count; n += 1) {
    const offset = reader.offset;
    const field = `measurement block ${n + 1} of ${count}`;
    if (offset >= recordEnd) throw new GpuEvidenceFormatError(`${field}: MeasurementRecordLength ${recordLength} ends before it`, offset);
    const index = reader.u8(`${field} Index`);
    if (index === 0 || index === 0xff) throw new GpuEvidenceFormatError(`${field}: index ${index} is reserved`, offset);
    const previous = seen.get(index);
    if (previous !== undefined) throw new GpuEvidenceFormatError(`${field}: index ${index} already given by the block at byte ${previous}`, offset);
    seen.set(index, offset);
    const specAt = reader.offset;
    const specification = reader.u8(`${field} MeasurementSpecification`);
    if ((specification & DMTF_MEASUREMENT_SPEC) === 0) throw new GpuEvidenceFormatError(`${field} (index ${index}): MeasurementSpecification 0x${specification.toString(16)} is not the DMTF format`, specAt);
    const size = reader.u16(`${field} MeasurementSize`);
    if (reader.offset + size > recordEnd) throw new GpuEvidenceFormatError(`${field} (index ${index}): MeasurementSize ${size} runs past the MeasurementRecord's end at byte ${recordEnd}`, reader.offset - 2);
    const measurementAt = reader.offset;
    const valueType = reader.u8(`${field} DMTFSpecMeasurementValueType`);
    const valueSize = reader.u16(`${field} DMTFSpecMeasurementValueSize`);
    if (valueSize + 3 !== size) throw new GpuEvidenceFormatError(`${field} (index ${index}): DMTFSpecMeasurementValueSize ${valueSize} + 3 does not match MeasurementSize ${size}`, measurementAt + 1);
    const value = reader.take(valueSize, `${field} DMTFSpecMeasurementValue`);
    blocks.push({ index, specification, valueType, value, offset });
  }
  if (reader.offset !== recordEnd) throw new GpuEvidenceFormatError(`MeasurementRecord: ${count} blocks use ${reader.offset - recordStart} bytes, MeasurementRecordLength says ${recordLength}`, reader.offset);
  return blocks;
}

function readOpaque(reader: ByteReader, length: number): { fields: OpaqueField[]; byType: Map<number, OpaqueField> } {
  const start = reader.offset;
  reader.need(length, 'OpaqueData');
  const end = start + length;
  const fields: OpaqueField[] = [];
  const byType = new Map<number, OpaqueField>();
  while (reader.offset < end) {
    const offset = reader.offset;
    if (end - offset < 4) throw new GpuEvidenceFormatError(`OpaqueData: ${end - offset} byte(s) left, too few for a field header`, offset);
    const type = reader.u16('opaque field DataType');
    const size = reader.u16('opaque field DataSize');
    const name = opaqueFieldName(type);
    if (reader.offset + size > end) throw new GpuEvidenceFormatError(`opaque field ${name}: DataSize ${size} runs past OpaqueLength's end at byte ${end}`, offset + 2);
    const value = reader.take(size, `opaque field ${name}`);
    const duplicate = byType.get(type);
    // Two fields of one type could make two readers see two values under one signature.
    if (duplicate !== undefined) throw new GpuEvidenceFormatError(`opaque field ${name} appears twice (first at byte ${duplicate.offset})`, offset);
    const field = { type, name, offset, value };
    fields.push(field);
    byType.set(type, field);
  }
  return { fields, byType };
}

function readResponse(reader: ByteReader): { response: Omit<SpdmMeasurementsResponse, 'bytes'>; byType: Map<number, OpaqueField> } {
  const version = expectByte(reader, 'response SPDMVersion', SPDM_VERSION_1_1, 'SPDM 1.1; other versions are not supported');
  const codeAt = reader.offset;
  const code = reader.u8('response RequestResponseCode');
  if (code === 0x7f) throw new GpuEvidenceFormatError('response is an SPDM ERROR, not MEASUREMENTS', codeAt);
  if (code !== MEASUREMENTS) throw new GpuEvidenceFormatError(`response RequestResponseCode: expected 0x60 (MEASUREMENTS), found 0x${code.toString(16).padStart(2, '0')}`, codeAt);
  const param1 = reader.u8('response Param1');
  const param2 = reader.u8('response Param2');
  const countAt = reader.offset;
  const numberOfBlocks = reader.u8('response NumberOfBlocks');
  if (numberOfBlocks === 0) throw new GpuEvidenceFormatError('response NumberOfBlocks is 0: the report measures nothing', countAt);
  const measurementRecordLength = reader.u24('response MeasurementRecordLength');
  const blocks = readBlocks(reader, numberOfBlocks, measurementRecordLength);
  const nonce = reader.take(NONCE_BYTES, 'response Nonce');
  const opaqueLength = reader.u16('response OpaqueLength');
  const opaque = readOpaque(reader, opaqueLength);
  return { response: { version, code, param1, param2, numberOfBlocks, measurementRecordLength, blocks, nonce, opaqueLength, opaque: opaque.fields }, byType: opaque.byType };
}

/**
 * Parses request ‖ response (bytes, or hex text with any whitespace). Throws
 * GpuEvidenceFormatError, with the byte offset, on anything that is not a well-formed signed
 * SPDM 1.1 GET_MEASUREMENTS exchange.
 */
export function parseGpuEvidenceReport(hexOrBytes: string | Uint8Array): ParsedSpdmReport {
  const bytes = reportToBytes(hexOrBytes);
  const reader = new ByteReader(bytes);
  const request = readRequest(reader);
  const responseStart = reader.offset;
  const { response, byType } = readResponse(reader);
  const signatureOffset = reader.offset;
  if (reader.remaining !== SIGNATURE_BYTES) {
    throw new GpuEvidenceFormatError(`Signature: expected ${SIGNATURE_BYTES} bytes (ECDSA P-384 r ‖ s) to end the report, found ${reader.remaining}`, signatureOffset);
  }
  const signature = reader.take(SIGNATURE_BYTES, 'Signature');
  return {
    bytes,
    request,
    response: { ...response, bytes: bytes.subarray(responseStart) },
    opaqueByType: byType,
    signature,
    signatureOffset,
    signedBytes: bytes.subarray(0, signatureOffset),
  };
}
