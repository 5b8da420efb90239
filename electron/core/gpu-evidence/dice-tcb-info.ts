import * as asn1js from 'asn1js';
import { Asn1Error, children, isContextTag, octets, oid, parseDer, type Asn1Node } from './asn1-der';

/**
 * The FWIDs in a certificate's DICE extension (OID 2.23.133.5.4.1): digests of the firmware the
 * certificate's key was derived for. Two layouts exist under that OID:
 * - TCG DICE TcbInfo: SEQUENCE of context-tagged optional fields, [6] fwids = SEQUENCE OF FWID;
 * - the earlier DICE/RIoT composite device id, which NVIDIA's GH100 FMC leaf carries:
 *   SEQUENCE { version INTEGER, deviceIdentity SubjectPublicKeyInfo, fwid FWID }.
 * Both are read field by field; nothing is taken from "the last 48 bytes".
 */
export interface Fwid {
  /** The hash algorithm's OID (2.16.840.1.101.3.4.2.2 is SHA-384). */
  hashAlg: string;
  digest: Uint8Array;
}

export interface DiceFwids {
  layout: 'tcg-tcb-info' | 'composite-device-id';
  fwids: Fwid[];
}

export const SHA384_OID = '2.16.840.1.101.3.4.2.2';

function readFwid(node: Asn1Node | undefined, what: string): Fwid {
  if (node === undefined) throw new Asn1Error(`${what}: missing`);
  const [hashAlg, digest] = children(node, what);
  return { hashAlg: oid(hashAlg, `${what} hashAlg`), digest: octets(digest, `${what} digest`) };
}

export function readDiceFwids(extensionValue: Uint8Array): DiceFwids {
  const fields = children(parseDer(extensionValue, 'DICE TcbInfo'), 'DICE TcbInfo');
  if (fields[0] instanceof asn1js.Integer) {
    if (!(fields[1] instanceof asn1js.Sequence)) throw new Asn1Error('DICE composite device id: expected the device SubjectPublicKeyInfo after the version');
    return { layout: 'composite-device-id', fwids: [readFwid(fields[2], 'DICE composite device id fwid')] };
  }
  const fwidList = fields.find((field) => isContextTag(field, 6));
  if (fwidList === undefined) return { layout: 'tcg-tcb-info', fwids: [] };
  // [6] IMPLICIT: the tag replaces the SEQUENCE OF's own tag, so its children are the FWIDs.
  return { layout: 'tcg-tcb-info', fwids: children(fwidList, 'DICE TcbInfo fwids').map((fwid, index) => readFwid(fwid, `DICE TcbInfo fwids[${index}]`)) };
}
