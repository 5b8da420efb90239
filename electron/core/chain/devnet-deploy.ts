import { createRequire } from 'node:module';
import { AbiCoder, getAddress, parseEther } from 'ethers';
import { REPORT_SCHEMA, REPORT_SCHEMA_RESOLVER, REPORT_SCHEMA_REVOCABLE, REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';
import { easInterface, schemaRegistryInterface } from './eas-abi';
import type { RpcClient } from './rpc-client';

/** anvil's (and hardhat's) first default account: unlocked on the node, funded with 10,000 ETH. */
export const DEVNET_DEPLOYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

/** The npm package whose compiled artifacts are deployed: the version eas-sdk 2.10 itself uses. */
export const EAS_CONTRACTS_PACKAGE = '@ethereum-attestation-service/eas-contracts';

interface Artifact {
  abi: unknown[];
  bytecode: string;
}

export function loadEasArtifacts(): { schemaRegistry: Artifact; eas: Artifact; version: string } | null {
  const require = createRequire(import.meta.url);
  try {
    const root = `${EAS_CONTRACTS_PACKAGE}/artifacts/contracts`;
    const version = (require(`${EAS_CONTRACTS_PACKAGE}/package.json`) as { version: string }).version;
    return { schemaRegistry: require(`${root}/SchemaRegistry.sol/SchemaRegistry.json`) as Artifact, eas: require(`${root}/EAS.sol/EAS.json`) as Artifact, version };
  } catch {
    return null;
  }
}

interface RawReceipt {
  status: string;
  contractAddress: string | null;
  blockNumber: string;
  transactionHash: string;
}

/** Sends from an account the dev node holds unlocked, and waits for the receipt (automine or block time). */
async function sendFromDevAccount(rpc: RpcClient, tx: { to?: string; data?: string; value?: bigint }, timeoutMs = 30_000): Promise<RawReceipt> {
  const hash = (await rpc.call('eth_sendTransaction', [{ from: DEVNET_DEPLOYER, ...(tx.to ? { to: tx.to } : {}), ...(tx.data ? { data: tx.data } : {}), ...(tx.value !== undefined ? { value: `0x${tx.value.toString(16)}` } : {}) }])) as string;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = (await rpc.call('eth_getTransactionReceipt', [hash])) as RawReceipt | null;
    if (receipt) {
      if (BigInt(receipt.status) !== 1n) throw new Error(`devnet transaction ${hash} reverted`);
      return receipt;
    }
    if (Date.now() > deadline) throw new Error(`devnet transaction ${hash} was not mined within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const hasCode = async (rpc: RpcClient, address: string): Promise<boolean> => (await rpc.getCode(address)) !== '0x';

export interface DevnetContracts {
  chainId: number;
  schemaRegistryAddress: string;
  easAddress: string;
  easVersion: string;
  schemaUid: string;
  /** What this run did: a fresh chain gets everything, a chain loaded from its state file nothing. */
  deployed: boolean;
  registered: boolean;
  schemaRegistrationTx: string | null;
  schemaRegistrationBlock: number | null;
}

/**
 * Deploys the official SchemaRegistry and EAS (eas-contracts' compiled artifacts, as shipped)
 * from the devnet's first account, and registers the report schema. On a fresh chain they land at
 * the `local-devnet` profile's addresses (nonces 0 and 1). Idempotent: contracts and schema
 * already there (a chain reloaded from its state file) are found, not redeployed.
 */
export async function deployDevnetContracts(rpc: RpcClient, known: { schemaRegistryAddress?: string; easAddress?: string } = {}, options: { registerSchema?: boolean } = {}): Promise<DevnetContracts> {
  const artifacts = loadEasArtifacts();
  if (!artifacts) throw new Error(`${EAS_CONTRACTS_PACKAGE} is not installed (a dev dependency): install the dev dependencies to run a devnet`);
  const chainId = Number(await rpc.chainId());
  let deployed = false;
  let registry = known.schemaRegistryAddress;
  let eas = known.easAddress;
  if (!registry || !eas || !(await hasCode(rpc, registry)) || !(await hasCode(rpc, eas))) {
    const registryReceipt = await sendFromDevAccount(rpc, { data: artifacts.schemaRegistry.bytecode });
    registry = getAddress(registryReceipt.contractAddress!);
    const easReceipt = await sendFromDevAccount(rpc, { data: artifacts.eas.bytecode + AbiCoder.defaultAbiCoder().encode(['address'], [registry]).slice(2) });
    eas = getAddress(easReceipt.contractAddress!);
    deployed = true;
  }
  const easVersion = easInterface.decodeFunctionResult('version', await rpc.ethCall({ to: eas, data: easInterface.encodeFunctionData('version') }))[0] as string;
  const existing = schemaRegistryInterface.decodeFunctionResult('getSchema', await rpc.ethCall({ to: registry, data: schemaRegistryInterface.encodeFunctionData('getSchema', [REPORT_SCHEMA_UID]) }))[0] as { uid: string };
  let registered = false;
  let registration: RawReceipt | null = null;
  if (BigInt(existing.uid) === 0n && options.registerSchema !== false) {
    registration = await sendFromDevAccount(rpc, { to: registry, data: schemaRegistryInterface.encodeFunctionData('register', [REPORT_SCHEMA, REPORT_SCHEMA_RESOLVER, REPORT_SCHEMA_REVOCABLE]) });
    registered = true;
  }
  return {
    chainId,
    schemaRegistryAddress: registry,
    easAddress: eas,
    easVersion,
    schemaUid: REPORT_SCHEMA_UID,
    deployed,
    registered,
    schemaRegistrationTx: registration?.transactionHash ?? null,
    schemaRegistrationBlock: registration ? Number(BigInt(registration.blockNumber)) : null,
  };
}

/** Tops the address up to `target` ETH from the devnet's first account (a real transfer, visible on chain). */
export async function fundOnDevnet(rpc: RpcClient, address: string, target = parseEther('100')): Promise<bigint> {
  const balance = await rpc.getBalance(address);
  if (balance >= target / 2n) return 0n;
  const amount = target - balance;
  await sendFromDevAccount(rpc, { to: getAddress(address), value: amount });
  return amount;
}
