import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { pemToDer, realChainPems } from '../../../test/support/gpu-evidence-fixtures';
import { OID, readCertificateDetails } from './certificate-details';
import { readDiceFwids, SHA384_OID } from './dice-tcb-info';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const der = (node: asn1js.BaseBlock) => new Uint8Array(node.toBER(false));
const fwidNode = (digest: Uint8Array) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: SHA384_OID }), new asn1js.OctetString({ valueHex: digest })] });
const context = (tagNumber: number, value: asn1js.BaseBlock[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });
const implicitPrimitive = (tagNumber: number, bytes: Uint8Array) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber }, valueHex: bytes });

describe('the FWIDs of a DICE extension (2.23.133.5.4.1)', () => {
  it("reads the real GH100 FMC leaf's extension: the composite device id layout, one SHA-384 FWID", () => {
    const leaf = readCertificateDetails(pemToDer(realChainPems()[0]!));
    const dice = readDiceFwids(leaf.extensions.get(OID.diceTcbInfo)!.value);
    expect(dice.layout).toBe('composite-device-id');
    expect(dice.fwids).toHaveLength(1);
    expect(dice.fwids[0]!.hashAlg).toBe(SHA384_OID);
    expect(hex(dice.fwids[0]!.digest)).toBe('f5c384aebb579217a2c66b17ed0f28e6a9b8d639041acd7b4721cec004f7275494ba94bb5cdfdb3055ee051762b1f75d');
  });

  it('reads the TCG DiceTcbInfo layout: context-tagged optional fields, [6] fwids', () => {
    const first = new Uint8Array(48).fill(0xaa);
    const second = new Uint8Array(48).fill(0xbb);
    // vendor [0], model [1], svn [3] present; fwids [6] IMPLICIT SEQUENCE OF FWID.
    const tcbInfo = new asn1js.Sequence({
      value: [implicitPrimitive(0, Buffer.from('NVIDIA')), implicitPrimitive(1, Buffer.from('GH100')), implicitPrimitive(3, Uint8Array.of(2)), context(6, [fwidNode(first), fwidNode(second)])],
    });
    const dice = readDiceFwids(der(tcbInfo));
    expect(dice.layout).toBe('tcg-tcb-info');
    expect(dice.fwids.map((fwid) => hex(fwid.digest))).toEqual([hex(first), hex(second)]);
    expect(readDiceFwids(der(new asn1js.Sequence({ value: [implicitPrimitive(0, Buffer.from('x'))] }))).fwids).toEqual([]);
  });

  it('names what is wrong in a malformed extension', () => {
    expect(() => readDiceFwids(Uint8Array.of(0x30, 0x05, 0x02))).toThrow(/^DICE TcbInfo: not valid DER/);
    expect(() => readDiceFwids(der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 }), new asn1js.Null()] })))).toThrow('DICE composite device id: expected the device SubjectPublicKeyInfo after the version');
    const badFwid = new asn1js.Sequence({ value: [context(6, [new asn1js.Sequence({ value: [new asn1js.Integer({ value: 5 })] })])] });
    expect(() => readDiceFwids(der(badFwid))).toThrow('DICE TcbInfo fwids[0] hashAlg: expected an OBJECT IDENTIFIER');
  });
});
