import { getAddress, keccak256, Transaction } from 'ethers';
import { ZERO_BYTES32 } from '../attestation/report/hex';
import { signedReportFromJson } from '../attestation/report/signed-report-json';
import type { SignedReportPackage } from '../attestation/report/offchain-attestation';
import type { Db } from '../db/open';
import type { ContractCallSigner } from '../keystore/operator-signer';
import type { Logger } from '../log/logger';
import { maxFeeCapWei, maxPriorityCapWei, type ChainNetwork } from './chain-config';
import { attestedUidIn, findReportAttestations, findTimestampLog, readAttestation, readTimestamp, timestampedIn } from './chain-lookup';
import { encodeAttestCall, encodeTimestampCall, revertReason } from './eas-abi';
import { freshFees, replacementFees, type FeeCaps, type Fees } from './fees';
import { PublicationStore, type PublicationRow, type TransactionRow } from './publication-store';
import { RpcClient, RpcError, type RpcReceipt } from './rpc-client';

export type ConnectionState = 'starting' | 'ok' | 'unreachable' | 'wrong-chain' | 'error';

export interface PublisherCounters {
  sent: number;
  confirmed: number;
  replaced: number;
  rebroadcast: number;
  reorgs: number;
  adopted: number;
  rpcErrors: number;
}

export interface PublisherStatus {
  connection: ConnectionState;
  lastError: string | null;
  lastOkAt: number | null;
  head: bigint | null;
  balance: bigint | null;
  signer: string | null;
  /** Gas of the last attest/timestamp estimate: predicts the next report's cost before any is confirmed. */
  lastGasEstimate: bigint | null;
  lastBaseFee: bigint | null;
  nextRetryAt: number | null;
  counters: PublisherCounters;
}

export interface PublisherDeps {
  db: Db;
  network: ChainNetwork;
  logger: Logger;
  /** The unlocked operator key, or null while it is locked (publication waits). */
  signer: () => ContractCallSigner | null;
  rpc?: RpcClient;
  onChange?: (seqs: number[]) => void;
  now?: () => number;
}

/** Reports go out one at a time: report N only once N−1 is confirmed (attest: its UID is N's refUID). */
type StepResult = 'progress' | 'idle';

/** The signer's balance is for the console's warning: refreshed now and then, not every pass. */
const BALANCE_REFRESH_MS = 15_000;

const UNDERPRICED = /underpriced|fee too low|replacement fee/i;
const NONCE_TOO_LOW = /nonce too low|nonce is too low|nonce has already been used|already been used|oldnonce|nonce_expired/i;
const ALREADY_KNOWN = /already known|known transaction|already imported|already in (the )?pool/i;
const NO_FUNDS = /insufficient funds|insufficient balance/i;

const sleep = (ms: number, signal: { wake: () => void }): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

/**
 * Publishes the signed reports of the outbox to one network, in order, each exactly once:
 *
 * - every transaction is recorded (hash, nonce, fees, the signed bytes) before it is broadcast,
 *   so after a crash or a lost answer every hash that may be on chain is known;
 * - all transactions for one report share one nonce (replacements), so at most one of them can
 *   be mined; a new nonce is taken only once that nonce is used and none of ours is mined — and
 *   then only after the chain has been searched for the report (the Attested events of our
 *   address and schema, or EAS's timestamp of the offchain UID);
 * - a report counts as published after `confirmations` blocks, and published reports within
 *   `reorgDepth` blocks of the head are re-checked: a reorg that drops one queues it and every
 *   later one again (searched for first, re-sent if gone);
 * - RPC errors (unreachable, timeouts, garbage) back off exponentially; nothing is lost while the
 *   node is down for hours: reports queue in the outbox and go out in order when it returns.
 */
