import { X509Certificate } from 'node:crypto';

/** The trust anchor GPU evidence is verified against, with its subject on one line for messages and summaries. */
export interface TrustedRoot {
  pem: string;
  subject: string;
}

/**
 * Reads a root certificate (PEM) that an operator configures (node.gpuEvidence.rootFile) or an
 * auditor brings (--gpu-root). Throws when it is not a certificate; the callers say whose it is.
 */
export function trustedRoot(pem: string): TrustedRoot {
  return { pem, subject: new X509Certificate(pem).subject.replace(/\n/g, ', ') };
}
