import * as asn1js from 'asn1js';

/**
 * asn1js with limits for hostile input, and the few accessors the certificate reader needs.
 * Every failure is an Asn1Error naming what was being read.
 */
export class Asn1Error extends Error {
  override readonly name = 'Asn1Error';
}

/** Context-specific tag class in asn1js's numbering (1 universal, 2 application, 3 context, 4 private). */
const CONTEXT = 3;

export type Asn1Node = asn1js.AsnType;

/** Parses exactly one DER value filling `bytes`. */
export function parseDer(bytes: Uint8Array, what: string): Asn1Node {
  // Embedded parsing off: an OCTET STRING stays bytes until this code decides to read inside it.
  const { offset, result } = asn1js.fromBER(bytes, { maxDepth: 32, maxNodes: 4096, parseEmbedded: false });
  if (offset === -1) throw new Asn1Error(`${what}: not valid DER (${result.error || 'unreadable'})`);
  if (offset !== bytes.length) throw new Asn1Error(`${what}: ${bytes.length - offset} byte(s) after the DER value`);
  return result;
}

export function children(node: Asn1Node, what: string): Asn1Node[] {
  if (!(node instanceof asn1js.Sequence) && !(node instanceof asn1js.Constructed)) throw new Asn1Error(`${what}: expected a SEQUENCE`);
  return node.valueBlock.value as Asn1Node[];
}

export function isContextTag(node: Asn1Node, tagNumber: number): boolean {
  return node.idBlock.tagClass === CONTEXT && node.idBlock.tagNumber === tagNumber;
}

export function oid(node: Asn1Node | undefined, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw new Asn1Error(`${what}: expected an OBJECT IDENTIFIER`);
  return node.valueBlock.toString();
}

export function octets(node: Asn1Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.OctetString) || node.idBlock.isConstructed) throw new Asn1Error(`${what}: expected an OCTET STRING`);
  return node.valueBlock.valueHexView;
}

export function time(node: Asn1Node | undefined, what: string): Date {
  if (node instanceof asn1js.GeneralizedTime || node instanceof asn1js.UTCTime) {
    const date = node.toDate();
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new Asn1Error(`${what}: expected a UTCTime or GeneralizedTime`);
}
