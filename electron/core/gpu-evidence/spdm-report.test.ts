import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REAL_REPORT_FILE } from '../../../test/support/gpu-evidence-fixtures';
import { GpuEvidenceFormatError } from './byte-reader';
import { decodeMeasurementCounts, decodeNulPaddedAscii, decodeVbiosVersion, OPAQUE_FIELD } from './opaque-fields';
import { parseGpuEvidenceReport } from './spdm-report';

const realText = readFileSync(REAL_REPORT_FILE, 'utf8');
const realBytes = () => Buffer.from(realText.replace(/\s+/g, ''), 'hex');

/** The parse error of `input`, asserting it is one. */
function formatError(input: string | Uint8Array): GpuEvidenceFormatError {
  try {
    parseGpuEvidenceReport(input);
  } catch (error) {
    expect(error).toBeInstanceOf(GpuEvidenceFormatError);
    return error as GpuEvidenceFormatError;
  }
  throw new Error('expected a format error');
}

describe('parseGpuEvidenceReport on the real H100 report (nvtrust sample)', () => {
  const report = parseGpuEvidenceReport(realText);

  it('reads the GET_MEASUREMENTS request: SPDM 1.1, signature requested, all measurements, its nonce', () => {
    expect(report.bytes.length).toBe(4117);
    expect(report.request).toMatchObject({ version: 0x11, code: 0xe0, param1: 0x01, param2: 0xff, slotId: 0 });
    expect(Buffer.from(report.request.nonce).toString('hex')).toBe('931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb');
    expect(report.request.bytes.length).toBe(37);
  });

  it('reads the MEASUREMENTS response: 64 DMTF blocks of 48-byte digests, the responder nonce, 422 bytes of opaque data, 96 bytes of signature', () => {
    const { response } = report;
    expect(response).toMatchObject({ version: 0x11, code: 0x60, numberOfBlocks: 64, measurementRecordLength: 3520, opaqueLength: 422 });
    expect(response.blocks.map((block) => block.index)).toEqual(Array.from({ length: 64 }, (_, index) => index + 1));
    expect(response.blocks.every((block) => block.specification === 1 && block.value.length === 48)).toBe(true);
    expect(response.blocks[0]!.offset).toBe(45);
    expect(Buffer.from(response.blocks[1]!.value).toString('hex')).toMatch(/^8048dfd18fe229bf16eb9d30cca0f11a/);
    expect(Buffer.from(response.nonce).toString('hex')).toBe('b4b8a06aaaa35542839388e159d447a5d6f6194998fd86513e2d591ccf640985');
    expect(report.signatureOffset).toBe(4021);
    expect(report.signature.length).toBe(96);
    expect(report.signedBytes.length).toBe(4021);
    expect(response.bytes.length).toBe(4117 - 37);
  });

  it('reads the opaque fields in order and decodes the driver, the VBIOS, the measurement counts and the FWID', () => {
    expect(report.response.opaque.map((field) => field.type)).toEqual([6, 14, 15, 16, 17, 18, 19, 3, 4, 12, 13, 11, 20, 21]);
    const field = (type: number) => report.opaqueByType.get(type)!;
    expect(decodeNulPaddedAscii(field(OPAQUE_FIELD.driverVersion).value)).toBe('550.90.07');
    expect(decodeVbiosVersion(field(OPAQUE_FIELD.vbiosVersion).value, 0)).toBe('96.00.9F.00.01');
    expect(decodeNulPaddedAscii(field(OPAQUE_FIELD.chipSku).value)).toBe('882');
    expect(decodeNulPaddedAscii(field(OPAQUE_FIELD.project).value)).toBe('1010');
    const counts = decodeMeasurementCounts(field(OPAQUE_FIELD.measurementCounts).value, 0);
    expect(counts).toHaveLength(64);
    expect(counts.slice(0, 4)).toEqual([0, 1, 4, 1]);
    expect(Buffer.from(field(OPAQUE_FIELD.fwid).value).toString('hex')).toBe('f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee051762b1f75d');
    expect(field(OPAQUE_FIELD.fwid).name).toBe('fwid');
  });

  it('takes raw bytes and hex text alike (whitespace, upper case and a 0x prefix are fine)', () => {
    const spaced = `0x${realText.toUpperCase().replace(/(.{64})/g, '$1\n ')}`;
    expect(Buffer.from(parseGpuEvidenceReport(spaced).signedBytes).equals(Buffer.from(report.signedBytes))).toBe(true);
    expect(parseGpuEvidenceReport(realBytes()).signatureOffset).toBe(4021);
  });
});

