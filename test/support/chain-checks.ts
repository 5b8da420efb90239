import { createRequire } from 'node:module';
import { AbiCoder, JsonRpcProvider, Network, id, zeroPadValue } from 'ethers';
import { expect } from 'vitest';
import { REPORT_SCHEMA, REPORT_SCHEMA_UID } from '../../electron/core/attestation/report/eas-schema';
import type { Db } from '../../electron/core/db/open';
import { localReports } from './chain-reports';

// eas-sdk is the independent reader: its ESM build does not load on Node 20, so require it.
const sdk = createRequire(import.meta.url)('@ethereum-attestation-service/eas-sdk') as {
  EAS: new (address: string) => { connect(provider: unknown): void; getAttestation(uid: string): Promise<SdkAttestation>; getTimestamp(uid: string): Promise<bigint> };
  SchemaEncoder: new (schema: string) => { decodeData(data: string): { name: string; value: { value: unknown } }[] };
};

interface SdkAttestation {
  uid: string;
  schema: string;
  refUID: string;
  time: bigint;
  attester: string;
  recipient: string;
  revocable: boolean;
  data: string;
}

const ZERO = `0x${'0'.repeat(64)}`;

export function sdkProvider(url: string, chainId = 31337): JsonRpcProvider {
  return new JsonRpcProvider(url, Network.from(chainId), { staticNetwork: true, batchMaxCount: 1 });
}

/**
 * The invariant, read from the chain with the official SDK (not with Sietch's code):
 * every local report is attested exactly once by the operator, under the report schema, with the
 * report's data, in sequence order, each one's refUID the attestation of the report before it.
 * The Attested events of the operator are counted too, so a second attestation of any report —
 * even one the database does not know of — fails the check.
 */
export async function expectAttestedExactlyOnce(url: string, easAddress: string, db: Db, network: string, attester: string): Promise<void> {
  const provider = sdkProvider(url);
  const eas = new sdk.EAS(easAddress);
  eas.connect(provider);
  const reports = localReports(db);
  const rows = db.prepare("SELECT seq, state, uid, ref_uid, block_number FROM chain_publications WHERE network = ? ORDER BY seq").all(network) as { seq: number; state: string; uid: string; ref_uid: string; block_number: number }[];
  expect(rows.map((row) => [row.seq, row.state])).toEqual(reports.map((report) => [report.seq, 'confirmed']));
  const logs = await provider.getLogs({ address: easAddress, topics: [id('Attested(address,address,bytes32,bytes32)'), null, zeroPadValue(attester, 32), REPORT_SCHEMA_UID], fromBlock: 0, toBlock: 'latest' });
  const onChain: { seq: bigint; uid: string; block: number; refUID: string; data: string }[] = [];
  const encoder = new sdk.SchemaEncoder(REPORT_SCHEMA);
  for (const log of logs) {
    const uid = AbiCoder.defaultAbiCoder().decode(['bytes32'], log.data)[0] as string;
    const attestation = await eas.getAttestation(uid);
    expect(attestation.attester).toBe(attester);
    expect(attestation.schema).toBe(REPORT_SCHEMA_UID);
    expect(attestation.revocable).toBe(false);
    const seq = encoder.decodeData(attestation.data).find((item) => item.name === 'sequence')!.value.value as bigint;
    onChain.push({ seq, uid: uid.toLowerCase(), block: log.blockNumber, refUID: attestation.refUID.toLowerCase(), data: attestation.data });
  }
  // Exactly once each, and in order: the chain's order of events is the sequence order.
  expect(onChain.map((entry) => Number(entry.seq))).toEqual(reports.map((report) => report.seq));
  for (const [index, entry] of onChain.entries()) {
    expect(entry.data).toBe(reports[index]!.data);
    expect(entry.uid).toBe(rows[index]!.uid);
    expect(entry.refUID).toBe(index === 0 ? ZERO : onChain[index - 1]!.uid);
    expect(rows[index]!.ref_uid).toBe(entry.refUID);
  }
  provider.destroy();
}

/** Timestamp mode: each report's offchain UID has an EAS timestamp, taken once, in order. */
export async function expectTimestampedExactlyOnce(url: string, easAddress: string, db: Db, network: string): Promise<void> {
  const provider = sdkProvider(url);
  const eas = new sdk.EAS(easAddress);
  eas.connect(provider);
  const reports = localReports(db);
  const rows = db.prepare('SELECT seq, state, uid FROM chain_publications WHERE network = ? ORDER BY seq').all(network) as { seq: number; state: string; uid: string }[];
  expect(rows.map((row) => [row.seq, row.state, row.uid])).toEqual(reports.map((report) => [report.seq, 'confirmed', report.offchainUid]));
  const logs = await provider.getLogs({ address: easAddress, topics: [id('Timestamped(bytes32,uint64)')], fromBlock: 0, toBlock: 'latest' });
  expect(logs.map((log) => log.topics[1]!.toLowerCase())).toEqual(reports.map((report) => report.offchainUid));
  for (const report of reports) expect(await eas.getTimestamp(report.offchainUid)).toBeGreaterThan(0n);
  provider.destroy();
}