export class ChainPublisher {
  readonly rpc: RpcClient;
  private readonly store: PublicationStore;
  private readonly caps: FeeCaps;
  private readonly now: () => number;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly waker = { wake: () => undefined as void };
  private chainChecked = false;
  private consecutiveErrors = 0;
  private balanceAt: number | null = null;
  private balanceOf: string | null = null;
  /** After a refused replacement: the fees the next transaction for that report must beat. */
  private readonly feeFloor = new Map<number, Fees>();
  private readonly state: PublisherStatus = {
    connection: 'starting',
    lastError: null,
    lastOkAt: null,
    head: null,
    balance: null,
    signer: null,
    lastGasEstimate: null,
    lastBaseFee: null,
    nextRetryAt: null,
    counters: { sent: 0, confirmed: 0, replaced: 0, rebroadcast: 0, reorgs: 0, adopted: 0, rpcErrors: 0 },
  };

  constructor(private readonly deps: PublisherDeps) {
    const { network } = deps;
    this.rpc = deps.rpc ?? new RpcClient({ url: network.rpcUrl, timeoutMs: network.rpcTimeoutSeconds * 1000 });
    this.store = new PublicationStore(deps.db);
    this.caps = { maxFeePerGas: maxFeeCapWei(network), maxPriorityFeePerGas: maxPriorityCapWei(network) };
    this.now = deps.now ?? Date.now;
  }

  get network(): ChainNetwork {
    return this.deps.network;
  }

  status(): PublisherStatus {
    return { ...this.state, counters: { ...this.state.counters } };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.waker.wake();
    await this.loop;
    this.loop = null;
  }

  /** New signed reports, an unlocked key: look now rather than at the next poll. */
  wake(): void {
    this.waker.wake();
  }

  private async run(): Promise<void> {
    const { network, logger } = this.deps;
    while (this.running) {
      let delay = network.pollSeconds * 1000;
      try {
        const result = await this.step();
        this.consecutiveErrors = 0;
        this.state.nextRetryAt = null;
        if (result === 'progress') delay = 0;
      } catch (error) {
        this.consecutiveErrors += 1;
        this.chainChecked = false;
        delay = backoffMs(this.consecutiveErrors, network.retryMinSeconds * 1000, network.retryMaxSeconds * 1000);
        this.state.nextRetryAt = this.now() + delay;
        this.noteError(error);
        logger.warn({ network: network.name, err: (error as Error).message, retryInMs: Math.round(delay) }, 'chain publication: RPC trouble, backing off');
      }
      if (this.running && delay > 0) await sleep(delay, this.waker);
    }
  }

  private noteError(error: unknown): void {
    this.state.counters.rpcErrors += 1;
    this.state.lastError = (error as Error).message;
    if (error instanceof RpcError) this.state.connection = error.kind === 'rpc' ? 'error' : 'unreachable';
    else if (this.state.connection !== 'wrong-chain') this.state.connection = 'error';
  }

