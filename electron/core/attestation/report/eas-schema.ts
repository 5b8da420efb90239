import { AbiCoder, solidityPackedKeccak256 } from 'ethers';
import { ZERO_ADDRESS } from './hex';
import { REPORT_FIELDS, validateReport, type EpochReport } from './report';

/**
 * The EAS schema of a Sietch report. The operator is not a field: it is the attester, whose
 * signature the attestation carries. Field names and order are part of the schema UID: they are
 * the report's own fields (report.ts), in the same order, so the two can never drift apart.
 */
export const REPORT_SCHEMA_FIELDS = REPORT_FIELDS.filter((field) => field.name !== 'operator');

export const REPORT_SCHEMA = REPORT_SCHEMA_FIELDS.map((field) => `${field.type} ${field.name}`).join(',');

/** No resolver contract: registering and attesting need no Sietch contract on chain. */
export const REPORT_SCHEMA_RESOLVER = ZERO_ADDRESS;

/**
 * Reports are not revocable: a report states what was observed in a closed epoch, and the
 * chain of reports (prevReportHash, refUID) is append-only like the journal. A mistake is
 * corrected by a later report, never by erasing one from a lender's history.
 */
export const REPORT_SCHEMA_REVOCABLE = false;

/** The schema UID as EAS's SchemaRegistry computes it: keccak256(abi.encodePacked(schema, resolver, revocable)). */
export function schemaUid(schema: string, resolver: string, revocable: boolean): string {
  return solidityPackedKeccak256(['string', 'address', 'bool'], [schema, resolver, revocable]);
}

export const REPORT_SCHEMA_UID = schemaUid(REPORT_SCHEMA, REPORT_SCHEMA_RESOLVER, REPORT_SCHEMA_REVOCABLE);

const SCHEMA_TYPES = REPORT_SCHEMA_FIELDS.map((field) => field.type);

/** The attestation's `data`: abi.encode of the schema fields, as EAS's SchemaEncoder writes it. */
export function encodeReportAttestationData(report: EpochReport): string {
  validateReport(report);
  return AbiCoder.defaultAbiCoder().encode(
    SCHEMA_TYPES,
    REPORT_SCHEMA_FIELDS.map((field) => report[field.name]),
  );
}

export type ReportAttestationData = Omit<EpochReport, 'operator'>;

/** The inverse of encodeReportAttestationData; throws when data is not exactly one such encoding. */
export function decodeReportAttestationData(data: string): ReportAttestationData {
  if (!/^0x[0-9a-fA-F]*$/.test(data) || data.length !== 2 + 64 * SCHEMA_TYPES.length) throw new RangeError(`attestation data must be ${SCHEMA_TYPES.length} ABI words`);
  const values = AbiCoder.defaultAbiCoder().decode(SCHEMA_TYPES, data);
  const field = (name: (typeof REPORT_SCHEMA_FIELDS)[number]['name']) => values[REPORT_SCHEMA_FIELDS.findIndex((entry) => entry.name === name)] as unknown;
  return {
    sequence: field('sequence') as bigint,
    epochStart: field('epochStart') as bigint,
    epochEnd: field('epochEnd') as bigint,
    assetCount: Number(field('assetCount')),
    merkleRoot: field('merkleRoot') as string,
    revenue: field('revenue') as bigint,
    repaid: field('repaid') as bigint,
    outstanding: field('outstanding') as bigint,
    coverageBps: Number(field('coverageBps')),
    journalHead: field('journalHead') as string,
    prevReportHash: field('prevReportHash') as string,
  };
}
