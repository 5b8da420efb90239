import { verify } from 'node:crypto';
import { describeCertificate, type ChainCertificate } from './chain-certificates';
import { OID } from './certificate-details';
import { failed, passed, type CheckOutcome } from './check-outcome';
import { readDiceFwids } from './dice-tcb-info';
import { OPAQUE_FIELD } from './opaque-fields';
import { toHex } from './report-bytes';
import { NONCE_BYTES, type ParsedSpdmReport } from './spdm-report';

/**
 * The checks that tie the report to its leaf certificate and to the verifier's request:
 * 'signature' (SPDM 1.1: ECDSA P-384 / SHA-384 over request ‖ response without the signature),
 * 'nonce' (the request's nonce is the one the verifier sent) and 'fwid' (the firmware the leaf
 * key was derived for is the firmware the report names).
 */

export function checkSignature(report: ParsedSpdmReport, leaf: ChainCertificate): CheckOutcome {
  const key = leaf.x509.publicKey;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== 'secp384r1') return failed(`${describeCertificate(leaf)} has a ${key.asymmetricKeyType ?? 'unknown'}${curve ? ` ${curve}` : ''} key; SPDM 1.1 evidence is signed with ECDSA P-384`);
  const signed = report.signedBytes;
  const ok = verify('sha384', signed, { key, dsaEncoding: 'ieee-p1363' }, report.signature);
  const span = `bytes ${report.signatureOffset}–${report.signatureOffset + report.signature.length - 1}`;
  if (!ok) return failed(`the report's signature (${span}) does not verify with the key of ${describeCertificate(leaf)} over request ‖ response (${signed.length} bytes)`);
  return passed(`ECDSA P-384 / SHA-384 over request ‖ response (${signed.length} bytes) verifies with the key of ${describeCertificate(leaf)}`);
}

const NONCE_HEX = /^(?:0x)?[0-9a-fA-F]{64}$/;

/** Whether `value` is a 32-byte nonce in hex (0x optional): what --nonce accepts. */
export function isNonceHex(value: string): boolean {
  return NONCE_HEX.test(value.trim());
}

export function checkNonce(report: ParsedSpdmReport, expected: string | undefined): CheckOutcome {
  const found = toHex(report.request.nonce);
  if (expected === undefined) return passed(`no nonce was given: the request's own nonce ${found} is taken as expected (freshness is the caller's to judge)`);
  if (!isNonceHex(expected)) return failed(`the expected nonce is not ${NONCE_BYTES} bytes of hex: ${JSON.stringify(expected.slice(0, 80))}`);
  const wanted = expected.trim().replace(/^0x/, '').toLowerCase();
  if (wanted !== found) return failed(`the request's nonce (bytes 4–35) is ${found}, expected ${wanted}`);
  return passed(`the request's nonce is the expected ${wanted}`);
}

export function checkFwid(report: ParsedSpdmReport, leaf: ChainCertificate): CheckOutcome {
  const field = report.opaqueByType.get(OPAQUE_FIELD.fwid);
  if (field === undefined) return failed('the report has no FWID in its opaque data (field type 20)');
  const extension = leaf.details.extensions.get(OID.diceTcbInfo);
  if (extension === undefined) return failed(`${describeCertificate(leaf)} has no DICE TcbInfo extension (${OID.diceTcbInfo}) to hold its FWID`);
  let fwids;
  try {
    fwids = readDiceFwids(extension.value).fwids;
  } catch (error) {
    return failed(`${describeCertificate(leaf)}: its DICE TcbInfo extension does not parse: ${(error as Error).message}`);
  }
  if (fwids.length === 0) return failed(`${describeCertificate(leaf)}: its DICE TcbInfo extension lists no FWID`);
  const found = toHex(field.value);
  if (fwids.some((fwid) => toHex(fwid.digest) === found)) return passed(`the report's FWID ${found} is the one in ${describeCertificate(leaf)}`);
  return failed(`the report's FWID (opaque field at byte ${field.offset}) is ${found}, but ${describeCertificate(leaf)} was issued for ${fwids.map((fwid) => toHex(fwid.digest)).join(' or ')}`);
}
