import type { ChainPublication, ChainStatus } from '../../contract/chain-api';
import type { Db } from '../db/open';
import type { ContractCallSigner } from '../keystore/operator-signer';
import type { Logger } from '../log/logger';
import { activeChainNetwork } from './active-network';
import { explorerLink, type ChainConfig, type ChainNetwork } from './chain-config';
import { PublicationStore, type PublicationRow } from './publication-store';
import { ChainPublisher } from './publisher';
import { redactRpcUrl } from './rpc-client';

export interface ChainServiceDeps {
  db: Db;
  dataDir: string;
  config: ChainConfig;
  logger: Logger;
  signer: () => ContractCallSigner | null;
  /** Seconds per epoch: a day of reports is 86,400 / epochSeconds of them. */
  epochSeconds: () => number;
  onChange: (seqs: number[]) => void;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Publication of the signed reports to the active network: one publisher, created from config
 * (or the devnet profile) at start, and the read side for the API. Without a network it is off
 * and says so; an invalid devnet profile turns it off with the reason rather than stopping the core.
 */
export class ChainService {
  private readonly network: ChainNetwork | null;
  private readonly configError: string | null;
  private readonly publisher: ChainPublisher | null;
  private readonly store: PublicationStore;

  constructor(private readonly deps: ChainServiceDeps) {
    let network: ChainNetwork | null = null;
    let configError: string | null = null;
    try {
      network = activeChainNetwork(deps.config, deps.dataDir);
    } catch (error) {
      configError = (error as Error).message;
      deps.logger.error({ err: configError }, 'chain publication is off');
    }
    this.network = network;
    this.configError = configError;
    this.store = new PublicationStore(deps.db);
    this.publisher = network ? new ChainPublisher({ db: deps.db, network, logger: deps.logger, signer: deps.signer, onChange: deps.onChange }) : null;
  }

  start(): void {
    if (!this.publisher || !this.network) return;
    this.deps.logger.info({ network: this.network.name, chainId: this.network.chainId, rpc: redactRpcUrl(this.network.rpcUrl), mode: this.network.mode }, 'chain publication started');
    this.publisher.start();
  }

  stop(): Promise<void> {
    return this.publisher?.stop() ?? Promise.resolve();
  }

  /** Reports were signed or the key unlocked: publish now rather than at the next poll. */
  wake(): void {
    this.publisher?.wake();
  }

  status(): ChainStatus {
    const network = this.network;
    const reportsPerDay = 86_400 / this.deps.epochSeconds();
    const zero = { queued: 0, sent: 0, confirmed: 0, failed: 0 };
    if (!network || !this.publisher) {
      return {
        configured: false,
        configError: this.configError,
        network: null,
        connection: 'off',
        lastError: null,
        lastOkAt: null,
        nextRetryAt: null,
        block: null,
        signer: null,
        balanceWei: null,
        costPerReportWei: null,
        reportsPerDay,
        lowBalance: false,
        counts: zero,
        counters: { sent: 0, confirmed: 0, replaced: 0, rebroadcast: 0, reorgs: 0, adopted: 0, rpcErrors: 0, rpcGarbage: 0, rpcTimeouts: 0 },
      };
    }
    const status = this.publisher.status();
    const cost = this.store.recentMeanFee(network.name) ?? (status.lastGasEstimate !== null && status.lastBaseFee !== null ? status.lastGasEstimate * status.lastBaseFee : null);
    const counts = this.store.counts(network.name);
    return {
      configured: true,
      configError: null,
      network: {
        name: network.name,
        chainId: network.chainId,
        rpcHost: redactRpcUrl(network.rpcUrl),
        mode: network.mode,
        easAddress: network.easAddress,
        schemaRegistryAddress: network.schemaRegistryAddress,
        schemaUid: network.schemaUid,
        confirmations: network.confirmations,
        explorerTxUrl: network.explorerTxUrl ?? null,
        explorerAttestationUrl: network.explorerAttestationUrl ?? null,
      },
      connection: status.connection,
      lastError: status.lastError,
      lastOkAt: iso(status.lastOkAt),
      nextRetryAt: iso(status.nextRetryAt),
      block: status.head?.toString() ?? null,
      signer: status.signer,
      balanceWei: status.balance?.toString() ?? null,
      costPerReportWei: cost?.toString() ?? null,
      reportsPerDay,
      lowBalance: lowBalance(status.balance, cost, reportsPerDay),
      counts,
      counters: { ...status.counters, rpcGarbage: this.publisher.rpc.counters.garbage, rpcTimeouts: this.publisher.rpc.counters.timeout },
    };
  }

  list(beforeSeq: number | undefined, limit: number): ChainPublication[] {
    if (!this.network) return [];
    const network = this.network;
    return this.store.list(network.name, beforeSeq, limit).map((row) => toPublication(row, network));
  }
}

/** Whether the balance will not cover the next day of reports (cost unknown: only an empty balance warns). */
export function lowBalance(balance: bigint | null, costPerReport: bigint | null, reportsPerDay: number): boolean {
  if (balance === null) return false;
  if (costPerReport === null) return balance === 0n;
  const perDay = (costPerReport * BigInt(Math.ceil(reportsPerDay * 1000))) / 1000n;
  return balance < perDay;
}

function toPublication(row: PublicationRow, network: ChainNetwork): ChainPublication {
  const attestationUid = row.mode === 'attest' && row.state !== 'queued' ? row.uid : null;
  return {
    seq: row.seq,
    network: row.network,
    mode: row.mode,
    state: row.state,
    reason: row.reason,
    txHash: row.tx_hash,
    nonce: row.nonce,
    blockNumber: row.block_number,
    uid: row.uid,
    refUid: row.ref_uid,
    feeWei: row.fee_wei,
    attempts: row.attempts,
    queuedAt: row.queued_at,
    sentAt: row.sent_at,
    confirmedAt: row.confirmed_at,
    updatedAt: row.updated_at,
    txUrl: explorerLink(network.explorerTxUrl, '{tx}', row.tx_hash),
    attestationUrl: explorerLink(network.explorerAttestationUrl, '{uid}', attestationUid),
  };
}