  /** One pass, exposed for tests: check the chain, re-check recent blocks, move the first unpublished report on. */
  async step(): Promise<StepResult> {
    const { network } = this.deps;
    // Queued first, whatever the RPC does: a report signed while the chain is down shows as queued.
    const queued = this.store.enqueueSigned(network);
    if (queued.length > 0) this.changed(queued);
    const signer = this.deps.signer();
    this.state.signer = signer?.address ?? null;
    if (!this.chainChecked) {
      const chainId = await this.rpc.chainId();
      if (chainId !== BigInt(network.chainId)) {
        this.state.connection = 'wrong-chain';
        throw new Error(`${network.name}: the RPC serves chain ${chainId}, not ${network.chainId}`);
      }
      // A call to an address without code succeeds and does nothing: never "publish" into the void.
      if ((await this.rpc.getCode(network.easAddress)) === '0x') {
        this.state.connection = 'error';
        throw new Error(`${network.name}: no contract at the EAS address ${network.easAddress}`);
      }
      this.chainChecked = true;
    }
    const head = await this.rpc.blockNumber();
    this.state.head = head;
    this.state.connection = 'ok';
    this.state.lastOkAt = this.now();
    this.state.lastError = null;
    if (signer && (this.balanceAt === null || this.now() - this.balanceAt > BALANCE_REFRESH_MS || this.balanceOf !== signer.address)) {
      this.state.balance = await this.rpc.getBalance(signer.address);
      this.balanceAt = this.now();
      this.balanceOf = signer.address;
    }
    if (await this.recheckRecent(head)) return 'progress';
    const row = this.store.head(network.name);
    if (!row) return 'idle';
    const pkg = this.signedPackage(row.seq);
    // A transaction in flight is followed even while the key is locked (it is not needed to watch).
    if (row.state === 'sent') return this.track(row, signer, getAddress(pkg.signer), head);
    if (row.next_try_at !== null && row.next_try_at > this.now()) return 'idle';
    if (!signer) return this.waitWith(row, 'waiting for the operator key to be unlocked');
    if (getAddress(pkg.signer) !== getAddress(signer.address)) return this.waitWith(row, `report ${row.seq} was signed by ${pkg.signer}, but the unlocked key is ${signer.address}: unlock the key that signed it`);
    return this.send(row, signer, pkg, head);
  }

  private waitWith(row: PublicationRow, reason: string): StepResult {
    if (row.reason !== reason) {
      this.store.setReason(row.network, row.seq, reason);
      this.changed([row.seq]);
    }
    return 'idle';
  }

  private signedPackage(seq: number): SignedReportPackage {
    const json = this.deps.db.prepare('SELECT attestation FROM report_outbox WHERE seq = ?').pluck().get(seq) as string | null;
    if (!json) throw new Error(`report ${seq} has no signed attestation`);
    return signedReportFromJson(json);
  }

  private changed(seqs: number[]): void {
    this.deps.onChange?.(seqs);
  }

  /**
   * Published (or mined) reports in the last reorgDepth blocks: is the block that holds each one
   * still the chain's block at that height? If not, and its transaction is not mined elsewhere,
   * it and every later report go back to the queue (to be searched for, then re-sent).
   */
  private async recheckRecent(head: bigint): Promise<boolean> {
    const { network } = this.deps;
    const from = Number(head) - network.reorgDepth;
    const rows = this.store.recentlyMined(network.name, Math.max(0, from));
    // A block hash commits to all its ancestors: if the newest recorded block is still the
    // chain's, every older one is too, and one request settles it.
    const newest = rows.reduce<PublicationRow | null>((best, row) => (best === null || row.block_number! > best.block_number! ? row : best), null);
    if (!newest || (BigInt(newest.block_number!) <= head && (await this.rpc.getBlock(BigInt(newest.block_number!)))?.hash === newest.block_hash)) return false;
    for (const row of rows) {
      const block = BigInt(row.block_number!) <= head ? await this.rpc.getBlock(BigInt(row.block_number!)) : null;
      if (block && block.hash === row.block_hash) continue;
      const receipt = await this.rpc.getTransactionReceipt(row.tx_hash!);
      if (receipt && receipt.status === 1n) {
        const canonical = await this.rpc.getBlock(receipt.blockNumber);
        if (canonical?.hash === receipt.blockHash) {
          const uid = network.mode === 'attest' ? attestedUidIn(receipt.logs, network.easAddress, getAddress(receipt.from)) : row.uid;
          if (uid === row.uid) {
            // Mined again in another block, same attestation: only the block changes.
            this.store.markMined(network.name, row.seq, { txHash: row.tx_hash!, nonce: null, blockNumber: Number(receipt.blockNumber), blockHash: receipt.blockHash, uid: row.uid!, refUid: row.ref_uid, gasUsed: receipt.gasUsed, gasPrice: receipt.effectiveGasPrice ?? null });
            if (row.state === 'confirmed') this.store.confirm(network.name, row.seq);
            this.changed([row.seq]);
            continue;
          }
        }
      }
      const seqs = this.store.reorged(network.name, row.seq, `reorg: block ${row.block_number} (${row.block_hash!.slice(0, 10)}…) left the chain; searching for the report before sending it again`);
      this.state.counters.reorgs += 1;
      this.deps.logger.warn({ network: network.name, seq: row.seq, block: row.block_number, requeued: seqs }, 'chain publication: reorg dropped published reports');
      this.changed(seqs);
      return true;
    }
    return false;
  }

