import { keccak256 } from 'ethers';
import { REPORT_SCHEMA, REPORT_SCHEMA_RESOLVER, REPORT_SCHEMA_REVOCABLE, REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';
import type { ContractCallSigner } from '../keystore/operator-signer';
import { maxFeeCapWei, maxPriorityCapWei, type ChainNetwork } from './chain-config';
import { REGISTERED_TOPIC, schemaRegistryInterface } from './eas-abi';
import { freshFees } from './fees';
import type { RpcClient } from './rpc-client';

export interface SchemaRegistration {
  how: 'found' | 'registered';
  schemaUid: string;
  txHash: string | null;
  blockNumber: number | null;
}

export async function isReportSchemaRegistered(rpc: RpcClient, registry: string): Promise<boolean> {
  const result = await rpc.ethCall({ to: registry, data: schemaRegistryInterface.encodeFunctionData('getSchema', [REPORT_SCHEMA_UID]) });
  const [record] = schemaRegistryInterface.decodeFunctionResult('getSchema', result) as unknown as [{ uid: string; schema: string }];
  return BigInt(record.uid) !== 0n;
}

/**
 * Registers the report schema with the network's SchemaRegistry, signed by the operator key —
 * or finds it already there (a schema's UID is fixed by its text, resolver and revocable flag,
 * so anyone's earlier registration of the identical schema is the one to use). Idempotent.
 */
export async function registerReportSchema(rpc: RpcClient, network: ChainNetwork, signer: ContractCallSigner, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<SchemaRegistration> {
  const chainId = await rpc.chainId();
  if (chainId !== BigInt(network.chainId)) throw new Error(`the RPC serves chain ${chainId}, not ${network.chainId}`);
  if ((await rpc.getCode(network.schemaRegistryAddress)) === '0x') throw new Error(`no SchemaRegistry contract at ${network.schemaRegistryAddress} on chain ${chainId}`);
  if (await isReportSchemaRegistered(rpc, network.schemaRegistryAddress)) return { how: 'found', schemaUid: REPORT_SCHEMA_UID, txHash: null, blockNumber: null };
  const data = schemaRegistryInterface.encodeFunctionData('register', [REPORT_SCHEMA, REPORT_SCHEMA_RESOLVER, REPORT_SCHEMA_REVOCABLE]);
  const gas = await rpc.estimateGas({ from: signer.address, to: network.schemaRegistryAddress, data });
  const block = await rpc.getBlock('latest');
  if (block?.baseFeePerGas === undefined) throw new Error('the chain reports no EIP-1559 base fee');
  const fees = freshFees(block.baseFeePerGas, await rpc.maxPriorityFeePerGas(), { maxFeePerGas: maxFeeCapWei(network), maxPriorityFeePerGas: maxPriorityCapWei(network) });
  if (!fees.ok) throw new Error(fees.reason);
  const nonce = Number(await rpc.getTransactionCount(signer.address, 'pending'));
  const raw = await signer.signContractCall({ chainId, nonce, to: network.schemaRegistryAddress, data, gasLimit: (gas * 6n) / 5n, ...fees.fees });
  const txHash = keccak256(raw);
  await rpc.sendRawTransaction(raw);
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    const receipt = await rpc.getTransactionReceipt(txHash);
    if (receipt) {
      if (receipt.status !== 1n) throw new Error(`the registration ${txHash} reverted`);
      const log = receipt.logs.find((entry) => entry.topics[0] === REGISTERED_TOPIC);
      if (log?.topics[1] !== REPORT_SCHEMA_UID) throw new Error(`the registration ${txHash} registered another UID (${log?.topics[1] ?? 'none'})`);
      return { how: 'registered', schemaUid: REPORT_SCHEMA_UID, txHash, blockNumber: Number(receipt.blockNumber) };
    }
    if (Date.now() > deadline) throw new Error(`the registration ${txHash} was not mined in time; run the command again (it finds a registration that went through)`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
}
