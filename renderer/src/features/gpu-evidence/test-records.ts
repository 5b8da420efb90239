import { gpuEvidenceRecord, type GpuEvidenceRecord } from '../../../../electron/contract/gpu-evidence-api';

const ASSET = 'gpu:GPU-6f2a1b3c-0d4e-5f60-7182-93a4b5c6d7e8';

/**
 * A GPU's verified evidence, shaped as the core's verifier reports an H100's (nine checks in its
 * order, the two online ones not checked offline), for tests; override what a test is about.
 * Parsed with the contract's schema, so a test record can never drift from what the API sends.
 */
export function testRecord(overrides: Partial<GpuEvidenceRecord> = {}): GpuEvidenceRecord {
  return gpuEvidenceRecord.parse({
    assetId: ASSET,
    epochSeq: 12,
    nonce: `0x${'4e'.repeat(32)}`,
    prevReportHash: `0x${'9a'.repeat(32)}`,
    collectedAt: '2026-11-24T15:00:02.000Z',
    source: 'command',
    verified: true,
    failure: null,
    evidenceHash: `0x${'e7'.repeat(32)}`,
    device: {
      serial: '4B02D92494BADF4A1C3E5F7081920A3B4C5D6E7F',
      chipId: '48B02D92494BADF4',
      model: 'GH100 A01 GSP FMC LF',
      fwid: 'ab'.repeat(48),
      driverVersion: '535.86.10',
      vbiosVersion: '96.00.5E.00.01',
      nonce: '4e'.repeat(32),
      measurements: Array.from({ length: 64 }, (_, at) => (at % 256).toString(16).padStart(2, '0').repeat(48)),
    },
    checks: [
      { name: 'format', status: 'passed', detail: 'SPDM 1.1 GET_MEASUREMENTS request (37 bytes) and signed MEASUREMENTS response: 64 measurement blocks' },
      { name: 'chain', status: 'passed', detail: '5 certificates, each signed by the next' },
      { name: 'validity', status: 'passed', detail: 'every certificate valid at 2026-11-24T15:00:02Z' },
      { name: 'root', status: 'passed', detail: 'the chain ends at the trusted root' },
      { name: 'signature', status: 'passed', detail: 'ECDSA P-384 signature by the leaf key verifies' },
      { name: 'nonce', status: 'passed', detail: 'the request nonce is the one sent' },
      { name: 'fwid', status: 'passed', detail: "the report's FWID is the leaf certificate's" },
      { name: 'revocation', status: 'not-checked-offline', detail: "no revocation service configured: the certificates' OCSP status at NVIDIA was not checked" },
      { name: 'rim', status: 'not-checked-offline', detail: "no reference measurement service configured: the measurements were not compared with NVIDIA's RIMs" },
    ],
    ...overrides,
  });
}

/** Evidence that came and failed its signature check (a flipped byte). */
export function rejectedRecord(overrides: Partial<GpuEvidenceRecord> = {}): GpuEvidenceRecord {
  const base = testRecord();
  const reason = 'the ECDSA P-384 signature does not verify with the leaf certificate key';
  return testRecord({
    verified: false,
    failure: { check: 'signature', reason },
    checks: base.checks.map((check) => (check.name === 'signature' ? { ...check, status: 'failed', detail: reason } : check)),
    ...overrides,
  });
}

/** No evidence came: the operator's command failed (the GPU is not in confidential-computing mode). */
export function uncollectedRecord(overrides: Partial<GpuEvidenceRecord> = {}): GpuEvidenceRecord {
  return testRecord({ verified: false, failure: { check: 'collect', reason: 'the evidence command exited with status 3: GPU is not in confidential-computing mode' }, evidenceHash: null, device: null, checks: [], ...overrides });
}
