import { AbiCoder, keccak256, solidityPackedKeccak256 } from 'ethers';
import { describe, expect, it } from 'vitest';
import { decodeReportAttestationData, encodeReportAttestationData, REPORT_SCHEMA, REPORT_SCHEMA_UID, schemaUid } from './eas-schema';
import { ZERO_BYTES32 } from './hex';
import { encodeReport, normalizeReport, reportHash, type EpochReport } from './report';
import { sampleReport } from './test-fixtures';

describe('report hash', () => {
  it('is keccak256(abi.encode(fields in order))', () => {
    const report = sampleReport();
    const encoded = AbiCoder.defaultAbiCoder().encode(
      ['address', 'uint64', 'uint64', 'uint64', 'uint32', 'bytes32', 'uint256', 'uint256', 'uint256', 'uint32', 'bytes32', 'bytes32'],
      [report.operator, report.sequence, report.epochStart, report.epochEnd, report.assetCount, report.merkleRoot, report.revenue, report.repaid, report.outstanding, report.coverageBps, report.journalHead, report.prevReportHash],
    );
    expect(encodeReport(report)).toBe(encoded);
    expect(reportHash(report)).toBe(keccak256(encoded));
  });

  it('changes with every field', () => {
    const base = sampleReport();
    const changes: Partial<EpochReport>[] = [
      { operator: '0x0000000000000000000000000000000000000001' },
      { sequence: 2n },
      { epochStart: base.epochStart - 1n },
      { epochEnd: base.epochEnd + 1n },
      { assetCount: 4 },
      { merkleRoot: `0x${'01'.repeat(32)}` },
      { revenue: base.revenue + 1n },
      { repaid: base.repaid + 1n },
      { outstanding: base.outstanding + 1n },
      { coverageBps: 70_000 },
      { journalHead: `0x${'02'.repeat(32)}` },
      { prevReportHash: `0x${'03'.repeat(32)}` },
    ];
    const hashes = new Set([reportHash(base), ...changes.map((change) => reportHash({ ...base, ...change }))]);
    expect(hashes.size).toBe(changes.length + 1);
  });

  it('does not depend on address or hex case', () => {
    const report = sampleReport({ journalHead: `0x${'AB'.repeat(32)}` });
    expect(reportHash({ ...report, operator: report.operator.toLowerCase() })).toBe(reportHash(report));
    expect(reportHash({ ...report, journalHead: report.journalHead.toLowerCase() })).toBe(reportHash(report));
    expect(normalizeReport({ ...report, operator: report.operator.toLowerCase() })).toMatchObject({ operator: report.operator, journalHead: `0x${'ab'.repeat(32)}` });
  });

  it.each([
    ['operator', { operator: '0x1234' }, /operator must be an address/],
    ['operator with a bad checksum', { operator: '0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf' }, /operator/],
    ['sequence', { sequence: -1n }, /sequence must be a uint64/],
    ['epochEnd as number', { epochEnd: 1 as unknown as bigint }, /epochEnd must be a uint64/],
    ['revenue', { revenue: 1n << 256n }, /revenue must be a uint256/],
    ['assetCount', { assetCount: 2 ** 32 }, /assetCount must be a uint32/],
    ['coverageBps', { coverageBps: 1.5 }, /coverageBps must be a uint32/],
    ['journalHead', { journalHead: '0x00' }, /journalHead must be 0x followed by 64 hex digits/],
    ['epoch bounds', { epochEnd: 1_798_761_600n }, /epochEnd must be after epochStart/],
    ['empty root with assets', { merkleRoot: ZERO_BYTES32 }, /non-zero when there are assets/],
    ['root without assets', { assetCount: 0 }, /empty root bytes32\(0\) when assetCount is 0/],
  ])('refuses a bad %s', (_name, change, message) => {
    expect(() => reportHash(sampleReport(change as Partial<EpochReport>))).toThrow(message);
  });

  it('takes coverage past 6.55× (uint32 basis points)', () => {
    expect(() => reportHash(sampleReport({ coverageBps: 1_000_000 }))).not.toThrow();
  });
});

describe('EAS schema', () => {
  it('is the documented string, resolver 0, not revocable', () => {
    expect(REPORT_SCHEMA).toBe('uint64 sequence,uint64 epochStart,uint64 epochEnd,uint32 assetCount,bytes32 merkleRoot,uint256 revenue,uint256 repaid,uint256 outstanding,uint32 coverageBps,bytes32 journalHead,bytes32 prevReportHash');
    expect(REPORT_SCHEMA_UID).toBe(solidityPackedKeccak256(['string', 'address', 'bool'], [REPORT_SCHEMA, `0x${'00'.repeat(20)}`, false]));
    expect(REPORT_SCHEMA_UID).toBe('0xe3e61a1b2e212e51336df32c33fe201037d9cb9d8d59c5d82516dc54d438dc6c');
    expect(schemaUid(REPORT_SCHEMA, `0x${'00'.repeat(20)}`, true)).not.toBe(REPORT_SCHEMA_UID);
  });

  it('encodes the report without the operator and decodes it back', () => {
    const report = sampleReport({ coverageBps: 123_456, revenue: (1n << 200n) + 7n });
    const data = encodeReportAttestationData(report);
    expect((data.length - 2) / 64).toBe(11);
    const { operator: _operator, ...withoutOperator } = report;
    expect(decodeReportAttestationData(data)).toEqual(withoutOperator);
    expect(() => decodeReportAttestationData(`${data}00`)).toThrow(/11 ABI words/);
  });
});
