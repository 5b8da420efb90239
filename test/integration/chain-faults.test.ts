import { join } from 'node:path';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { ChainNetwork } from '../../electron/core/chain/chain-config';
import { ChainPublisher } from '../../electron/core/chain/publisher';
import { RpcClient } from '../../electron/core/chain/rpc-client';
import type { Db } from '../../electron/core/db/open';
import { silentLogger } from '../../electron/core/log/logger';
import { expectAttestedExactlyOnce, expectTimestampedExactlyOnce } from '../support/chain-checks';
import { addSignedReports, openDataDirDb, operatorSigner } from '../support/chain-reports';
import { ANVIL, useDevChains, type DevChain } from '../support/dev-chain';
import { useRpcProxies } from '../support/rpc-proxy';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';

// Faults against a real anvil with the official EAS contracts. After each one the issue's
// invariant is read back with eas-sdk: every report published exactly once, in order, the refUID
// chain intact (expectAttestedExactlyOnce also counts every Attested event of the operator).
const tempDir = useTempDirs();
const devChain = useDevChains();
const rpcProxy = useRpcProxies();

const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
const confirmed = (db: Db) => count(db, "SELECT count(*) FROM chain_publications WHERE state = 'confirmed'");
const row = (db: Db, seq: number) => db.prepare('SELECT * FROM chain_publications WHERE seq = ?').get(seq) as { state: string; block_number: number | null; tx_hash: string | null; nonce: number | null; max_fee?: string } | undefined;

function publisherFor(db: Db, network: ChainNetwork, wallet: Wallet, rpc?: RpcClient): ChainPublisher {
  return new ChainPublisher({ db, network, logger: silentLogger, signer: () => operatorSigner(wallet), ...(rpc ? { rpc } : {}) });
}