  /** A report whose transaction is out: mined? deep enough? dropped, stuck, or its nonce used by someone else? */
  private async track(row: PublicationRow, signer: ContractCallSigner | null, address: string, head: bigint): Promise<StepResult> {
    const { network } = this.deps;
    const txs = this.store.transactions(network.name, row.seq).filter((tx) => tx.rejected === null);
    const mined = await this.findReceipt(txs);
    if (mined) return this.onReceipt(row, mined.tx, mined.receipt, head);
    if (row.block_number !== null) {
      // It was mined and no longer is, though its block did not look replaced yet: treat as a reorg.
      this.changed(this.store.reorged(network.name, row.seq, `transaction ${row.tx_hash} is no longer mined`));
      this.state.counters.reorgs += 1;
      return 'progress';
    }
    const current = txs.at(-1);
    if (!current) {
      this.store.requeue(network.name, row.seq, 'no transaction in flight', { needsCheck: true });
      return 'progress';
    }
    const used = await this.rpc.getTransactionCount(address, 'latest');
    if (BigInt(current.nonce) < used) {
      // The nonce is used, none of our transactions is mined (asked twice: a lagging node may index late).
      const again = await this.findReceipt(txs);
      if (again) return this.onReceipt(row, again.tx, again.receipt, head);
      this.store.requeue(network.name, row.seq, `nonce ${current.nonce} was used by another transaction of ${address}; searching the chain before sending again`, { needsCheck: true });
      this.changed([row.seq]);
      return 'progress';
    }
    const pending = await this.rpc.getTransaction(current.tx_hash);
    if (!pending) {
      // The node does not know it (restarted, evicted it): the same signed bytes again.
      this.state.counters.rebroadcast += 1;
      await this.broadcast(row, current, false);
      return 'idle';
    }
    const age = this.now() - Date.parse(current.created_at);
    if (signer && age >= network.stuckAfterSeconds * 1000) return this.replace(row, signer, current, txs, head);
    return 'idle';
  }

  private async findReceipt(txs: TransactionRow[]): Promise<{ tx: TransactionRow; receipt: RpcReceipt } | null> {
    for (const tx of [...txs].reverse()) {
      const receipt = await this.rpc.getTransactionReceipt(tx.tx_hash);
      if (receipt) return { tx, receipt };
    }
    return null;
  }

