import { getAddress, isAddress } from 'ethers';

/**
 * Where reports are meant to be checked: the EIP-712 domain of every attestation names the
 * chain id and that chain's EAS contract (and its version string), so a signature made for
 * one network does not verify for another. Chosen once at set-up.
 */
export interface NetworkProfile {
  id: string;
  name: string;
  chainId: number;
  /** Checksummed EAS contract address (the EIP-712 verifyingContract). */
  easAddress: string;
  /** The deployed EAS contract's version(), the EIP-712 domain version. */
  easVersion: string;
}

/**
 * Public profiles: addresses and chain ids from @ethereum-attestation-service/eas-contracts
 * 1.7.1 `deployments/<network>/EAS.json` and `.chainId`, versions from that package's README
 * (network-profiles.test.ts checks all three against the package). Only networks where the
 * EAS deployment is the official one are listed.
 *
 * `local-devnet` is the address EAS gets on a fresh anvil/hardhat chain (31337) when the
 * default account (0xf39F…2266, the "test … junk" mnemonic) deploys SchemaRegistry (nonce 0,
 * 0x5FbD…0aa3) and then EAS (nonce 1) from eas-contracts, whose EAS.sol is version 1.3.0.
 * A devnet deployed otherwise needs a custom profile (customNetworkProfile).
 */
export const NETWORK_PROFILES = [
  { id: 'local-devnet', name: 'Local devnet (anvil/hardhat)', chainId: 31337, easAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', easVersion: '1.3.0' },
  { id: 'ethereum', name: 'Ethereum mainnet', chainId: 1, easAddress: '0xA1207F3BBa224E2c9c3c6D5aF63D0eb1582Ce587', easVersion: '0.26' },
  { id: 'sepolia', name: 'Ethereum Sepolia (testnet)', chainId: 11155111, easAddress: '0xC2679fBD37d54388Ce493F1DB75320D236e1815e', easVersion: '0.26' },
  { id: 'base', name: 'Base', chainId: 8453, easAddress: '0x4200000000000000000000000000000000000021', easVersion: '1.0.1' },
  { id: 'base-sepolia', name: 'Base Sepolia (testnet)', chainId: 84532, easAddress: '0x4200000000000000000000000000000000000021', easVersion: '1.2.0' },
  { id: 'optimism', name: 'OP Mainnet', chainId: 10, easAddress: '0x4200000000000000000000000000000000000021', easVersion: '1.0.1' },
  { id: 'arbitrum-one', name: 'Arbitrum One', chainId: 42161, easAddress: '0xbD75f629A22Dc1ceD33dDA0b68c546A1c035c458', easVersion: '0.26' },
] as const satisfies readonly NetworkProfile[];

export type NetworkProfileId = (typeof NETWORK_PROFILES)[number]['id'];

export const DEFAULT_NETWORK_PROFILE_ID: NetworkProfileId = 'local-devnet';

export function networkProfile(id: string): NetworkProfile {
  const profile = NETWORK_PROFILES.find((candidate) => candidate.id === id);
  if (!profile) throw new RangeError(`unknown network profile "${id}" (known: ${NETWORK_PROFILES.map((candidate) => candidate.id).join(', ')})`);
  return profile;
}

/** A profile for a chain not in the table (another devnet, a private chain); the address is checksummed. */
export function customNetworkProfile(input: { id?: string; name?: string; chainId: number; easAddress: string; easVersion: string }): NetworkProfile {
  if (!Number.isSafeInteger(input.chainId) || input.chainId <= 0) throw new RangeError(`chainId must be a positive integer, got ${input.chainId}`);
  if (!isAddress(input.easAddress)) throw new RangeError(`easAddress is not an address: ${input.easAddress}`);
  if (!/^[0-9]+(\.[0-9]+)*$/.test(input.easVersion)) throw new RangeError(`easVersion must look like 1.3.0, got ${input.easVersion}`);
  return { id: input.id ?? `custom-${input.chainId}`, name: input.name ?? `Chain ${input.chainId}`, chainId: input.chainId, easAddress: getAddress(input.easAddress), easVersion: input.easVersion };
}
