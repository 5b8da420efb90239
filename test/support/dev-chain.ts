import { Wallet, parseEther } from 'ethers';
import { afterEach } from 'vitest';
import { findAnvilBinary, freePort, startAnvil, type AnvilProcess } from '../../electron/core/chain/anvil-process';
import { chainNetworkSchema, type ChainNetwork, type ChainNetworkInput } from '../../electron/core/chain/chain-config';
import { deployDevnetContracts, type DevnetContracts } from '../../electron/core/chain/devnet-deploy';
import { RpcClient } from '../../electron/core/chain/rpc-client';

export const ANVIL = findAnvilBinary();

/**
 * A real local EVM (anvil) with the official EAS contracts deployed, for one test. The chain can
 * be killed and restarted from its state file (kill -9 loses what was mined since the last dump,
 * like a node that crashed), snapshotted and reverted (a reorg), and its mining controlled.
 */
export interface DevChain {
  readonly url: string;
  readonly port: number;
  readonly rpc: RpcClient;
  readonly contracts: DevnetContracts;
  network(overrides?: Partial<ChainNetworkInput>, name?: string): ChainNetwork;
  /** A random operator key with 100 ETH. */
  fundedWallet(): Promise<Wallet>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  snapshot(): Promise<string>;
  revert(id: string): Promise<void>;
  mine(blocks?: number): Promise<void>;
  setAutomine(on: boolean): Promise<void>;
  head(): Promise<bigint>;
}

export function useDevChains(): (options?: { stateFile?: string; blockTime?: number; stateIntervalSeconds?: number; registerSchema?: boolean }) => Promise<DevChain> {
  const started: AnvilProcess[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((anvil) => anvil.stop('SIGKILL')));
  });
  return async (options = {}) => {
    if (!ANVIL) throw new Error('anvil is not installed (dev dependency @foundry-rs/anvil)');
    const port = await freePort();
    const launch = async () => {
      const anvil = await startAnvil({ binary: ANVIL, port, blockTime: options.blockTime, stateFile: options.stateFile, stateIntervalSeconds: options.stateIntervalSeconds });
      started.push(anvil);
      return anvil;
    };
    let anvil = await launch();
    const rpc = new RpcClient({ url: anvil.url, timeoutMs: 10_000 });
    const contracts = await deployDevnetContracts(rpc, {}, { registerSchema: options.registerSchema ?? true });
    const chain: DevChain = {
      url: anvil.url,
      port,
      rpc,
      contracts,
      network: (overrides = {}, name = 'devnet') => ({
        ...chainNetworkSchema.parse({
          rpcUrl: anvil.url,
          chainId: contracts.chainId,
          easAddress: contracts.easAddress,
          schemaRegistryAddress: contracts.schemaRegistryAddress,
          confirmations: 1,
          pollSeconds: 0.05,
          retryMinSeconds: 0.05,
          retryMaxSeconds: 0.4,
          rpcTimeoutSeconds: 2,
          stuckAfterSeconds: 30,
          ...overrides,
        }),
        name,
      }),
      async fundedWallet() {
        const wallet = Wallet.createRandom();
        await rpc.call('anvil_setBalance', [wallet.address, `0x${parseEther('100').toString(16)}`]);
        return new Wallet(wallet.privateKey);
      },
      async kill(signal = 'SIGKILL') {
        await anvil.stop(signal);
      },
      async restart() {
        anvil = await launch();
      },
      snapshot: async () => (await rpc.call('evm_snapshot', [])) as string,
      async revert(id) {
        if ((await rpc.call('evm_revert', [id])) !== true) throw new Error(`evm_revert ${id} failed`);
      },
      async mine(blocks = 1) {
        for (let i = 0; i < blocks; i += 1) await rpc.call('evm_mine', []);
      },
      async setAutomine(on) {
        await rpc.call('evm_setAutomine', [on]);
      },
      head: () => rpc.blockNumber(),
    };
    return chain;
  };
}
