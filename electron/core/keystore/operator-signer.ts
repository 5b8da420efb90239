import { getAddress, isAddress, type Wallet } from 'ethers';
import { signReportAttestation, type ReportAttestationOptions, type ReportSigner } from '../attestation/report/offchain-attestation';
import type { EpochReport } from '../attestation/report/report';
import { SignerLockedError } from './errors';

/**
 * A zero-value EIP-1559 call to a contract: what publishing a report on chain needs (EAS attest or
 * timestamp, SchemaRegistry register). Nothing else can be signed with the operator key: no value
 * transfer, no contract creation, no arbitrary message.
 */
export interface ContractCallRequest {
  chainId: bigint;
  nonce: number;
  to: string;
  data: string;
  gasLimit: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface ContractCallSigner {
  readonly address: string;
  /** The signed, serialized type-2 transaction (0x…), ready for eth_sendRawTransaction. */
  signContractCall(request: ContractCallRequest): Promise<string>;
}

/** The unlocked operator key as the rest of the node sees it: an address, signReport and signContractCall. */
export type OperatorSigner = ReportSigner & ContractCallSigner;

/**
 * Wraps an unlocked wallet. The wallet lives only in this closure: the returned object has
 * no property, getter or prototype that reaches it, so JSON.stringify, util.inspect, a log
 * line or an IPC reply of the signer shows the address and nothing else. `drop()` forgets
 * the wallet; the signer then refuses to sign (JavaScript cannot wipe the key bytes from
 * memory, but nothing references them any more).
 */
export function lockableSigner(wallet: Wallet): { signer: OperatorSigner; drop: () => void } {
  let unlocked: Wallet | null = wallet;
  const signer: OperatorSigner = Object.freeze({
    address: wallet.address,
    async signReport(report: EpochReport, options: ReportAttestationOptions) {
      if (unlocked === null) throw new SignerLockedError();
      return signReportAttestation(report, options, unlocked);
    },
    async signContractCall(request: ContractCallRequest) {
      if (unlocked === null) throw new SignerLockedError();
      if (!isAddress(request.to) || request.data.length < 10) throw new RangeError('only a call to a contract (an address and calldata) can be signed');
      return unlocked.signTransaction({ type: 2, chainId: request.chainId, nonce: request.nonce, to: getAddress(request.to), data: request.data, value: 0n, gasLimit: request.gasLimit, maxFeePerGas: request.maxFeePerGas, maxPriorityFeePerGas: request.maxPriorityFeePerGas });
    },
  });
  return {
    signer,
    drop: () => {
      unlocked = null;
    },
  };
}
