import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { GPU_EVIDENCE_FORMAT, OPAQUE_FIELD, parseGpuEvidenceReport, type GpuEvidence } from '../../electron/core/gpu-evidence';
import { REAL_REPORT_FILE } from './gpu-evidence-fixtures';

/**
 * Synthetic H100 evidence for tests: a 5-certificate P-384 chain shaped like NVIDIA's (FMC leaf
 * with the NVIDIA subjectAltName and a DICE extension holding an FWID → per-device BROM →
 * provisioner ICA → GH100 identity → self-signed root), and the REAL nvtrust report re-signed
 * with the synthetic leaf key after its request nonce and its FWID are replaced. So a test can
 * attest a fresh nonce (keccak256(previous report hash ‖ asset id)) that no real GPU signed.
 * The real report (../shared/fixtures) is read, never copied; every derived byte is made here.
 */

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const crypto = webcrypto;
// @peculiar/x509 is typed against the DOM's Crypto, which this Node-only project does not load.
x509.cryptoProvider.set(webcrypto as never);

export { NVTRUST_FIXTURES, REAL_REPORT_FILE, REAL_CHAIN_FILE, REAL_ROOT_FILE } from './gpu-evidence-fixtures';

const EC_P384 = { name: 'ECDSA', namedCurve: 'P-384' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-384' } as const;
const SHA384_OID = '2.16.840.1.101.3.4.2.2';
const DICE_TCB_INFO_OID = '2.23.133.5.4.1';
const NVIDIA_DEVICE_NAME_OID = '1.3.6.1.4.1.412.274.1';
/** NVIDIA's chain is valid until the end of 9999. */
const FOREVER = new Date('9999-12-31T23:59:59Z');
const DEFAULT_NOT_BEFORE = new Date('2024-01-01T00:00:00Z');
const FWID_BYTES = 48;

export interface SyntheticGpuChain {
  /** The synthetic root, PEM: the trust anchor to verify this chain with. */
  rootPem: string;
  /** Five PEM certificates, leaf first, the root last (as NVIDIA's driver returns them). */
  chainPem: string[];
  /** The FMC leaf's private key: signs reports. */
  leafKey: CryptoKey;
  /** The FWID (48 bytes, lowercase hex) in the leaf's DICE extension. */
  fwid: string;
  /** The chip id in the leaf's subjectAltName ("NVIDIA:GH100:<chipId>"). */
  chipId: string;
  /** The leaf's serial number, uppercase hex: the device identity the verifier reports. */
  serial: string;
}

export interface SyntheticGpuChainOptions {
  /** Every certificate's notAfter (default 9999-12-31T23:59:59Z); notBefore is a day earlier when this is before 2024. */
  notAfter?: Date;
  /** The root's common name (default "Sietch Synthetic Device Identity CA"). */
  rootName?: string;
  /** The leaf's FWID, 48 bytes of hex (default random). */
  fwid?: string;
  /** The chip id (default 16 random hex digits, uppercase). */
  chipId?: string;
}

const randomHex = (bytes: number): string => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
const der = (value: asn1js.BaseBlock): ArrayBuffer => value.toBER(false);
const context = (tagNumber: number, value: asn1js.BaseBlock[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });

/** subjectAltName with NVIDIA's otherName: [0] { type-id, [0] EXPLICIT UTF8String }. */
function nvidiaSubjectAltName(chipId: string): x509.Extension {
  const otherName = context(0, [new asn1js.ObjectIdentifier({ value: NVIDIA_DEVICE_NAME_OID }), context(0, [new asn1js.Utf8String({ value: `NVIDIA:GH100:${chipId}` })])]);
  return new x509.Extension('2.5.29.17', false, der(new asn1js.Sequence({ value: [otherName] })));
}

/** The DICE extension in the layout of NVIDIA's FMC leaf: { version 1, device key SPKI, FWID }. */
async function diceExtension(deviceKey: CryptoKey, fwid: Uint8Array): Promise<x509.Extension> {
  const spki = asn1js.fromBER(await crypto.subtle.exportKey('spki', deviceKey)).result;
  const fwidNode = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: SHA384_OID }), new asn1js.OctetString({ valueHex: fwid })] });
  return new x509.Extension(DICE_TCB_INFO_OID, false, der(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 }), spki, fwidNode] })));
}

interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

async function issue(subject: string, issuer: Issued | null, extensions: x509.Extension[], validity: { notBefore: Date; notAfter: Date }, keys?: CryptoKeyPair): Promise<Issued> {
  const pair = keys ?? (await crypto.subtle.generateKey(EC_P384, true, ['sign', 'verify']));
  const signer = issuer?.keys ?? pair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: `01${randomHex(15)}`,
    subject,
    issuer: issuer?.cert.subjectName ?? subject,
    ...validity,
    signingAlgorithm: SIGNING,
    publicKey: pair.publicKey,
    signingKey: signer.privateKey,
    extensions: [
      ...extensions,
      await x509.SubjectKeyIdentifierExtension.create(pair.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(signer.publicKey),
    ],
  });
  return { cert, keys: pair };
}