  private async onReceipt(row: PublicationRow, tx: TransactionRow, receipt: RpcReceipt, head: bigint): Promise<StepResult> {
    const { network } = this.deps;
    if (receipt.status !== 1n) {
      const reason = await this.revertReasonOf(tx, receipt.blockNumber);
      const attempts = row.attempts;
      this.store.requeue(network.name, row.seq, `transaction ${tx.tx_hash} reverted${reason ? ` (${reason})` : ''}`, { needsCheck: true, state: 'failed', nextTryAt: this.now() + backoffMs(attempts, network.retryMinSeconds * 1000, network.retryMaxSeconds * 1000) });
      this.changed([row.seq]);
      return 'idle';
    }
    const uid = network.mode === 'attest' ? attestedUidIn(receipt.logs, network.easAddress, getAddress(receipt.from)) : timestampedIn(receipt.logs, network.easAddress, this.signedPackage(row.seq).sig.uid) ? this.signedPackage(row.seq).sig.uid.toLowerCase() : null;
    if (!uid) {
      this.store.requeue(network.name, row.seq, `transaction ${tx.tx_hash} was mined without the expected EAS event`, { needsCheck: true, state: 'failed', nextTryAt: this.now() + network.retryMaxSeconds * 1000 });
      this.changed([row.seq]);
      return 'idle';
    }
    const firstSight = row.block_hash !== receipt.blockHash;
    this.store.markMined(network.name, row.seq, { txHash: tx.tx_hash, nonce: tx.nonce, blockNumber: Number(receipt.blockNumber), blockHash: receipt.blockHash, uid, refUid: row.ref_uid, gasUsed: receipt.gasUsed, gasPrice: receipt.effectiveGasPrice ?? null });
    this.feeFloor.delete(row.seq);
    if (head - receipt.blockNumber + 1n >= BigInt(network.confirmations)) {
      this.store.confirm(network.name, row.seq);
      this.state.counters.confirmed += 1;
      this.balanceAt = null;
      this.deps.logger.info({ network: network.name, seq: row.seq, uid, tx: tx.tx_hash, block: Number(receipt.blockNumber) }, 'report published on chain');
      this.changed([row.seq]);
      return 'progress';
    }
    if (firstSight) this.changed([row.seq]);
    return 'idle';
  }

  private async revertReasonOf(tx: TransactionRow, block: bigint): Promise<string | null> {
    const parsed = Transaction.from(tx.raw);
    try {
      await this.rpc.ethCall({ from: parsed.from!, to: parsed.to!, data: parsed.data }, block);
      return null;
    } catch (error) {
      return error instanceof RpcError ? (revertReason(error.data) ?? error.message) : null;
    }
  }

  /** Queued (or failed and due): search the chain if unsure, then sign and send one transaction. */
  private async send(row: PublicationRow, signer: ContractCallSigner, pkg: SignedReportPackage, head: bigint): Promise<StepResult> {
    const { network } = this.deps;
    let refUid: string | null = null;
    if (network.mode === 'attest') {
      if (row.seq > 1) {
        const previous = this.store.get(network.name, row.seq - 1);
        if (previous?.state !== 'confirmed' || !previous.uid) return 'idle';
        refUid = previous.uid;
      } else refUid = ZERO_BYTES32;
    }
    if (row.needs_check === 1) {
      const found = await this.searchChain(row, signer, refUid, head);
      if (found) return 'progress';
    }
    const txs = this.store.transactions(network.name, row.seq).filter((tx) => tx.rejected === null);
    const used = await this.rpc.getTransactionCount(signer.address, 'latest');
    const open = txs.filter((tx) => BigInt(tx.nonce) >= used);
    const data = network.mode === 'attest' ? encodeAttestCall(network.schemaUid, refUid!, pkg.sig.message.data) : encodeTimestampCall(pkg.sig.uid);
    let gasLimit: bigint;
    try {
      const estimate = await this.rpc.estimateGas({ from: signer.address, to: network.easAddress, data });
      this.state.lastGasEstimate = estimate;
      gasLimit = (estimate * 6n) / 5n;
    } catch (error) {
      if (!(error instanceof RpcError) || error.kind !== 'rpc') throw error;
      return this.onWouldRevert(row, error, refUid);
    }
    const fresh = await this.currentFees();
    if (!fresh.ok) {
      this.failLater(row, fresh.reason);
      return 'idle';
    }
    const floor = this.feeFloor.get(row.seq);
    const previous = open.length > 0 || floor ? highestFees(open, floor) : undefined;
    const decision = previous ? replacementFees(previous, fresh.fees, this.caps) : fresh;
    if (!decision.ok) {
      this.failLater(row, decision.reason);
      return 'idle';
    }
    const nonce = open.length > 0 ? open.at(-1)!.nonce : Number(await this.rpc.getTransactionCount(signer.address, 'pending'));
    const raw = await signer.signContractCall({ chainId: BigInt(network.chainId), nonce, to: network.easAddress, data, gasLimit, ...decision.fees });
    const tx: Omit<TransactionRow, 'created_at' | 'rejected'> = {
      tx_hash: keccak256(raw),
      network: network.name,
      seq: row.seq,
      nonce,
      max_fee_per_gas: decision.fees.maxFeePerGas.toString(),
      max_priority_fee_per_gas: decision.fees.maxPriorityFeePerGas.toString(),
      gas_limit: gasLimit.toString(),
      raw,
      sent_block: Number(head),
    };
    this.store.recordTransaction(tx, refUid);
    if (network.mode === 'timestamp') this.store.setTimestampUid(network.name, row.seq, pkg.sig.uid.toLowerCase());
    this.state.counters.sent += 1;
    if (open.length > 0) this.state.counters.replaced += 1;
    this.changed([row.seq]);
    await this.broadcast(row, { ...tx, created_at: new Date(this.now()).toISOString(), rejected: null }, true);
    return 'progress';
  }