// Every case below is a mutated copy of the real report, derived here; the fixture is untouched.
describe('parseGpuEvidenceReport refuses malformed reports with the byte offset', () => {
  it('refuses another SPDM version in the request or the response', () => {
    const request = realBytes();
    request[0] = 0x12;
    expect(formatError(request).message).toBe('request SPDMVersion: expected 0x11 (SPDM 1.1; other versions are not supported), found 0x12 (at byte 0)');
    const response = realBytes();
    response[37] = 0x10;
    const error = formatError(response);
    expect(error.message).toContain('response SPDMVersion: expected 0x11 (SPDM 1.1; other versions are not supported), found 0x10');
    expect(error.offset).toBe(37);
  });

  it('refuses a request that did not ask for a signature, and a response that is not MEASUREMENTS', () => {
    const unsigned = realBytes();
    unsigned[2] = 0x00;
    expect(formatError(unsigned).message).toBe('request Param1: the request did not ask for a signed response, so the report proves nothing (at byte 2)');
    const error = realBytes();
    error[38] = 0x7f;
    expect(formatError(error).message).toBe('response is an SPDM ERROR, not MEASUREMENTS (at byte 38)');
  });

  it('names the field a truncated report runs out in', () => {
    expect(formatError(realBytes().subarray(0, 20)).message).toBe('request Nonce: needs 32 byte(s), only 16 left of 20 (at byte 4)');
    expect(formatError(realBytes().subarray(0, 1000)).message).toBe('MeasurementRecord: needs 3520 byte(s), only 955 left of 1000 (at byte 45)');
    expect(formatError(realBytes().subarray(0, 4107)).message).toBe('Signature: expected 96 bytes (ECDSA P-384 r ‖ s) to end the report, found 86 (at byte 4021)');
    expect(formatError(new Uint8Array()).message).toBe('request SPDMVersion: needs 1 byte(s), only 0 left of 0 (at byte 0)');
  });

  it('refuses trailing bytes after the signature', () => {
    expect(formatError(Buffer.concat([realBytes(), Buffer.from([0])])).message).toBe('Signature: expected 96 bytes (ECDSA P-384 r ‖ s) to end the report, found 97 (at byte 4021)');
  });

  it('checks every length against its container: block size, value size, record length, opaque sizes', () => {
    const valueSize = realBytes();
    valueSize[45 + 5] = 47; // block 1's DMTFSpecMeasurementValueSize 48 → 47
    expect(formatError(valueSize).message).toBe('measurement block 1 of 64 (index 1): DMTFSpecMeasurementValueSize 47 + 3 does not match MeasurementSize 51 (at byte 50)');
    const recordLength = realBytes();
    recordLength[42] = 0xc1; // MeasurementRecordLength 3520 → 3521 (0x0dc0 → 0x0dc1)
    expect(formatError(recordLength).message).toBe('MeasurementRecord: 64 blocks use 3520 bytes, MeasurementRecordLength says 3521 (at byte 3565)');
    const blockSize = realBytes();
    blockSize[45 + 2] = 0xff; // block 1's MeasurementSize 51 → 255
    expect(formatError(blockSize).message).toMatch(/^measurement block 1 of 64 \(index 1\): DMTFSpecMeasurementValueSize 48 \+ 3 does not match MeasurementSize 255/);
    const opaqueSize = realBytes();
    const opaqueStart = 45 + 3520 + 32 + 2;
    opaqueSize.writeUInt16LE(0xffff, opaqueStart + 2); // the first opaque field's DataSize 8 → 65535: past OpaqueLength
    expect(formatError(opaqueSize).message).toBe(`opaque field vbiosVersion: DataSize 65535 runs past OpaqueLength's end at byte ${opaqueStart + 422} (at byte ${opaqueStart + 2})`);
  });

  it('refuses a duplicate measurement index and a duplicate opaque field', () => {
    const index = realBytes();
    index[45 + 55] = 1; // block 2 (after block 1's 4-byte header and 51-byte measurement) claims index 1
    expect(formatError(index).message).toBe('measurement block 2 of 64: index 1 already given by the block at byte 45 (at byte 100)');
    const opaque = realBytes();
    const opaqueStart = 45 + 3520 + 32 + 2;
    opaque[opaqueStart + 12] = 6; // the second field (board id, type 14) becomes a second vbiosVersion
    expect(formatError(opaque).message).toBe(`opaque field vbiosVersion appears twice (first at byte ${opaqueStart}) (at byte ${opaqueStart + 12})`);
  });

  it('refuses hex text that is not hex, or has an odd digit count', () => {
    expect(formatError(`${realText.slice(0, 10)}zz${realText.slice(12)}`).message).toBe('report hex has a non-hex character "z" at hex digit 10');
    expect(formatError(realText.slice(0, -1)).message).toBe('report hex has an odd number of digits (8233)');
  });
});

describe('opaque field decoders', () => {
  it('refuse sizes that do not fit the field', () => {
    expect(() => decodeVbiosVersion(new Uint8Array(7), 12)).toThrow('opaque field vbiosVersion: expected 8 bytes, found 7 (at byte 12)');
    expect(() => decodeMeasurementCounts(new Uint8Array(6), 3)).toThrow('opaque field measurementCounts: 6 bytes is not a whole number of u32 counts (at byte 3)');
    expect(decodeNulPaddedAscii(Buffer.from('abc'))).toBe('abc');
  });
});