/** Mines a block every `ms` until stopped: the chain moves on while the test decides when. */
function miner(chain: DevChain, ms = 40): { stop: () => Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      await chain.mine().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/**
 * With mining stopped: the first unconfirmed report's transaction sits in the pool, unmined. Mines
 * single blocks while the publisher still needs them (a report mined but not yet confirmed).
 */
async function nextPendingInPool(chain: DevChain, db: Db): Promise<{ seq: number; txHash: string; nonce: number }> {
  let found: { seq: number; txHash: string; nonce: number } | null = null;
  await until('the next report in the pool', async () => {
    const head = db.prepare("SELECT seq, state, block_number, tx_hash, nonce FROM chain_publications WHERE state <> 'confirmed' ORDER BY seq LIMIT 1").get() as { seq: number; state: string; block_number: number | null; tx_hash: string | null; nonce: number } | undefined;
    if (head?.state === 'sent' && head.block_number === null && head.tx_hash && (await chain.rpc.getTransaction(head.tx_hash)) !== null && (await chain.rpc.getTransactionReceipt(head.tx_hash)) === null) {
      found = { seq: head.seq, txHash: head.tx_hash, nonce: head.nonce };
      return true;
    }
    if (head?.block_number !== null && head?.block_number !== undefined) await chain.mine(1);
    return false;
  });
  return found!;
}

describe.skipIf(!ANVIL)('chain publication under faults (anvil + official EAS contracts)', () => {
  it('the node is killed (-9) mid-run and restarted from its state file; reports signed meanwhile queue and follow in order', async () => {
    const stateFile = join(tempDir(), 'anvil-state.json');
    const chain = await devChain({ stateFile, stateIntervalSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the contracts are in the state file
    const db = openDataDirDb(tempDir());
    const wallet = await chain.fundedWallet();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await addSignedReports(db, wallet, 40);
    const publisher = publisherFor(db, chain.network(), wallet);
    publisher.start();
    await until('10 confirmed', async () => confirmed(db) >= 10);
    await chain.kill('SIGKILL'); // what was mined since the last state dump is lost, like a crash
    await addSignedReports(db, wallet, 10); // the node keeps signing while the RPC is down
    await until('the publisher sees the RPC down', async () => publisher.status().connection === 'unreachable');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await chain.restart();
    await until('50 confirmed', async () => confirmed(db) === 50, 60_000);
    await publisher.stop();
    await expectAttestedExactlyOnce(chain.url, chain.contracts.easAddress, db, 'devnet', wallet.address);
    expect(publisher.status().counters.rpcErrors).toBeGreaterThan(0);
    db.close();
  }, 120_000);

  for (const depth of [0, 2]) {
    it(`a reorg drops a report's block at confirmation depth ${depth}: it is found missing and published again, once`, async () => {
      const chain = await devChain();
      const db = openDataDirDb(tempDir());
      const wallet = await chain.fundedWallet();
      await addSignedReports(db, wallet, 12);
      await chain.setAutomine(false);
      const publisher = publisherFor(db, chain.network({ confirmations: 3 }), wallet);
      publisher.start();
      let mining = miner(chain);
      await until('4 confirmed', async () => confirmed(db) >= 4);
      await mining.stop();
      const { seq: victim } = await nextPendingInPool(chain, db);
      const snapshot = await chain.snapshot();
      await chain.mine(1 + depth); // the victim's block, then `depth` blocks on top of it
      await until(`report ${victim} seen mined`, async () => row(db, victim)?.block_number !== null);
      const minedIn = row(db, victim)!.block_number!;
      if (depth === 2) await until(`report ${victim} confirmed`, async () => row(db, victim)!.state === 'confirmed');
      await chain.revert(snapshot); // the reorg: those blocks are gone, and the transaction with them
      expect(await chain.head()).toBe(BigInt(minedIn - 1));
      mining = miner(chain);
      await until('all 12 confirmed', async () => confirmed(db) === 12, 60_000);
      await mining.stop();
      await publisher.stop();
      expect(publisher.status().counters.reorgs).toBeGreaterThanOrEqual(1);
      await expectAttestedExactlyOnce(chain.url, chain.contracts.easAddress, db, 'devnet', wallet.address);
      db.close();
    }, 120_000);
  }

  it('another sender with the same key takes the nonce of a pending report: searched for, re-sent with the next nonce, once', async () => {
    const chain = await devChain();
    const db = openDataDirDb(tempDir());
    const wallet = await chain.fundedWallet();
    await addSignedReports(db, wallet, 8);
    await chain.setAutomine(false);
    const publisher = publisherFor(db, chain.network(), wallet);
    publisher.start();
    let mining = miner(chain);
    await until('3 confirmed', async () => confirmed(db) >= 3);
    await mining.stop();
    const { seq: victim } = await nextPendingInPool(chain, db);
    const taken = row(db, victim)!;
    // The operator's wallet app sends something else with that nonce, paying more: it replaces ours in the pool and is mined.
    const tx = await wallet.signTransaction({ type: 2, chainId: 31337n, nonce: taken.nonce!, to: wallet.address, value: 0n, gasLimit: 21_000n, maxFeePerGas: 200_000_000_000n, maxPriorityFeePerGas: 50_000_000_000n });
    await chain.rpc.sendRawTransaction(tx);
    await chain.mine(1);
    mining = miner(chain);
    await until('all 8 confirmed', async () => confirmed(db) === 8, 60_000);
    await mining.stop();
    await publisher.stop();
    expect(row(db, victim)!.nonce).toBe(taken.nonce! + 1);
    await expectAttestedExactlyOnce(chain.url, chain.contracts.easAddress, db, 'devnet', wallet.address);
    db.close();
  }, 120_000);

  it('an underpriced replacement is refused by the node, then raised until it wins; a stuck transaction is replaced; once each', async () => {
    const chain = await devChain();
    const db = openDataDirDb(tempDir());
    const wallet = await chain.fundedWallet();
    await addSignedReports(db, wallet, 6);
    await chain.setAutomine(false);
    const publisher = publisherFor(db, chain.network({ stuckAfterSeconds: 1, maxFeePerGasGwei: '500', maxPriorityFeePerGasGwei: '200' }), wallet);
    publisher.start();
    let mining = miner(chain);
    await until('2 confirmed', async () => confirmed(db) >= 2);
    await mining.stop();
    const { seq: victim } = await nextPendingInPool(chain, db);
    const ours = row(db, victim)!;
    // A transaction of the same key at the same nonce with 3× our fees takes our place in the pool:
    // re-broadcasting ours is now an underpriced replacement, which anvil refuses.
    const pending = await chain.rpc.getTransaction(ours.tx_hash!);
    expect(pending).not.toBeNull();
    const fee = BigInt(count(db, 'SELECT max_fee_per_gas FROM chain_transactions WHERE tx_hash = ?', ours.tx_hash));
    const foreign = await wallet.signTransaction({ type: 2, chainId: 31337n, nonce: ours.nonce!, to: wallet.address, value: 0n, gasLimit: 21_000n, maxFeePerGas: fee * 3n, maxPriorityFeePerGas: fee * 3n });
    await chain.rpc.sendRawTransaction(foreign);
    await until('a replacement refused as underpriced', async () => count(db, "SELECT count(*) FROM chain_transactions WHERE seq = ? AND rejected LIKE '%underpriced%'", victim) >= 1);
    await until('our replacement wins the pool', async () => {
      const current = row(db, victim)!;
      return current.state === 'sent' && (await chain.rpc.getTransaction(current.tx_hash!)) !== null && BigInt(count(db, 'SELECT max_fee_per_gas FROM chain_transactions WHERE tx_hash = ?', current.tx_hash)) > fee * 3n;
    });
    // Now leave it unmined past stuckAfterSeconds: it is replaced again with higher fees, same nonce.
    const before = count(db, 'SELECT count(*) FROM chain_transactions WHERE seq = ? AND rejected IS NULL', victim);
    await until('the stuck transaction replaced', async () => count(db, 'SELECT count(*) FROM chain_transactions WHERE seq = ? AND rejected IS NULL', victim) > before, 10_000);
    mining = miner(chain);
    await until('all 6 confirmed', async () => confirmed(db) === 6, 60_000);
    await mining.stop();
    await publisher.stop();
    expect(row(db, victim)!.nonce).toBe(ours.nonce);
    expect(publisher.status().counters.replaced).toBeGreaterThanOrEqual(2);
    await expectAttestedExactlyOnce(chain.url, chain.contracts.easAddress, db, 'devnet', wallet.address);
    db.close();
  }, 120_000);

  for (const mode of ['attest', 'timestamp'] as const) {
    it(`${mode}: an RPC answering garbage, timing out, cutting connections and losing the answers to sent transactions`, async () => {
      const chain = await devChain();
      const proxy = await rpcProxy(chain.url);
      const db = openDataDirDb(tempDir());
      const wallet = await chain.fundedWallet();
      await addSignedReports(db, wallet, 20);
      const network = chain.network({ mode, rpcUrl: proxy.url, rpcTimeoutSeconds: 0.3 });
      proxy.setFaults(0.12, ['html-502', 'not-json', 'wrong-id', 'bad-result', 'hang', 'reset', 'after-hang', 'after-garbage'], mode === 'attest' ? 7 : 8);
      const publisher = publisherFor(db, network, wallet);
      publisher.start();
      await until('20 confirmed', async () => confirmed(db) === 20, 90_000).catch((error: unknown) => {
        console.warn(JSON.stringify(publisher.status(), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)), db.prepare("SELECT seq, state, reason, needs_check, attempts, tx_hash, block_number FROM chain_publications WHERE state <> 'confirmed' LIMIT 3").all(), db.prepare('SELECT tx_hash, seq, nonce, rejected FROM chain_transactions ORDER BY rowid DESC LIMIT 5').all());
        throw error;
      });
      await publisher.stop();
      const faulted = Object.values(proxy.stats.faulted).reduce((sum, n) => sum + n, 0);
      expect(faulted).toBeGreaterThan(10);
      const counters = publisher.rpc.counters;
      expect(counters.garbage + counters.timeout + counters.unreachable).toBeGreaterThan(5);
      if (mode === 'attest') await expectAttestedExactlyOnce(chain.url, chain.contracts.easAddress, db, 'devnet', wallet.address);
      else await expectTimestampedExactlyOnce(chain.url, chain.contracts.easAddress, db, 'devnet');
      db.close();
    }, 150_000);
  }

  it('the RPC is down for a long time: the publisher backs off exponentially, reports queue, then all go out in order', async () => {
    const chain = await devChain();
    const proxy = await rpcProxy(chain.url);
    const db = openDataDirDb(tempDir());
    const wallet = await chain.fundedWallet();
    await addSignedReports(db, wallet, 5);
    const publisher = publisherFor(db, chain.network({ rpcUrl: proxy.url, retryMinSeconds: 0.05, retryMaxSeconds: 0.8 }), wallet);
    publisher.start();
    await until('5 confirmed', async () => confirmed(db) === 5);
    await proxy.down();
    for (let hour = 0; hour < 24; hour += 1) await addSignedReports(db, wallet, 1, 100 + hour);
    // Backoff grows to the cap rather than hammering a dead endpoint.
    const waits: number[] = [];
    const seen = new Set<number>();
    await until('backoff at its cap', async () => {
      const status = publisher.status();
      if (status.nextRetryAt !== null && !seen.has(status.nextRetryAt)) {
        seen.add(status.nextRetryAt);
        waits.push(status.nextRetryAt - Date.now());
      }
      return waits.some((wait) => wait > 500);
    }, 20_000);
    expect(publisher.status().connection).toBe('unreachable');
    expect(count(db, "SELECT count(*) FROM chain_publications WHERE state = 'confirmed'")).toBe(5);
    await proxy.back();
    await until('29 confirmed', async () => confirmed(db) === 29, 60_000);
    await publisher.stop();
    await expectAttestedExactlyOnce(chain.url, chain.contracts.easAddress, db, 'devnet', wallet.address);
    db.close();
  }, 120_000);
});
