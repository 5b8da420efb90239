import { z } from 'zod';
import { method } from './method';
import { hash32, isoUtc, noInput } from './schemas/common';

// On-chain publication of reports (EAS): the chain's status and each report's state on it. Same
// shape as `methods` and `events` in api.ts, which spread these tables in.

/** Wei (and block numbers) exceed 2^53: decimal strings on the wire. */
const decimal = z.string().regex(/^[0-9]+$/, 'a non-negative integer as a decimal string');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an address');

export const publicationState = z.enum(['queued', 'sent', 'confirmed', 'failed']);
export const chainMode = z.enum(['attest', 'timestamp']);

export const chainStatus = z.object({
  /** A network is configured and its publisher runs. */
  configured: z.boolean(),
  /** Why publication is off though something was configured (an invalid devnet profile, a renamed network). */
  configError: z.string().nullable(),
  network: z
    .object({
      name: z.string(),
      chainId: z.number().int().positive(),
      /** Scheme and host only: RPC URLs often carry an API key. */
      rpcHost: z.string(),
      mode: chainMode,
      easAddress: address,
      schemaRegistryAddress: address,
      schemaUid: hash32,
      confirmations: z.number().int().positive(),
      explorerTxUrl: z.string().nullable(),
      explorerAttestationUrl: z.string().nullable(),
    })
    .nullable(),
  connection: z.enum(['off', 'starting', 'ok', 'unreachable', 'wrong-chain', 'error']),
  lastError: z.string().nullable(),
  lastOkAt: isoUtc.nullable(),
  nextRetryAt: isoUtc.nullable(),
  block: decimal.nullable(),
  /** The operator key that pays for gas; null while locked. */
  signer: address.nullable(),
  balanceWei: decimal.nullable(),
  /** Mean fee of recent publications (or the last estimate × base fee before the first). */
  costPerReportWei: decimal.nullable(),
  reportsPerDay: z.number().nonnegative(),
  /** The balance will not cover the next day of reports. */
  lowBalance: z.boolean(),
  counts: z.object({ queued: z.number().int().nonnegative(), sent: z.number().int().nonnegative(), confirmed: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
  counters: z.object({
    sent: z.number().int().nonnegative(),
    confirmed: z.number().int().nonnegative(),
    replaced: z.number().int().nonnegative(),
    rebroadcast: z.number().int().nonnegative(),
    reorgs: z.number().int().nonnegative(),
    adopted: z.number().int().nonnegative(),
    rpcErrors: z.number().int().nonnegative(),
    rpcGarbage: z.number().int().nonnegative(),
    rpcTimeouts: z.number().int().nonnegative(),
  }),
});

export const chainPublication = z.object({
  seq: z.number().int().positive(),
  network: z.string(),
  mode: chainMode,
  state: publicationState,
  /** Why it failed or waits. */
  reason: z.string().nullable(),
  txHash: hash32.nullable(),
  nonce: z.number().int().nonnegative().nullable(),
  blockNumber: z.number().int().nonnegative().nullable(),
  /** attest: the on-chain attestation UID; timestamp: the offchain UID timestamped. */
  uid: hash32.nullable(),
  refUid: hash32.nullable(),
  feeWei: decimal.nullable(),
  attempts: z.number().int().nonnegative(),
  queuedAt: isoUtc,
  sentAt: isoUtc.nullable(),
  confirmedAt: isoUtc.nullable(),
  updatedAt: isoUtc,
  /** Explorer links from the network's URL templates. */
  txUrl: z.string().nullable(),
  attestationUrl: z.string().nullable(),
});

export type ChainStatus = z.infer<typeof chainStatus>;
export type ChainPublication = z.infer<typeof chainPublication>;

export const chainMethods = {
  'chain.status': method({ input: noInput, output: chainStatus, summary: 'On-chain publication: network, connection, block, signer balance (and whether it covers a day of reports), counts per state.' }),
  'chain.publications.list': method({
    input: z.object({ beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ publications: z.array(chainPublication) }),
    summary: 'Each report on the active network: state (queued, sent, confirmed, failed and why), transaction, block, UID, explorer links; newest first.',
  }),
} as const;

export const chainEvents = {
  /** Reports changed state on chain (queued, sent, mined, confirmed, failed, reorged): refetch them. */
  onChainPublicationsChanged: z.object({ seqs: z.array(z.number().int().positive()), at: isoUtc }),
} as const;
