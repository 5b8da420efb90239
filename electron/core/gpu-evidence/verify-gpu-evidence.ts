import type { X509Certificate } from 'node:crypto';
import { ZERO_BYTES32 } from '../attestation/report/hex';
import { analyseChain, guard } from './chain-analysis';
import type { ChainCertificate } from './chain-certificates';
import { checkValidity } from './chain-rules';
import { failed, type CheckOutcome } from './check-outcome';
import { deviceIdentity } from './device-identity';
import { gpuEvidenceHash } from './evidence-hash';
import { evidenceShapeProblem } from './evidence-shape';
import {
  EVIDENCE_CHECK_NAMES,
  type EvidenceCheck,
  type EvidenceCheckName,
  type GpuDeviceIdentity,
  type GpuEvidence,
  type GpuEvidenceVerdict,
  type VerifyGpuEvidenceOptions,
} from './evidence-types';
import { checkFwid, checkNonce, checkSignature } from './report-checks';
import { parseGpuEvidenceReport, type ParsedSpdmReport } from './spdm-report';

/**
 * Verifies GPU attestation evidence offline (docs/gpu-evidence.md). Every check runs that can
 * run, so a verdict shows all that is wrong, not only the first thing; `failure` is the first
 * failed check in EVIDENCE_CHECK_NAMES order. Never throws on hostile evidence: a report that
 * does not parse is the 'format' check failing with the byte offset.
 */
export async function verifyGpuEvidence(evidence: GpuEvidence, options: VerifyGpuEvidenceOptions): Promise<GpuEvidenceVerdict> {
  const outcomes = new Map<EvidenceCheckName, CheckOutcome>();
  const at = options.at ?? new Date();

  // format: the evidence's shape, then the report's bytes.
  let report: ParsedSpdmReport | undefined;
  const shapeProblem = evidenceShapeProblem(evidence);
  if (shapeProblem !== undefined) outcomes.set('format', failed(shapeProblem));
  else {
    try {
      report = parseGpuEvidenceReport(evidence.report);
      outcomes.set('format', { status: 'passed', detail: `SPDM 1.1 GET_MEASUREMENTS request (${report.request.bytes.length} bytes) and signed MEASUREMENTS response: ${report.response.blocks.length} measurement blocks, ${report.response.opaque.length} opaque fields, ${report.bytes.length} bytes in all` });
    } catch (error) {
      outcomes.set('format', failed((error as Error).message));
    }
  }

  // chain, root (kept per chain and root), validity (at this time).
  const { chain, leaf, root, chainOutcome, rootOutcome } = analyseChain((evidence as Partial<GpuEvidence> | null)?.certChain, options.root);
  outcomes.set('chain', chainOutcome);
  outcomes.set('validity', chain === undefined ? failed('not checked: the certificate chain did not parse') : checkValidity(chain, at, root));
  outcomes.set('root', rootOutcome);

  // signature, nonce, fwid: the report against its leaf and the verifier's request.
  const unparsed = failed('not checked: the report did not parse');
  const noLeaf = failed('not checked: the leaf certificate did not parse');
  outcomes.set('signature', report === undefined ? unparsed : leaf === undefined ? noLeaf : guard(() => checkSignature(report, leaf)));
  outcomes.set('nonce', report === undefined ? unparsed : checkNonce(report, options.nonce));
  outcomes.set('fwid', report === undefined ? unparsed : leaf === undefined ? noLeaf : guard(() => checkFwid(report, leaf)));

  const device = report === undefined ? undefined : deviceIdentity(report, leaf);
  outcomes.set('revocation', await revocation(options, chain, at));
  outcomes.set('rim', await referenceMeasurements(options, device));

  const checks: EvidenceCheck[] = EVIDENCE_CHECK_NAMES.map((name) => ({ name, ...outcomes.get(name)! }));
  const first = checks.find((check) => check.status === 'failed');
  return {
    ok: first === undefined,
    ...(first !== undefined ? { failure: { check: first.name, reason: first.detail } } : {}),
    checks,
    ...(device !== undefined ? { device } : {}),
    evidenceHash: safeHash(evidence),
  };
}

async function revocation(options: VerifyGpuEvidenceOptions, chain: ChainCertificate[] | undefined, at: Date): Promise<CheckOutcome> {
  const checker = options.revocation;
  if (checker === undefined) return { status: 'not-checked-offline', detail: "no revocation service configured: the certificates' OCSP status at NVIDIA was not checked" };
  if (chain === undefined) return failed(`not checked by ${checker.name}: the certificate chain did not parse`);
  const certificates: X509Certificate[] = chain.map((certificate) => certificate.x509);
  return runChecker(checker.name, () => checker.check(certificates, at));
}

async function referenceMeasurements(options: VerifyGpuEvidenceOptions, device: GpuDeviceIdentity | undefined): Promise<CheckOutcome> {
  const checker = options.rim;
  if (checker === undefined) return { status: 'not-checked-offline', detail: "no reference measurement service configured: the measurements were not compared with NVIDIA's RIMs" };
  if (device === undefined) return failed(`not checked by ${checker.name}: the report did not parse`);
  return runChecker(checker.name, () => checker.check(device));
}

async function runChecker(name: string, run: () => Promise<{ status: 'passed' | 'failed'; detail: string }>): Promise<CheckOutcome> {
  try {
    const result = await run();
    return { status: result.status === 'passed' ? 'passed' : 'failed', detail: `${name}: ${result.detail}` };
  } catch (error) {
    return failed(`${name} could not answer: ${(error as Error).message}`);
  }
}

/** Evidence without a canonical JSON form (hostile input) has no hash: all zeros, and 'format' has failed. */
function safeHash(evidence: GpuEvidence): string {
  try {
    return gpuEvidenceHash(evidence);
  } catch {
    return ZERO_BYTES32;
  }
}
