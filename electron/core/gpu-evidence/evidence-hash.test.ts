import canonicalize from 'canonicalize';
import { keccak256, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { realEvidence } from '../../../test/support/gpu-evidence-fixtures';
import { gpuEvidenceHash } from './evidence-hash';

describe('gpuEvidenceHash', () => {
  const evidence = realEvidence();

  it('is keccak256 of the UTF-8 RFC 8785 JSON of {format, report, certChain}, computed here with other libraries', () => {
    const expected = keccak256(toUtf8Bytes(canonicalize({ certChain: evidence.certChain, format: evidence.format, report: evidence.report })!));
    expect(gpuEvidenceHash(evidence)).toBe(expected);
    // The real sample's hash, as docs/gpu-evidence.md quotes it.
    expect(gpuEvidenceHash(evidence)).toBe('0x16286e3bd8a2f308b9c48ff5646b9419725f53ce4f5575fc808def46b9d48a22');
  });

  it('does not depend on key order or on fields beyond the three, and changes with any byte', () => {
    const reordered = { certChain: evidence.certChain, report: evidence.report, format: evidence.format };
    expect(gpuEvidenceHash(reordered)).toBe(gpuEvidenceHash(evidence));
    expect(gpuEvidenceHash({ ...evidence, collectedAt: '2026-01-01' } as never)).toBe(gpuEvidenceHash(evidence));
    expect(gpuEvidenceHash({ ...evidence, report: `${evidence.report.slice(0, -1)}${evidence.report.endsWith('0') ? '1' : '0'}` })).not.toBe(gpuEvidenceHash(evidence));
    expect(gpuEvidenceHash({ ...evidence, certChain: evidence.certChain.slice(0, 4) })).not.toBe(gpuEvidenceHash(evidence));
  });
});
