import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';
import { activeChainNetwork, ChainConfigError, pickChainNetwork, writeDevnetProfile } from './active-network';
import { chainConfigSchema } from './chain-config';
import { lowBalance } from './chain-service';

const tempDir = useTempDirs();
const sepolia = { rpcUrl: 'https://rpc.example/v1/KEY', chainId: 11155111, easAddress: '0xc2679fbd37d54388ce493f1db75320d236e1815e', schemaRegistryAddress: '0x0a7E2Ff54e76B8E6659aedc9103FB21c038050D0' };
const devnet = { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, easAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', schemaRegistryAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };

describe('chain configuration', () => {
  it('validates networks: addresses checksummed, defaults, the schema UID fixed, fee caps in gwei, URL templates', () => {
    const config = chainConfigSchema.parse({ network: 'sepolia', networks: { sepolia: { ...sepolia, maxFeePerGasGwei: 0.5, explorerTxUrl: 'https://sepolia.etherscan.io/tx/{tx}' } } });
    expect(config.networks.sepolia).toMatchObject({ easAddress: '0xC2679fBD37d54388Ce493F1DB75320D236e1815e', schemaUid: REPORT_SCHEMA_UID, mode: 'attest', confirmations: 3, maxFeePerGasGwei: '0.5', maxPriorityFeePerGasGwei: '2' });
    const bad = (networks: unknown, network?: string) => chainConfigSchema.safeParse({ network, networks }).success;
    expect(bad({ sepolia: { ...sepolia, schemaUid: `0x${'1'.repeat(64)}` } })).toBe(false);
    expect(bad({ sepolia: { ...sepolia, easAddress: '0x1234' } })).toBe(false);
    expect(bad({ sepolia: { ...sepolia, rpcUrl: 'ws://x' } })).toBe(false);
    expect(bad({ sepolia: { ...sepolia, maxFeePerGasGwei: '1.0000000001' } })).toBe(false);
    expect(bad({ sepolia: { ...sepolia, explorerTxUrl: 'https://x/tx/' } })).toBe(false);
    expect(bad({ sepolia }, 'mainnet')).toBe(false);
    expect(bad({ Sepolia: sepolia })).toBe(false);
  });

  it('the active network: configured, else the devnet profile once written, else none; "none" turns it off', () => {
    const dir = tempDir();
    expect(activeChainNetwork(chainConfigSchema.parse({}), dir)).toBeNull();
    expect(() => activeChainNetwork(chainConfigSchema.parse({ network: 'devnet' }), dir)).toThrow(/run `sietch devnet` first/);
    writeDevnetProfile(dir, { network: devnet, easVersion: '1.3.0', writtenAt: new Date().toISOString() });
    expect(activeChainNetwork(chainConfigSchema.parse({}), dir)).toMatchObject({ name: 'devnet', chainId: 31337, confirmations: 3 });
    expect(activeChainNetwork(chainConfigSchema.parse({ network: 'none' }), dir)).toBeNull();
    const withSepolia = chainConfigSchema.parse({ network: 'sepolia', networks: { sepolia } });
    expect(activeChainNetwork(withSepolia, dir)?.name).toBe('sepolia');
    expect(pickChainNetwork(withSepolia, dir, 'devnet').rpcUrl).toBe('http://127.0.0.1:8545');
    expect(() => pickChainNetwork(withSepolia, dir, 'base')).toThrow(ChainConfigError);
  });

  it('warns on the balance when it will not cover a day of reports', () => {
    expect(lowBalance(null, 10n, 24)).toBe(false);
    expect(lowBalance(0n, null, 24)).toBe(true);
    expect(lowBalance(1n, null, 24)).toBe(false);
    expect(lowBalance(239n, 10n, 24)).toBe(true);
    expect(lowBalance(240n, 10n, 24)).toBe(false);
    expect(lowBalance(8_640n, 1n, 8_640)).toBe(false);
  });
});