  /** A stuck transaction: the same call at the same nonce with higher fees. */
  private async replace(row: PublicationRow, signer: ContractCallSigner, current: TransactionRow, open: TransactionRow[], head: bigint): Promise<StepResult> {
    const { network } = this.deps;
    const fresh = await this.currentFees();
    const decision = replacementFees(highestFees(open.filter((tx) => tx.nonce === current.nonce)), fresh.ok ? fresh.fees : null, this.caps);
    if (!decision.ok) return this.waitWith(row, decision.reason);
    const parsed = Transaction.from(current.raw);
    const raw = await signer.signContractCall({ chainId: BigInt(network.chainId), nonce: current.nonce, to: parsed.to!, data: parsed.data, gasLimit: parsed.gasLimit, ...decision.fees });
    const tx: Omit<TransactionRow, 'created_at' | 'rejected'> = {
      tx_hash: keccak256(raw),
      network: network.name,
      seq: row.seq,
      nonce: current.nonce,
      max_fee_per_gas: decision.fees.maxFeePerGas.toString(),
      max_priority_fee_per_gas: decision.fees.maxPriorityFeePerGas.toString(),
      gas_limit: parsed.gasLimit.toString(),
      raw,
      sent_block: Number(head),
    };
    this.store.recordTransaction(tx, row.ref_uid);
    this.state.counters.replaced += 1;
    this.deps.logger.info({ network: network.name, seq: row.seq, nonce: current.nonce, replaces: current.tx_hash, tx: tx.tx_hash }, 'chain publication: stuck transaction replaced with higher fees');
    this.changed([row.seq]);
    await this.broadcast(row, { ...tx, created_at: new Date(this.now()).toISOString(), rejected: null }, true);
    return 'progress';
  }

  /**
   * eth_sendRawTransaction and what its answer means. A lost answer (timeout, garbage, the node
   * gone) leaves the transaction recorded as sent: whether it arrived is found out next time.
   * Only a first broadcast that the node refuses marks the transaction dead: one accepted
   * before may still sit in other nodes' pools, so its nonce stays reserved for this report.
   */
  private async broadcast(row: PublicationRow, tx: TransactionRow, first: boolean): Promise<void> {
    const { network } = this.deps;
    try {
      await this.rpc.sendRawTransaction(tx.raw);
      return;
    } catch (error) {
      if (!(error instanceof RpcError) || error.kind !== 'rpc') throw error;
      if (ALREADY_KNOWN.test(error.message)) return;
      if (first) this.store.markRejected(tx.tx_hash, error.message);
      if (UNDERPRICED.test(error.message)) {
        // Another transaction holds this nonce in the pool with higher fees: beat it next time.
        this.feeFloor.set(row.seq, { maxFeePerGas: BigInt(tx.max_fee_per_gas), maxPriorityFeePerGas: BigInt(tx.max_priority_fee_per_gas) });
        this.store.requeue(network.name, row.seq, `the node refused the transaction as underpriced; raising the fees`, { needsCheck: true });
      } else if (NONCE_TOO_LOW.test(error.message)) {
        this.store.requeue(network.name, row.seq, `nonce ${tx.nonce} is already used; searching the chain before sending again`, { needsCheck: true });
      } else if (NO_FUNDS.test(error.message)) {
        this.failLater(row, `the signer ${this.state.signer ?? ''} has too little ETH for gas: fund it`, true);
      } else {
        this.failLater(row, `the node refused the transaction: ${error.message}`, true);
      }
      this.changed([row.seq]);
    }
  }

