import { createHash } from 'node:crypto';
import { describeCertificate, distinguishedName, type ChainCertificate } from './chain-certificates';
import { hasKeyUsage, KEY_USAGE, OID, readBasicConstraints } from './certificate-details';
import { failed, isoSeconds, passed, type CheckOutcome } from './check-outcome';

/**
 * The certificate chain rules (RFC 5280 path validation, the parts an offline GPU verifier
 * needs): 'chain' links every certificate to the next one, 'validity' checks the dates at the
 * verification time, 'root' ties the chain's end to the configured trust anchor.
 */

/** Extensions these rules process; any other one marked critical makes a certificate unusable (RFC 5280 §4.2). */
const UNDERSTOOD_EXTENSIONS = new Set<string>([OID.basicConstraints, OID.keyUsage, OID.subjectAltName, OID.diceTcbInfo, '2.5.29.14', '2.5.29.35', '2.5.29.37']);

function unknownCritical(certificate: ChainCertificate): string | undefined {
  for (const [id, extension] of certificate.details.extensions) if (extension.critical && !UNDERSTOOD_EXTENSIONS.has(id)) return id;
  return undefined;
}

/** Why `issuer` may not issue certificates, or undefined when it may. */
function issuerProblem(issuer: ChainCertificate, casBelow: number): string | undefined {
  const constraints = readBasicConstraints(issuer.details);
  if (!constraints.ca) return `${describeCertificate(issuer)} is not a CA (basicConstraints cA is not TRUE) yet issues the certificate below it`;
  if (hasKeyUsage(issuer.details, KEY_USAGE.keyCertSign) !== true) return `${describeCertificate(issuer)} may not sign certificates (keyUsage lacks keyCertSign)`;
  if (constraints.pathLen !== undefined && casBelow > constraints.pathLen) return `${describeCertificate(issuer)} allows ${constraints.pathLen} CA certificate(s) below it (pathLenConstraint), the chain has ${casBelow}`;
  return undefined;
}

/** Why `issuer` did not issue `child`, or undefined when it did. */
export function issuedBy(child: ChainCertificate, issuer: ChainCertificate, casBelow: number): string | undefined {
  const what = describeCertificate(child);
  const by = describeCertificate(issuer);
  if (child.x509.issuer !== issuer.x509.subject) return `${what} names its issuer "${distinguishedName(child.x509.issuer)}" but ${by} is "${distinguishedName(issuer.x509.subject)}"`;
  const problem = issuerProblem(issuer, casBelow);
  if (problem !== undefined) return problem;
  if (!child.x509.verify(issuer.x509.publicKey)) return `${what}: its signature does not verify with the key of ${by}`;
  // Names and signature hold; OpenSSL's own test adds the key identifiers.
  if (!child.x509.checkIssued(issuer.x509)) return `${what}: OpenSSL does not accept ${by} as its issuer (authority and subject key identifiers differ)`;
  return undefined;
}

export function checkChainLinks(chain: readonly ChainCertificate[]): CheckOutcome {
  const leaf = chain[0]!;
  for (const certificate of chain) {
    const critical = unknownCritical(certificate);
    if (critical !== undefined) return failed(`${describeCertificate(certificate)} has a critical extension ${critical} this verifier does not process`);
  }
  if (hasKeyUsage(leaf.details, KEY_USAGE.digitalSignature) === false) return failed(`${describeCertificate(leaf)} may not sign reports (keyUsage lacks digitalSignature)`);
  for (let index = 0; index + 1 < chain.length; index += 1) {
    // CA certificates between the leaf and this issuer (path length counts exclude the leaf).
    const problem = issuedBy(chain[index]!, chain[index + 1]!, index);
    if (problem !== undefined) return failed(problem);
  }
  return passed(`${chain.length} certificate(s), each signed by the next: ${chain.map((certificate) => certificate.commonName || '?').join(' → ')}`);
}

function validityProblem(certificate: ChainCertificate, label: string, at: Date): string | undefined {
  const { notBefore, notAfter } = certificate.details;
  if (at.getTime() < notBefore.getTime()) return `${label} is not valid before ${isoSeconds(notBefore)}`;
  if (at.getTime() > notAfter.getTime()) return `${label} expired at ${isoSeconds(notAfter)}`;
  return undefined;
}

export function checkValidity(chain: readonly ChainCertificate[], at: Date, root: ChainCertificate | undefined): CheckOutcome {
  if (Number.isNaN(at.getTime())) return failed('the verification time is not a valid date');
  for (const certificate of chain) {
    const problem = validityProblem(certificate, describeCertificate(certificate), at);
    if (problem !== undefined) return failed(problem);
  }
  // A root outside the chain vouches for it only while it is valid itself.
  if (root !== undefined && !chain.some((certificate) => sameDer(certificate, root))) {
    const problem = validityProblem(root, describeCertificate(root), at);
    if (problem !== undefined) return failed(problem);
  }
  return passed(`every certificate is valid at ${isoSeconds(at)}`);
}

function sameDer(a: ChainCertificate, b: ChainCertificate): boolean {
  return a.x509.raw.equals(b.x509.raw);
}

export function sha256Fingerprint(certificate: ChainCertificate): string {
  return createHash('sha256').update(certificate.x509.raw).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

function isSelfSigned(certificate: ChainCertificate): boolean {
  return certificate.x509.issuer === certificate.x509.subject && certificate.x509.verify(certificate.x509.publicKey);
}

export function checkRoot(chain: readonly ChainCertificate[], root: ChainCertificate): CheckOutcome {
  const last = chain[chain.length - 1]!;
  const rootName = `"${distinguishedName(root.x509.subject)}"`;
  if (sameDer(last, root)) return passed(`${describeCertificate(last)} is the configured root (SHA-256 ${sha256Fingerprint(root)})`);
  if (isSelfSigned(last)) return failed(`the chain ends at the self-signed "${distinguishedName(last.x509.subject)}", not at the configured root ${rootName}`);
  const problem = issuedBy(last, root, chain.length - 1);
  if (problem !== undefined) return failed(`${describeCertificate(last)} is not issued by the configured root ${rootName}: ${problem}`);
  return passed(`${describeCertificate(last)} is issued by the configured root ${rootName} (SHA-256 ${sha256Fingerprint(root)})`);
}
