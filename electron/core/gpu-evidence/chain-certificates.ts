import { X509Certificate } from 'node:crypto';
import { readCertificateDetails, type CertificateDetails } from './certificate-details';

/**
 * The evidence's PEM chain as certificates the rules can reason about: Node's X509Certificate
 * (signatures, names, keys) beside the fields read from the DER. Each one is named the way every
 * message names it: "certificate 2 (GH100 A01 GSP BROM)", counting from the leaf as 1.
 */
export interface ChainCertificate {
  /** 1 = the leaf. */
  position: number;
  /** The subject's common name ('' when it has none). */
  commonName: string;
  x509: X509Certificate;
  details: CertificateDetails;
  /** How messages name it when not by position ("the configured root (…)"). */
  label?: string;
}

/** A sanity limit, not NVIDIA's count: H100 chains have 5 certificates. */
export const MAX_CHAIN_LENGTH = 10;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Each certificate of a PEM file, as its own PEM text (BEGIN to END line, \n line ends, one final \n). */
export function splitPemCertificates(text: string): string[] {
  return [...text.replace(/\r\n?/g, '\n').matchAll(PEM_CERTIFICATE)].map((match) => `${match[0]}\n`);
}

/** "CN=GH100 A01 GSP BROM, O=NVIDIA Corporation, …" from Node's one-attribute-per-line form. */
export function distinguishedName(name: string): string {
  return name.split('\n').join(', ');
}

export function commonNameOf(name: string): string {
  const line = name.split('\n').find((part) => part.startsWith('CN='));
  return line === undefined ? '' : line.slice(3);
}

export function describeCertificate(certificate: ChainCertificate): string {
  const name = certificate.commonName || distinguishedName(certificate.x509.subject);
  return certificate.label !== undefined ? `${certificate.label} (${name})` : `certificate ${certificate.position} (${name})`;
}

export class ChainParseError extends Error {
  override readonly name = 'ChainParseError';
}

/** Parses one PEM certificate; `label` names it in the error ("certificate 3", "the configured root"). */
export function parseCertificate(pem: unknown, position: number, label: string): ChainCertificate {
  if (typeof pem !== 'string') throw new ChainParseError(`${label} is not a PEM string`);
  const blocks = splitPemCertificates(pem);
  if (blocks.length !== 1) throw new ChainParseError(`${label} holds ${blocks.length} PEM certificates, expected exactly one`);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(blocks[0]!);
  } catch (error) {
    throw new ChainParseError(`${label} does not parse as an X.509 certificate: ${(error as Error).message}`);
  }
  try {
    void x509.publicKey; // Node parses the key lazily; a broken one is named here, not deep in a rule
  } catch (error) {
    throw new ChainParseError(`${label} (${commonNameOf(x509.subject)}): its public key does not parse: ${(error as Error).message}`);
  }
  let details: CertificateDetails;
  try {
    details = readCertificateDetails(new Uint8Array(x509.raw));
  } catch (error) {
    throw new ChainParseError(`${label} (${commonNameOf(x509.subject)}): ${(error as Error).message}`);
  }
  return { position, commonName: commonNameOf(x509.subject), x509, details };
}

/** The evidence's chain, leaf first; throws ChainParseError naming the certificate that fails. */
export function parseChain(pems: readonly unknown[]): ChainCertificate[] {
  if (pems.length === 0) throw new ChainParseError('the certificate chain is empty');
  if (pems.length > MAX_CHAIN_LENGTH) throw new ChainParseError(`the certificate chain has ${pems.length} certificates, more than the ${MAX_CHAIN_LENGTH} this verifier accepts`);
  return pems.map((pem, index) => parseCertificate(pem, index + 1, `certificate ${index + 1}`));
}

/** The trusted root from configuration; throws ChainParseError when it is not one PEM certificate. */
export function parseRootCertificate(pem: unknown): ChainCertificate {
  return { ...parseCertificate(pem, 0, 'the configured root'), label: 'the configured root' };
}