  /** What an estimate's revert means: already done (adopt it), a missing refUID (a reorg), or a real failure. */
  private async onWouldRevert(row: PublicationRow, error: RpcError, refUid: string | null): Promise<StepResult> {
    const { network } = this.deps;
    const reason = revertReason(error.data);
    if (reason === 'AlreadyTimestamped' && row.needs_check === 0) {
      this.store.requeue(network.name, row.seq, 'already timestamped on chain; looking for the transaction', { needsCheck: true });
      return 'progress';
    }
    if (reason === 'NotFound' && refUid && refUid !== ZERO_BYTES32) {
      const previous = await readAttestation(this.rpc, network.easAddress, refUid);
      if (BigInt(previous.uid) === 0n) {
        const seqs = this.store.reorged(network.name, row.seq - 1, `report ${row.seq - 1}'s attestation ${refUid.slice(0, 10)}… is no longer on chain`);
        this.state.counters.reorgs += 1;
        this.changed(seqs);
        return 'progress';
      }
    }
    this.failLater(row, `EAS would revert${reason ? ` (${reason})` : `: ${error.message}`}`, true);
    return 'idle';
  }

  private failLater(row: PublicationRow, reason: string, failed = false): void {
    const { network } = this.deps;
    const delay = backoffMs(Math.max(1, row.attempts), network.retryMinSeconds * 1000, network.retryMaxSeconds * 1000);
    this.store.requeue(network.name, row.seq, reason, { needsCheck: row.needs_check === 1 || row.attempts > 0, state: failed ? 'failed' : 'queued', nextTryAt: this.now() + delay });
    this.changed([row.seq]);
  }

  private async currentFees(): Promise<ReturnType<typeof freshFees>> {
    const block = await this.rpc.getBlock('latest');
    const baseFee = block?.baseFeePerGas;
    if (baseFee === undefined) return { ok: false, reason: 'the chain reports no EIP-1559 base fee' };
    this.state.lastBaseFee = baseFee;
    let tip: bigint;
    try {
      tip = await this.rpc.maxPriorityFeePerGas();
    } catch (error) {
      if (!(error instanceof RpcError) || error.kind !== 'rpc') throw error;
      tip = 1_000_000_000n; // a node without eth_maxPriorityFeePerGas: 1 gwei, within the cap
    }
    return freshFees(baseFee, tip, this.caps);
  }

