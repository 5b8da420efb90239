import { Transaction, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { SignerLockedError } from './errors';
import { lockableSigner } from './operator-signer';

const request = { chainId: 31337n, nonce: 7, to: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', data: '0x4d003070' + '00'.repeat(32), gasLimit: 60_000n, maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n };

describe('the operator key signs contract calls, and nothing more', () => {
  it('a zero-value EIP-1559 call from the operator address, exactly as asked', async () => {
    const wallet = Wallet.createRandom();
    const { signer } = lockableSigner(new Wallet(wallet.privateKey));
    const tx = Transaction.from(await signer.signContractCall(request));
    expect(tx).toMatchObject({ type: 2, from: wallet.address, to: request.to, nonce: 7, value: 0n, data: request.data, gasLimit: 60_000n, maxFeePerGas: request.maxFeePerGas, maxPriorityFeePerGas: request.maxPriorityFeePerGas });
    expect(tx.chainId).toBe(31337n);
  });

  it('refuses contract creation and empty calls, and everything once locked', async () => {
    const { signer, drop } = lockableSigner(new Wallet(Wallet.createRandom().privateKey));
    await expect(signer.signContractCall({ ...request, to: '' })).rejects.toThrow(/only a call to a contract/);
    await expect(signer.signContractCall({ ...request, data: '0x' })).rejects.toThrow(/only a call to a contract/);
    drop();
    await expect(signer.signContractCall(request)).rejects.toThrow(SignerLockedError);
    expect(JSON.stringify(signer)).not.toMatch(/privateKey|[0-9a-f]{64}/i);
  });
});
