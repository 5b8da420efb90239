import { zeroPadValue } from 'ethers';
import { decodeReportAttestationData } from '../attestation/report/eas-schema';
import { ATTESTED_TOPIC, decodeAttestation, easInterface, TIMESTAMPED_TOPIC, type OnchainAttestation } from './eas-abi';
import type { RpcClient, RpcLog } from './rpc-client';

export interface FoundAttestation {
  uid: string;
  txHash: string;
  blockNumber: bigint;
  blockHash: string;
  attestation: OnchainAttestation;
  /** The report sequence decoded from the attestation's data; null when the data is not a report. */
  seq: bigint | null;
}

export async function readAttestation(rpc: RpcClient, easAddress: string, uid: string): Promise<OnchainAttestation> {
  return decodeAttestation(await rpc.ethCall({ to: easAddress, data: easInterface.encodeFunctionData('getAttestation', [uid]) }));
}

export async function readTimestamp(rpc: RpcClient, easAddress: string, uid: string): Promise<bigint> {
  const result = await rpc.ethCall({ to: easAddress, data: easInterface.encodeFunctionData('getTimestamp', [uid]) });
  return easInterface.decodeFunctionResult('getTimestamp', result)[0] as bigint;
}

/** eth_getLogs over [from, to] in chunks (providers cap the range of one request). */
export async function scanLogs(rpc: RpcClient, filter: { address: string; topics: (string | null)[] }, fromBlock: bigint, toBlock: bigint, chunk: number): Promise<RpcLog[]> {
  const logs: RpcLog[] = [];
  for (let start = fromBlock; start <= toBlock; start += BigInt(chunk)) {
    const end = start + BigInt(chunk) - 1n < toBlock ? start + BigInt(chunk) - 1n : toBlock;
    logs.push(...(await rpc.getLogs({ ...filter, fromBlock: start, toBlock: end })).filter((log) => !log.removed));
  }
  return logs;
}

function seqOf(data: string): bigint | null {
  try {
    return decodeReportAttestationData(data).sequence;
  } catch {
    return null;
  }
}

/**
 * Every report attestation by `attester` under our schema in [fromBlock, toBlock]: the Attested
 * events (attester and schema are indexed, so the node filters them), then each attestation read
 * from EAS and its sequence decoded from its data. This is how the publisher answers "is report N
 * already on chain?" after any uncertainty, and how `sietch chain verify` finds duplicates.
 */
export async function findReportAttestations(
  rpc: RpcClient,
  query: { easAddress: string; schemaUid: string; attester: string; fromBlock: bigint; toBlock: bigint; chunk: number },
): Promise<FoundAttestation[]> {
  const logs = await scanLogs(rpc, { address: query.easAddress, topics: [ATTESTED_TOPIC, null, zeroPadValue(query.attester, 32).toLowerCase(), query.schemaUid] }, query.fromBlock, query.toBlock, query.chunk);
  const found: FoundAttestation[] = [];
  for (const log of logs) {
    const uid = log.data.toLowerCase();
    const attestation = await readAttestation(rpc, query.easAddress, uid);
    if (BigInt(attestation.uid) === 0n) continue; // not in the state the node answers from (a reorg in between)
    found.push({ uid, txHash: log.transactionHash, blockNumber: log.blockNumber, blockHash: log.blockHash, attestation, seq: seqOf(attestation.data) });
  }
  return found;
}

/** The Timestamped event of an offchain UID in [fromBlock, toBlock], if any. */
export async function findTimestampLog(rpc: RpcClient, query: { easAddress: string; uid: string; fromBlock: bigint; toBlock: bigint; chunk: number }): Promise<RpcLog | null> {
  const logs = await scanLogs(rpc, { address: query.easAddress, topics: [TIMESTAMPED_TOPIC, query.uid] }, query.fromBlock, query.toBlock, query.chunk);
  return logs[0] ?? null;
}

/** The attestation UID in a receipt's Attested log from `attester`, or null. */
export function attestedUidIn(logs: RpcLog[], easAddress: string, attester: string): string | null {
  const topic = zeroPadValue(attester, 32).toLowerCase();
  const log = logs.find((entry) => entry.address.toLowerCase() === easAddress.toLowerCase() && entry.topics[0] === ATTESTED_TOPIC && entry.topics[2] === topic);
  return log ? log.data.toLowerCase() : null;
}

/** Whether a receipt holds the Timestamped log of `uid`. */
export function timestampedIn(logs: RpcLog[], easAddress: string, uid: string): boolean {
  return logs.some((entry) => entry.address.toLowerCase() === easAddress.toLowerCase() && entry.topics[0] === TIMESTAMPED_TOPIC && entry.topics[1] === uid.toLowerCase());
}
