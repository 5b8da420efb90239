import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realEvidence, realRootPem, withCertificateByteFlipped, withReportBytes } from '../../../test/support/gpu-evidence-fixtures';
import { GpuEvidenceFormatError } from './byte-reader';
import { EVIDENCE_CHECK_NAMES } from './evidence-types';
import { parseGpuEvidenceReport } from './spdm-report';
import { verifyGpuEvidence } from './verify-gpu-evidence';

// Hostile input: random truncations, byte flips and length-field rewrites of the real report
// (each a derived copy), and random bytes. The parser only ever throws its own format error
// with an offset, and the verifier never throws and never says ok.
const root = realRootPem();
const real = realEvidence();
const realBytes = Buffer.from(real.report, 'hex');
const layout = parseGpuEvidenceReport(realBytes);
/** Every byte that holds a length or a count: where a parser goes wrong if it trusts its input. */
const lengthOffsets = [
  41, 42, 43, 44, // NumberOfBlocks, MeasurementRecordLength
  ...layout.response.blocks.flatMap((block) => [block.offset + 2, block.offset + 3, block.offset + 5, block.offset + 6]),
  layout.signatureOffset - layout.response.opaqueLength - 2, layout.signatureOffset - layout.response.opaqueLength - 1, // OpaqueLength
  ...layout.response.opaque.flatMap((field) => [field.offset + 2, field.offset + 3]),
];

function expectRejected(verdict: Awaited<ReturnType<typeof verifyGpuEvidence>>): void {
  expect(verdict.ok).toBe(false);
  expect(EVIDENCE_CHECK_NAMES).toContain(verdict.failure!.check);
  if (verdict.failure!.check === 'format') expect(verdict.failure!.reason).toMatch(/\(at byte \d+\)$/);
  expect(verdict.checks).toHaveLength(EVIDENCE_CHECK_NAMES.length);
}

describe('GPU evidence under hostile input', () => {
  it('random truncations and byte flips of the report: never a throw, always rejected', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.integer({ min: 0, max: realBytes.length - 1 }) }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.integer({ min: 0, max: realBytes.length - 1 }), mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('length' as const), at: fc.constantFrom(...lengthOffsets), value: fc.integer({ min: 0, max: 255 }) }).filter(({ at, value }) => realBytes[at] !== value),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (change) => {
        const evidence = withReportBytes(real, (bytes) => {
          if (change.kind === 'truncate') return bytes.subarray(0, change.at);
          if (change.kind === 'flip') bytes[change.at]! ^= change.mask;
          else bytes[change.at] = change.value;
          return bytes;
        });
        expectRejected(await verifyGpuEvidence(evidence, { root }));
      }),
      { numRuns: 300 },
    );
  }, 60_000); // ~20 ms a verification (five certificate signatures, one report signature)

  it('random bytes: the parser throws only GpuEvidenceFormatError with an offset', () => {
    const prefixed = fc.uint8Array({ maxLength: 600 }).map((tail) => Buffer.concat([realBytes.subarray(0, 45), tail]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), prefixed), (bytes) => {
        try {
          parseGpuEvidenceReport(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(GpuEvidenceFormatError);
          expect((error as GpuEvidenceFormatError).offset).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('random byte flips in any certificate: never a throw, always rejected', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (position, seed, mask) => {
        const size = Buffer.from(real.certChain[position - 1]!.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64').length;
        expectRejected(await verifyGpuEvidence(withCertificateByteFlipped(real, position, seed % size, mask), { root }));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
