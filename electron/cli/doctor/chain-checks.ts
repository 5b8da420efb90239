import { formatEther, getAddress } from 'ethers';
import { REPORT_SCHEMA_UID } from '../../core/attestation/report/eas-schema';
import { NETWORK_PROFILES } from '../../core/attestation/report/network-profiles';
import { activeChainNetwork } from '../../core/chain/active-network';
import type { ChainNetwork } from '../../core/chain/chain-config';
import { easInterface, schemaRegistryInterface } from '../../core/chain/eas-abi';
import { RpcClient, redactRpcUrl } from '../../core/chain/rpc-client';
import type { SietchConfig } from '../../core/config/config';
import { OperatorKeystore } from '../../core/keystore/operator-keystore';
import type { CheckResult } from './check';

const check = (name: string, status: CheckResult['status'], message: string, fix?: string): CheckResult => ({ name, area: 'network', status, message, ...(fix ? { fix } : {}) });

/**
 * The chain checks of `sietch doctor`: the active network resolves, its RPC answers with the
 * configured chain id, EAS and the SchemaRegistry have code at the configured addresses (and EAS
 * points at that registry), the report schema is registered, the operator can pay for gas, and
 * the reports' signing domain names the same chain and EAS contract.
 */
export async function checkChain(config: SietchConfig, dataDir: string, timeoutMs = 5000): Promise<CheckResult[]> {
  let network: ChainNetwork | null;
  try {
    network = activeChainNetwork(config.chain, dataDir);
  } catch (error) {
    return [{ name: 'chain network', area: 'local', status: 'fail', message: (error as Error).message, fix: 'fix chain.network in config.json, or run `sietch devnet`' }];
  }
  if (!network) return [check('chain RPC', 'ok', 'no chain configured (reports are signed and kept locally; `sietch devnet` starts a local one)')];
  const rpc = new RpcClient({ url: network.rpcUrl, timeoutMs });
  const where = `${network.name} (${redactRpcUrl(network.rpcUrl)})`;
  let chainId: bigint;
  try {
    chainId = await rpc.chainId();
  } catch (error) {
    return [check('chain RPC', 'fail', `${where} is unreachable: ${(error as Error).message}`, network.name === 'devnet' ? 'start it with `sietch devnet`' : 'check the URL and the network')];
  }
  if (chainId !== BigInt(network.chainId)) return [check('chain RPC', 'fail', `${where} is chain ${chainId}, but the network says ${network.chainId}`, 'point rpcUrl at the configured chain, or fix chainId')];
  const results: CheckResult[] = [check('chain RPC', 'ok', `${where} answers, chain id ${chainId}, ${network.mode} mode`)];
  try {
    const easCode = await rpc.getCode(network.easAddress);
    const registryCode = await rpc.getCode(network.schemaRegistryAddress);
    if (easCode === '0x') results.push(check('EAS contract', 'fail', `no contract at ${network.easAddress} on chain ${chainId}`, 'fix easAddress (see the EAS deployments for this chain)'));
    else {
      const version = easInterface.decodeFunctionResult('version', await rpc.ethCall({ to: network.easAddress, data: easInterface.encodeFunctionData('version') }))[0] as string;
      const registry = getAddress(easInterface.decodeFunctionResult('getSchemaRegistry', await rpc.ethCall({ to: network.easAddress, data: easInterface.encodeFunctionData('getSchemaRegistry') }))[0] as string);
      results.push(
        registry === network.schemaRegistryAddress
          ? check('EAS contract', 'ok', `EAS ${version} at ${network.easAddress}`)
          : check('EAS contract', 'fail', `EAS at ${network.easAddress} uses the SchemaRegistry ${registry}, not ${network.schemaRegistryAddress}`, 'fix schemaRegistryAddress'),
      );
    }
    if (registryCode === '0x') results.push(check('SchemaRegistry contract', 'fail', `no contract at ${network.schemaRegistryAddress} on chain ${chainId}`, 'fix schemaRegistryAddress'));
    else {
      const record = schemaRegistryInterface.decodeFunctionResult('getSchema', await rpc.ethCall({ to: network.schemaRegistryAddress, data: schemaRegistryInterface.encodeFunctionData('getSchema', [REPORT_SCHEMA_UID]) }))[0] as { uid: string };
      results.push(
        BigInt(record.uid) === 0n
          ? check('report schema', 'warn', `the report schema ${REPORT_SCHEMA_UID.slice(0, 10)}… is not registered on ${network.name}`, `\`sietch chain register-schema --network ${network.name}\``)
          : check('report schema', 'ok', `registered: ${REPORT_SCHEMA_UID}`),
      );
    }
    const operator = new OperatorKeystore({ dataDir }).address();
    if (operator) {
      const balance = await rpc.getBalance(operator);
      results.push(balance === 0n ? check('gas balance', 'warn', `the operator ${operator} has no ETH on ${network.name}: reports cannot be published`, 'send it some ETH for gas') : check('gas balance', 'ok', `${operator} holds ${formatEther(balance)} ETH`));
    }
  } catch (error) {
    results.push(check('chain contracts', 'fail', `${where}: ${(error as Error).message}`));
  }
  // The offchain signature's EIP-712 domain should name the chain the reports are published to.
  const signing = NETWORK_PROFILES.find((profile) => profile.id === config.node.networkProfile);
  if (signing && (signing.chainId !== network.chainId || signing.easAddress !== network.easAddress)) {
    results.push({ name: 'signing domain', area: 'local', status: 'warn', message: `reports are signed for ${signing.id} (chain ${signing.chainId}, EAS ${signing.easAddress}) but published to ${network.name} (chain ${network.chainId}, EAS ${network.easAddress})`, fix: 'set node.networkProfile to the profile of the publication network' });
  }
  return results;
}
