import { getAddress, getCreateAddress, Wallet } from 'ethers';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customNetworkProfile, DEFAULT_NETWORK_PROFILE_ID, NETWORK_PROFILES, networkProfile } from './network-profiles';

// The official deployment records ship with eas-contracts (a dependency of eas-sdk).
const require = createRequire(import.meta.url);
const contractsDir = dirname(require.resolve('@ethereum-attestation-service/eas-contracts/package.json', { paths: [dirname(require.resolve('@ethereum-attestation-service/eas-sdk'))] }));
const readme = readFileSync(join(contractsDir, 'README.md'), 'utf8');

/** The "Version x.y.z:" heading above a network's EAS.json line in the eas-contracts README. */
function readmeVersion(deployment: string): string | undefined {
  const lines = readme.split('\n');
  const at = lines.findIndex((line) => line.includes(`(./deployments/${deployment}/EAS.json)`));
  for (let i = at; i >= 0; i -= 1) {
    const match = /^Version ([0-9.]+):/.exec(lines[i]!);
    if (match) return match[1];
  }
  return undefined;
}

describe('network profiles', () => {
  it('match the official EAS deployments: chain id, address and version', () => {
    for (const profile of NETWORK_PROFILES.filter((candidate) => candidate.id !== 'local-devnet')) {
      const deployment = profile.id === 'ethereum' ? 'mainnet' : profile.id;
      const record = JSON.parse(readFileSync(join(contractsDir, 'deployments', deployment, 'EAS.json'), 'utf8'));
      expect(getAddress(record.address), profile.id).toBe(profile.easAddress);
      expect(Number(readFileSync(join(contractsDir, 'deployments', deployment, '.chainId'), 'utf8').trim()), profile.id).toBe(profile.chainId);
      expect(readmeVersion(deployment), profile.id).toBe(profile.easVersion);
    }
  });

  it('local devnet: EAS deployed second by the default anvil/hardhat account', () => {
    const defaultAccount = Wallet.fromPhrase('test test test test test test test test test test test junk').address;
    expect(defaultAccount).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    const devnet = networkProfile('local-devnet');
    expect(devnet.chainId).toBe(31337);
    expect(getCreateAddress({ from: defaultAccount, nonce: 1 })).toBe(devnet.easAddress);
    expect(readFileSync(join(contractsDir, 'contracts', 'EAS.sol'), 'utf8')).toContain('Semver(1, 3, 0)');
    expect(DEFAULT_NETWORK_PROFILE_ID).toBe('local-devnet');
  });

  it('are unique and checksummed', () => {
    expect(new Set(NETWORK_PROFILES.map((profile) => profile.id)).size).toBe(NETWORK_PROFILES.length);
    expect(new Set(NETWORK_PROFILES.map((profile) => profile.chainId)).size).toBe(NETWORK_PROFILES.length);
    for (const profile of NETWORK_PROFILES) expect(getAddress(profile.easAddress)).toBe(profile.easAddress);
  });

  it('refuses unknown ids and bad custom profiles', () => {
    expect(() => networkProfile('moon')).toThrow(/unknown network profile "moon" \(known: local-devnet, ethereum/);
    expect(customNetworkProfile({ chainId: 1337, easAddress: '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512', easVersion: '1.3.0' })).toEqual({ id: 'custom-1337', name: 'Chain 1337', chainId: 1337, easAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', easVersion: '1.3.0' });
    expect(() => customNetworkProfile({ chainId: 0, easAddress: '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512', easVersion: '1.3.0' })).toThrow(/chainId/);
    expect(() => customNetworkProfile({ chainId: 5, easAddress: '0x1234', easVersion: '1.3.0' })).toThrow(/easAddress/);
    expect(() => customNetworkProfile({ chainId: 5, easAddress: '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512', easVersion: 'latest' })).toThrow(/easVersion/);
  });
});