const caExtensions = () => [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)];

export async function makeSyntheticGpuChain(options: SyntheticGpuChainOptions = {}): Promise<SyntheticGpuChain> {
  const notAfter = options.notAfter ?? FOREVER;
  const notBefore = notAfter.getTime() > DEFAULT_NOT_BEFORE.getTime() ? DEFAULT_NOT_BEFORE : new Date(notAfter.getTime() - 86_400_000);
  const validity = { notBefore, notAfter };
  const fwid = (options.fwid ?? randomHex(FWID_BYTES)).toLowerCase();
  if (!/^[0-9a-f]{96}$/.test(fwid)) throw new TypeError('fwid must be 48 bytes of hex');
  const chipId = options.chipId ?? randomHex(8).toUpperCase();
  const organization = 'O=Sietch synthetic test evidence';

  const root = await issue(`CN=${options.rootName ?? 'Sietch Synthetic Device Identity CA'}, ${organization}`, null, caExtensions(), validity);
  const identity = await issue(`CN=Synthetic GH100 Identity, ${organization}`, root, caExtensions(), validity);
  const provisioner = await issue(`CN=Synthetic GH100 Provisioner ICA 1, ${organization}, C=US`, identity, caExtensions(), validity);
  const brom = await issue(`2.5.4.5=${randomHex(9).toUpperCase()}, C=US, ${organization}, CN=GH100 A01 GSP BROM`, provisioner, caExtensions(), validity);
  const leafKeys = await crypto.subtle.generateKey(EC_P384, true, ['sign', 'verify']);
  const leaf = await issue(
    `2.5.4.5=${randomHex(20).toUpperCase()}, C=US, ${organization}, CN=GH100 A01 GSP FMC LF`,
    brom,
    [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true), nvidiaSubjectAltName(chipId), await diceExtension(brom.keys.publicKey, Buffer.from(fwid, 'hex'))],
    validity,
    leafKeys,
  );
  const chain = [leaf, brom, provisioner, identity, root];
  return {
    rootPem: root.cert.toString('pem'),
    chainPem: chain.map((item) => `${item.cert.toString('pem')}\n`),
    leafKey: leafKeys.privateKey,
    fwid,
    chipId,
    serial: leaf.cert.serialNumber.toUpperCase(),
  };
}

let defaultChain: Promise<SyntheticGpuChain> | undefined;

/** One synthetic chain shared by every caller in a test file (key generation is the slow part). */
export function defaultSyntheticGpuChain(): Promise<SyntheticGpuChain> {
  defaultChain ??= makeSyntheticGpuChain();
  return defaultChain;
}

export interface SyntheticGpuEvidenceOptions {
  /** The requester's nonce to put in the report, 32 bytes of hex (0x optional). */
  nonce: string;
  /** The chain whose leaf signs (default: defaultSyntheticGpuChain(); use its rootPem to verify). */
  chain?: SyntheticGpuChain;
  /** The FWID to write into the report's opaque data (default: the chain's FWID; another one makes the 'fwid' check fail). */
  fwid?: string;
}

/**
 * The real nvtrust report with its request nonce replaced, its FWID set, and re-signed with
 * the synthetic leaf key: evidence that verifies against `chain.rootPem`.
 */
export async function makeSyntheticGpuEvidence(options: SyntheticGpuEvidenceOptions): Promise<GpuEvidence> {
  const chain = options.chain ?? (await defaultSyntheticGpuChain());
  const nonce = options.nonce.replace(/^0x/, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(nonce)) throw new TypeError('nonce must be 32 bytes of hex');
  const fwid = (options.fwid ?? chain.fwid).toLowerCase();
  if (!/^[0-9a-f]{96}$/.test(fwid)) throw new TypeError('fwid must be 48 bytes of hex');

  const real = parseGpuEvidenceReport(readFileSync(REAL_REPORT_FILE, 'utf8'));
  const bytes = Uint8Array.from(real.bytes);
  // Request: version, code, param1, param2, then the 32-byte nonce at offset 4.
  bytes.set(Buffer.from(nonce, 'hex'), 4);
  const fwidField = real.opaqueByType.get(OPAQUE_FIELD.fwid)!;
  // An opaque field is {type u16, size u16, value}: the value starts 4 bytes after the field.
  bytes.set(Buffer.from(fwid, 'hex'), fwidField.offset + 4);
  const signature = await crypto.subtle.sign(SIGNING, chain.leafKey, bytes.subarray(0, real.signatureOffset));
  // WebCrypto's ECDSA signature is already raw r ‖ s, SPDM's encoding.
  bytes.set(new Uint8Array(signature), real.signatureOffset);
  return { format: GPU_EVIDENCE_FORMAT, report: Buffer.from(bytes).toString('hex'), certChain: [...chain.chainPem] };
}
