import type { Wallet } from 'ethers';
import { signReportAttestation, type ReportAttestationOptions, type ReportSigner } from '../attestation/report/offchain-attestation';
import type { EpochReport } from '../attestation/report/report';
import { SignerLockedError } from './errors';

/** The unlocked operator key as the rest of the node sees it: an address and signReport. */
export type OperatorSigner = ReportSigner;

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
  });
  return {
    signer,
    drop: () => {
      unlocked = null;
    },
  };
}