  /**
   * Is this report already on chain (sent by an earlier run, a transaction whose answer was lost,
   * or mined again after a reorg)? attest: our Attested events since the previous report's
   * block, decoded; timestamp: EAS's own record of the offchain UID. Found: adopted, never re-sent.
   */
  private async searchChain(row: PublicationRow, signer: ContractCallSigner, refUid: string | null, head: bigint): Promise<boolean> {
    const { network } = this.deps;
    const txs = this.store.transactions(network.name, row.seq);
    const clear = () => this.deps.db.prepare('UPDATE chain_publications SET needs_check = 0 WHERE network = ? AND seq = ?').run(network.name, row.seq);
    if (txs.length === 0) {
      clear(); // nothing was ever signed for it: nothing can be on chain
      return false;
    }
    const margin = BigInt(network.reorgDepth);
    const earliest = BigInt(Math.min(...txs.map((tx) => tx.sent_block)));
    const fromBlock = earliest > margin ? earliest - margin : 0n;
    if (network.mode === 'timestamp') {
      const uid = this.signedPackage(row.seq).sig.uid.toLowerCase();
      if ((await readTimestamp(this.rpc, network.easAddress, uid)) === 0n) {
        clear();
        return false;
      }
      const log = await findTimestampLog(this.rpc, { easAddress: network.easAddress, uid, fromBlock, toBlock: head, chunk: network.logChunkBlocks });
      if (!log) return false; // timestamped, but the event is not visible yet: ask again next pass
      await this.adopt(row, log.transactionHash, log.blockNumber, log.blockHash, uid, null, head);
      return true;
    }
    const previous = row.seq > 1 ? this.store.get(network.name, row.seq - 1) : undefined;
    const since = previous?.block_number ? BigInt(previous.block_number) : 0n;
    const found = (await findReportAttestations(this.rpc, { easAddress: network.easAddress, schemaUid: network.schemaUid, attester: signer.address, fromBlock: since > fromBlock ? since : fromBlock, toBlock: head, chunk: network.logChunkBlocks })).filter(
      (entry) => entry.seq === BigInt(row.seq),
    );
    if (found.length === 0) {
      clear();
      return false;
    }
    const match = found.find((entry) => entry.attestation.refUID === refUid);
    if (!match) {
      this.store.requeue(network.name, row.seq, `report ${row.seq} is attested on chain (${found[0]!.uid}) with refUID ${found[0]!.attestation.refUID}, not the previous report's ${refUid}: check \`sietch chain verify\``, { needsCheck: true, state: 'failed', nextTryAt: this.now() + network.retryMaxSeconds * 1000 });
      this.changed([row.seq]);
      return true;
    }
    if (found.length > 1) this.deps.logger.error({ network: network.name, seq: row.seq, uids: found.map((entry) => entry.uid) }, 'chain publication: a report is attested more than once on chain');
    await this.adopt(row, match.txHash, match.blockNumber, match.blockHash, match.uid, refUid, head);
    return true;
  }

  private async adopt(row: PublicationRow, txHash: string, blockNumber: bigint, blockHash: string, uid: string, refUid: string | null, head: bigint): Promise<void> {
    const { network } = this.deps;
    const receipt = await this.rpc.getTransactionReceipt(txHash);
    const nonce = this.store.transactions(network.name, row.seq).find((tx) => tx.tx_hash === txHash)?.nonce ?? null;
    this.store.markMined(network.name, row.seq, { txHash, nonce, blockNumber: Number(blockNumber), blockHash, uid, refUid, gasUsed: receipt?.gasUsed ?? null, gasPrice: receipt?.effectiveGasPrice ?? null });
    this.state.counters.adopted += 1;
    this.deps.logger.info({ network: network.name, seq: row.seq, uid, tx: txHash }, 'chain publication: report found on chain, not sent again');
    if (head - blockNumber + 1n >= BigInt(network.confirmations)) {
      this.store.confirm(network.name, row.seq);
      this.state.counters.confirmed += 1;
    }
    this.changed([row.seq]);
  }
}

function highestFees(txs: TransactionRow[], floor?: Fees): Fees {
  return txs.reduce<Fees>(
    (best, tx) => ({
      maxFeePerGas: BigInt(tx.max_fee_per_gas) > best.maxFeePerGas ? BigInt(tx.max_fee_per_gas) : best.maxFeePerGas,
      maxPriorityFeePerGas: BigInt(tx.max_priority_fee_per_gas) > best.maxPriorityFeePerGas ? BigInt(tx.max_priority_fee_per_gas) : best.maxPriorityFeePerGas,
    }),
    floor ?? { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n },
  );
}

/** Exponential backoff with ±10 % jitter: first, 2×, 4× … up to the longest. */
export function backoffMs(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(base * (0.9 + 0.2 * random()));
}
