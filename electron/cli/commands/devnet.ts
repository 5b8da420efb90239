import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatEther } from 'ethers';
import { DEVNET_DIR, readDevnetProfile, writeDevnetProfile } from '../../core/chain/active-network';
import { findAnvilBinary, freePort, startAnvil, type AnvilProcess } from '../../core/chain/anvil-process';
import { DEVNET_NETWORK } from '../../core/chain/chain-config';
import { deployDevnetContracts, EAS_CONTRACTS_PACKAGE, fundOnDevnet, loadEasArtifacts } from '../../core/chain/devnet-deploy';
import { PublicationStore } from '../../core/chain/publication-store';
import { RpcClient } from '../../core/chain/rpc-client';
import { DATABASE_FILE } from '../../core/core';
import { openDatabase } from '../../core/db/open';
import { OperatorKeystore } from '../../core/keystore/operator-keystore';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { printJson, printLine } from '../output';

export interface DevnetOptions {
  port?: string;
  blockTime?: string;
  confirmations?: string;
  fresh?: boolean;
}

const STATE_FILE = 'anvil-state.json';
/** How often the chain is written to its state file: a crash loses at most this much. */
const STATE_INTERVAL_SECONDS = 5;
const KEY_WATCH_MS = 2000;

function number(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) throw new CliError(`${flag} must be a number ≥ ${min}, not "${value}"`, EXIT.usage);
  return parsed;
}

/**
 * `sietch devnet`: a local EVM for demos, with nothing to sign up for. Starts anvil (a dev
 * dependency) on 127.0.0.1 with its chain kept in the data directory, deploys the official EAS
 * contracts, registers the report schema, funds the operator key, and writes the `devnet`
 * network profile that `sietch serve` and `sietch node` publish to. Runs until Ctrl+C.
 */
export async function devnetCommand(context: CommandContext, options: DevnetOptions): Promise<void> {
  const binary = findAnvilBinary();
  if (!binary) {
    throw new CliError(
      process.env.SIETCH_ANVIL
        ? `anvil is not installed at SIETCH_ANVIL=${process.env.SIETCH_ANVIL}`
        : 'anvil is not installed: `sietch devnet` needs the dev dependency @foundry-rs/anvil (install the dev dependencies: npm install --include=dev), or point SIETCH_ANVIL at an anvil binary',
      EXIT.usage,
    );
  }
  if (!loadEasArtifacts()) throw new CliError(`${EAS_CONTRACTS_PACKAGE} is not installed: \`sietch devnet\` deploys its compiled contracts (install the dev dependencies: npm install --include=dev)`, EXIT.usage);
  const { dataDir, logger } = context;
  const requested = number('--port', options.port, 8545, 0);
  const blockTime = number('--block-time', options.blockTime, 1, 0.1);
  const confirmations = number('--confirmations', options.confirmations, 2, 1);
  const stateFile = join(dataDir, DEVNET_DIR, STATE_FILE);
  if (options.fresh) rmSync(stateFile, { force: true });
  const port = requested === 0 ? await freePort() : requested;

  let anvil: AnvilProcess;
  try {
    mkdirSync(join(dataDir, DEVNET_DIR), { recursive: true });
    anvil = await startAnvil({ binary, port, blockTime, stateFile, stateIntervalSeconds: STATE_INTERVAL_SECONDS });
  } catch (error) {
    throw new CliError(`cannot start anvil on 127.0.0.1:${port}: ${(error as Error).message} (is the port taken? pass --port 0 for a free one)`, EXIT.usage);
  }
  const rpc = new RpcClient({ url: anvil.url, timeoutMs: 10_000 });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await anvil.stop('SIGTERM'); // anvil writes its state file on the way out
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(EXIT.ok));
  process.on('SIGTERM', () => void stop(EXIT.ok));
  anvil.child.once('exit', (code) => {
    if (stopping) return;
    logger.error({ code }, 'anvil exited');
    process.exit(EXIT.peerUnreachable);
  });

  try {
    const previous = (() => {
      try {
        return readDevnetProfile(dataDir)?.network;
      } catch {
        return undefined;
      }
    })();
    const contracts = await deployDevnetContracts(rpc, previous ? { schemaRegistryAddress: previous.schemaRegistryAddress, easAddress: previous.easAddress } : {});
    const profile = writeDevnetProfile(dataDir, {
      network: { rpcUrl: anvil.url, chainId: contracts.chainId, easAddress: contracts.easAddress, schemaRegistryAddress: contracts.schemaRegistryAddress, mode: 'attest', confirmations, pollSeconds: Math.max(0.5, blockTime / 2), stuckAfterSeconds: 30, retryMinSeconds: 0.5, retryMaxSeconds: 10 },
      easVersion: contracts.easVersion,
      writtenAt: new Date().toISOString(),
      pid: process.pid,
    });
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      new PublicationStore(db).recordSchema({ network: DEVNET_NETWORK, chainId: contracts.chainId, registry: contracts.schemaRegistryAddress, schemaUid: contracts.schemaUid, how: contracts.registered ? 'registered' : 'found', txHash: contracts.schemaRegistrationTx, blockNumber: contracts.schemaRegistrationBlock });
    } finally {
      db.close();
    }
    const keystore = new OperatorKeystore({ dataDir });
    const fund = async (address: string) => {
      const sent = await fundOnDevnet(rpc, address);
      if (sent > 0n) logger.info({ address, eth: formatEther(sent) }, 'devnet: funded the operator key');
      return sent;
    };
    const operator = keystore.address();
    const funded = operator ? await fund(operator) : 0n;
    if (!operator) {
      // Fund the key as soon as one is created (`sietch key create`, or the console).
      const watch = setInterval(() => {
        const address = keystore.address();
        if (!address) return;
        clearInterval(watch);
        void fund(address).catch((error: unknown) => logger.error({ err: (error as Error).message }, 'devnet: funding the operator key failed'));
      }, KEY_WATCH_MS);
      watch.unref();
    }
    const summary = { rpcUrl: anvil.url, chainId: contracts.chainId, easAddress: contracts.easAddress, easVersion: contracts.easVersion, schemaRegistryAddress: contracts.schemaRegistryAddress, schemaUid: contracts.schemaUid, deployed: contracts.deployed, schemaRegistered: contracts.registered, profile, stateFile, operator, fundedWei: funded.toString(), blockTime, confirmations, pid: process.pid };
    if (context.json) printJson(summary);
    else {
      printLine(`Sietch devnet — anvil on ${anvil.url} (chain ${contracts.chainId}, a block every ${blockTime} s), chain kept in ${stateFile}`);
      printLine(`EAS ${contracts.easVersion} ${contracts.deployed ? 'deployed' : 'found'} at ${contracts.easAddress}, SchemaRegistry at ${contracts.schemaRegistryAddress}`);
      printLine(`Report schema ${contracts.schemaUid} ${contracts.registered ? 'registered' : 'already registered'}`);
      printLine(operator ? `Operator ${operator}${funded > 0n ? ` funded with ${formatEther(funded)} ETH` : ' already funded'}` : 'No operator key yet: create one (`sietch key create` or the console) and it is funded within seconds');
      printLine(`Network profile "devnet" written to ${profile}: \`sietch serve --simulate\` publishes to it.`);
      printLine('Stop with Ctrl+C (the chain is saved and reloaded next time; --fresh starts over).');
    }
  } catch (error) {
    await anvil.stop('SIGTERM');
    throw new CliError(`devnet set-up failed: ${(error as Error).message}`, EXIT.peerUnreachable);
  }
}
