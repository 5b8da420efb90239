import { getAddress } from 'ethers';
import { REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';
import { ZERO_ADDRESS, ZERO_BYTES32 } from '../attestation/report/hex';
import { signedReportFromJson } from '../attestation/report/signed-report-json';
import { verifySignedReport } from '../attestation/report/verify-report-attestation';
import type { Db } from '../db/open';
import type { ChainNetwork } from './chain-config';
import { findReportAttestations, readAttestation, readTimestamp } from './chain-lookup';
import type { RpcClient } from './rpc-client';

export interface ChainVerifyProblem {
  seq: number;
  problem: string;
}

export interface ChainVerifyResult {
  ok: boolean;
  network: string;
  mode: 'attest' | 'timestamp';
  from: number;
  to: number;
  checked: number;
  problems: ChainVerifyProblem[];
  /** attest: seq → on-chain UID as read from the chain. */
  uids: Record<number, string>;
}

interface LocalRow {
  seq: number;
  attestation: string | null;
  signer: string | null;
  uid: string | null;
  block_number: number | null;
}

/**
 * Reads reports `from`..`to` back from the chain and checks them against the local ones —
 * attest: each attestation exists under our schema, by the expected attester, irrevocable, with
 * the local report's exact data, its refUID the previous report's attestation (zero for the
 * first), and no report attested twice (our Attested events over the range are decoded);
 * timestamp: the local signed package verifies and EAS holds a timestamp of its offchain UID.
 */
export async function verifyChainRange(rpc: RpcClient, db: Db, network: ChainNetwork, range: { from: number; to: number; signer?: string }): Promise<ChainVerifyResult> {
  const problems: ChainVerifyProblem[] = [];
  const uids: Record<number, string> = {};
  const fail = (seq: number, problem: string) => problems.push({ seq, problem });
  const rows = db
    .prepare('SELECT o.seq, o.attestation, o.signer, p.uid, p.block_number FROM report_outbox o LEFT JOIN chain_publications p ON p.seq = o.seq AND p.network = ? WHERE o.seq BETWEEN ? AND ? ORDER BY o.seq')
    .all(network.name, Math.max(1, range.from - 1), range.to) as LocalRow[];
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  let checked = 0;
  for (let seq = range.from; seq <= range.to; seq += 1) {
    const row = bySeq.get(seq);
    if (!row?.attestation || !row.signer) {
      fail(seq, 'no signed report with this sequence in the local database');
      continue;
    }
    const expected = getAddress(range.signer ?? row.signer);
    const pkg = signedReportFromJson(row.attestation);
    const offchain = verifySignedReport(pkg, { signer: expected });
    if (!offchain.ok) fail(seq, `the local signed report does not verify: ${offchain.reason}`);
    checked += 1;
    if (network.mode === 'timestamp') {
      if ((await readTimestamp(rpc, network.easAddress, pkg.sig.uid)) === 0n) fail(seq, `EAS holds no timestamp of the offchain UID ${pkg.sig.uid}`);
      continue;
    }
    if (!row.uid) {
      fail(seq, 'not published: no on-chain attestation recorded');
      continue;
    }
    const onchain = await readAttestation(rpc, network.easAddress, row.uid);
    if (BigInt(onchain.uid) === 0n) {
      fail(seq, `attestation ${row.uid} is not on chain`);
      continue;
    }
    uids[seq] = onchain.uid;
    if (onchain.schema !== REPORT_SCHEMA_UID) fail(seq, `schema ${onchain.schema} is not the report schema`);
    if (getAddress(onchain.attester) !== expected) fail(seq, `attested by ${onchain.attester}, expected ${expected}`);
    if (getAddress(onchain.recipient) !== ZERO_ADDRESS || onchain.revocable || onchain.expirationTime !== 0n || onchain.revocationTime !== 0n) fail(seq, 'recipient, expiry or revocation differ from a report attestation');
    if (onchain.data.toLowerCase() !== pkg.sig.message.data.toLowerCase()) fail(seq, 'the on-chain data differs from the local report');
    const previous = seq === 1 ? ZERO_BYTES32 : (uids[seq - 1] ?? bySeq.get(seq - 1)?.uid ?? null);
    if (previous === null) fail(seq, `report ${seq - 1} has no on-chain attestation to reference`);
    else if (onchain.refUID !== previous) fail(seq, `refUID ${onchain.refUID} is not report ${seq - 1}'s attestation ${previous}`);
  }
  if (network.mode === 'attest' && checked > 0) {
    // Duplicates: every report attestation of the operator between the first and last block of the range.
    const blocks = rows.filter((row) => row.seq >= range.from && row.block_number !== null).map((row) => row.block_number!);
    const attester = range.signer ?? rows.find((row) => row.signer)?.signer;
    if (blocks.length > 0 && attester) {
      const found = await findReportAttestations(rpc, { easAddress: network.easAddress, schemaUid: REPORT_SCHEMA_UID, attester: getAddress(attester), fromBlock: BigInt(Math.min(...blocks)), toBlock: BigInt(Math.max(...blocks)), chunk: network.logChunkBlocks });
      const perSeq = new Map<number, number>();
      for (const entry of found) if (entry.seq !== null) perSeq.set(Number(entry.seq), (perSeq.get(Number(entry.seq)) ?? 0) + 1);
      for (const [seq, times] of perSeq) if (times > 1 && seq >= range.from && seq <= range.to) fail(seq, `attested ${times} times on chain`);
    }
  }
  return { ok: problems.length === 0, network: network.name, mode: network.mode, from: range.from, to: range.to, checked, problems, uids };
}
