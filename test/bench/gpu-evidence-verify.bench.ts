import { verify, X509Certificate } from 'node:crypto';
import { bench, describe } from 'vitest';
import { preloadKeccak } from '../../electron/core/attestation/report/keccak';
import { parseGpuEvidenceReport, verifyGpuEvidence } from '../../electron/core/gpu-evidence';
import { forgetChainAnalyses } from '../../electron/core/gpu-evidence/chain-analysis';
import { realEvidence, realRootPem } from '../support/gpu-evidence-fixtures';

// `verifyGpuEvidence` on NVIDIA's real H100 sample against the bare baseline: the cryptography
// it cannot skip — parse the five PEM certificates, four certificate signatures with the next
// one's key, and the report's ECDSA P-384 signature over its 4,021 signed bytes — with no
// parsing of the report, no ASN.1 of our own, no messages. The ratio is the price of the
// precise checks (DER extensions, DICE FWID, bounds-checked SPDM parse, evidence hash) on a
// chain seen for the first time ("cold"), and its saving when the chain was seen before (a GPU's
// chain is the same every epoch: the audit bundle case).
const smoke = process.env.SIETCH_BENCH_SMOKE === '1';
const options = smoke ? { time: 100, iterations: 3, warmupIterations: 1 } : { time: 3000, warmupIterations: 20 };

await preloadKeccak();
const evidence = realEvidence();
const root = realRootPem();
const layout = parseGpuEvidenceReport(evidence.report);
const signed = Buffer.from(layout.signedBytes);
const signature = Buffer.from(layout.signature);

function bareCrypto(): void {
  const certs = evidence.certChain.map((pem) => new X509Certificate(pem));
  for (let i = 0; i + 1 < certs.length; i += 1) if (!certs[i]!.verify(certs[i + 1]!.publicKey)) throw new Error('chain');
  if (!verify('sha384', signed, { key: certs[0]!.publicKey, dsaEncoding: 'ieee-p1363' }, signature)) throw new Error('signature');
}

async function ours(): Promise<void> {
  const verdict = await verifyGpuEvidence(evidence, { root });
  if (!verdict.ok) throw new Error(JSON.stringify(verdict.failure));
}

describe('verify the real H100 evidence (5 P-384 certificates, 4,117-byte report)', () => {
  bench('bare: 5 X509Certificate parses + 4 cert.verify + 1 ECDSA P-384 verify (baseline)', bareCrypto, options);
  bench('verifyGpuEvidence, cold: a chain not seen before', () => (forgetChainAnalyses(), ours()), options);
  bench('verifyGpuEvidence, warm: the same chain as the last evidence', ours, options);
  bench('parseGpuEvidenceReport alone', () => void parseGpuEvidenceReport(evidence.report), options);
});
