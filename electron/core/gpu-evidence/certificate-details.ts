import * as asn1js from 'asn1js';
import { Asn1Error, children, isContextTag, octets, oid, parseDer, time, type Asn1Node } from './asn1-der';

/**
 * What Node's X509Certificate does not expose and the chain rules need: the validity dates as
 * dates, basicConstraints, keyUsage and the subjectAltName otherNames, read from the DER with
 * asn1js (RFC 5280 §4.1).
 */
export const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  /** TCG DICE TcbInfo: the FWIDs of the firmware this key was derived for. */
  diceTcbInfo: '2.23.133.5.4.1',
  /** NVIDIA's otherName in the leaf's subjectAltName: "NVIDIA:GH100:<chip id>". */
  nvidiaDeviceName: '1.3.6.1.4.1.412.274.1',
} as const;

export interface CertificateExtension {
  critical: boolean;
  /** extnValue's content: the extension's own DER. */
  value: Uint8Array;
}

export interface CertificateDetails {
  notBefore: Date;
  notAfter: Date;
  extensions: ReadonlyMap<string, CertificateExtension>;
}

/** keyUsage bit numbers (RFC 5280 §4.2.1.3). */
export const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5 } as const;

function readExtensions(node: Asn1Node): Map<string, CertificateExtension> {
  const extensions = new Map<string, CertificateExtension>();
  // [3] EXPLICIT Extensions: the tag wraps one SEQUENCE OF Extension.
  const [list] = children(node, 'extensions');
  if (list === undefined) throw new Asn1Error('extensions: empty [3]');
  for (const extension of children(list, 'extensions')) {
    const parts = children(extension, 'extension');
    const id = oid(parts[0], 'extension id');
    const critical = parts.length === 3 && parts[1] instanceof asn1js.Boolean ? parts[1].getValue() : false;
    const value = octets(parts[parts.length - 1], `extension ${id} value`);
    if (extensions.has(id)) throw new Asn1Error(`extension ${id} appears twice`);
    extensions.set(id, { critical, value });
  }
  return extensions;
}

export function readCertificateDetails(der: Uint8Array): CertificateDetails {
  const [tbs] = children(parseDer(der, 'certificate'), 'certificate');
  if (tbs === undefined) throw new Asn1Error('certificate: no tbsCertificate');
  const fields = children(tbs, 'tbsCertificate');
  // version [0] is optional; serial, signature, issuer, validity follow in order.
  const first = fields[0] !== undefined && isContextTag(fields[0], 0) ? 1 : 0;
  const validity = fields[first + 3];
  if (validity === undefined) throw new Asn1Error('tbsCertificate: no validity');
  const [notBefore, notAfter] = children(validity, 'validity');
  const extensionsNode = fields.find((field) => isContextTag(field, 3));
  return {
    notBefore: time(notBefore, 'validity notBefore'),
    notAfter: time(notAfter, 'validity notAfter'),
    extensions: extensionsNode === undefined ? new Map() : readExtensions(extensionsNode),
  };
}

export interface BasicConstraints {
  ca: boolean;
  /** How many CA certificates may follow this one below it (undefined: no limit). */
  pathLen?: number;
}

/** basicConstraints (cA false when the extension is absent). */
export function readBasicConstraints(details: CertificateDetails): BasicConstraints {
  const extension = details.extensions.get(OID.basicConstraints);
  if (extension === undefined) return { ca: false };
  const fields = children(parseDer(extension.value, 'basicConstraints'), 'basicConstraints');
  const ca = fields[0] instanceof asn1js.Boolean && fields[0].getValue();
  const limit = fields.find((field) => field instanceof asn1js.Integer);
  return limit instanceof asn1js.Integer ? { ca, pathLen: Number(limit.toBigInt()) } : { ca };
}

/** Whether keyUsage grants `bit`; undefined when the certificate has no keyUsage extension. */
export function hasKeyUsage(details: CertificateDetails, bit: number): boolean | undefined {
  const extension = details.extensions.get(OID.keyUsage);
  if (extension === undefined) return undefined;
  const node = parseDer(extension.value, 'keyUsage');
  if (!(node instanceof asn1js.BitString)) throw new Asn1Error('keyUsage: expected a BIT STRING');
  const bits = node.valueBlock.valueHexView;
  const byte = bits[bit >> 3];
  return byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0;
}

/** The UTF8String values of subjectAltName otherNames with type `typeId`. */
export function otherNames(details: CertificateDetails, typeId: string): string[] {
  const extension = details.extensions.get(OID.subjectAltName);
  if (extension === undefined) return [];
  const found: string[] = [];
  for (const name of children(parseDer(extension.value, 'subjectAltName'), 'subjectAltName')) {
    // otherName [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY }
    if (!isContextTag(name, 0)) continue;
    const [type, wrapped] = children(name, 'otherName');
    if (oid(type, 'otherName type') !== typeId || wrapped === undefined) continue;
    const [value] = children(wrapped, 'otherName value');
    if (value instanceof asn1js.Utf8String || value instanceof asn1js.PrintableString || value instanceof asn1js.IA5String) found.push(value.valueBlock.value);
  }
  return found;
}
