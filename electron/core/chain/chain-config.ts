import { getAddress, isAddress, parseUnits } from 'ethers';
import { z } from 'zod';
import { REPORT_SCHEMA_UID } from '../attestation/report/eas-schema';

/** The name `sietch devnet` gives the network it writes into the data directory. */
export const DEVNET_NETWORK = 'devnet';

const addressString = z.string().refine((value) => isAddress(value), 'not an address').transform((value) => getAddress(value));
const gwei = z
  .union([z.number().nonnegative(), z.string().regex(/^[0-9]+(\.[0-9]{1,9})?$/, 'a decimal number of gwei')])
  .transform((value) => String(value))
  .refine((value) => {
    try {
      parseUnits(value, 'gwei');
      return true;
    } catch {
      return false;
    }
  }, 'a decimal number of gwei with at most 9 decimals');
const urlTemplate = (placeholder: string) => z.string().url().refine((value) => value.includes(placeholder), `must contain ${placeholder}`);

/**
 * One network reports are published to. Everything the publisher and `sietch doctor` need; the
 * defaults suit a public L1/L2 (a few confirmations, fee caps that stop a fee spike from
 * draining the signer). Fee caps are in gwei, as wallets show them.
 */
export const chainNetworkSchema = z
  .object({
    rpcUrl: z.string().url().refine((value) => /^https?:/.test(value), 'an http(s) URL'),
    chainId: z.number().int().positive(),
    easAddress: addressString,
    schemaRegistryAddress: addressString,
    /** The report schema's UID; it is fixed by the schema (docs/report-format.md), so only that value is accepted. */
    schemaUid: z
      .string()
      .transform((value) => value.toLowerCase())
      .refine((value) => value === REPORT_SCHEMA_UID, `must be the report schema UID ${REPORT_SCHEMA_UID}`)
      .default(REPORT_SCHEMA_UID),
    /** attest: each report as an on-chain attestation chained by refUID; timestamp: only the offchain UID is timestamped. */
    mode: z.enum(['attest', 'timestamp']).default('attest'),
    /** Blocks, counting the one that includes the transaction, before a report counts as published. */
    confirmations: z.number().int().min(1).max(1000).default(3),
    /** How far back (blocks) published reports are re-checked for a reorg. */
    reorgDepth: z.number().int().min(1).max(10_000).default(64),
    maxFeePerGasGwei: gwei.default('100'),
    maxPriorityFeePerGasGwei: gwei.default('2'),
    /** A transaction not mined after this long is replaced with a higher fee (same nonce). */
    stuckAfterSeconds: z.number().min(1).max(86_400).default(180),
    pollSeconds: z.number().min(0.05).max(3600).default(4),
    rpcTimeoutSeconds: z.number().min(0.1).max(300).default(15),
    /** Exponential backoff on RPC errors, from the first to the longest wait. */
    retryMinSeconds: z.number().min(0.01).max(3600).default(2),
    retryMaxSeconds: z.number().min(0.01).max(86_400).default(600),
    /** eth_getLogs range per request when the chain is searched for a report already attested. */
    logChunkBlocks: z.number().int().min(1).max(1_000_000).default(5000),
    /** Links in the console: {tx} and {uid} are replaced. */
    explorerTxUrl: urlTemplate('{tx}').optional(),
    explorerAttestationUrl: urlTemplate('{uid}').optional(),
  })
  .strict()
  .refine((value) => value.retryMaxSeconds >= value.retryMinSeconds, { message: 'retryMaxSeconds must be at least retryMinSeconds', path: ['retryMaxSeconds'] });

export type ChainNetworkConfig = z.output<typeof chainNetworkSchema>;
export type ChainNetworkInput = z.input<typeof chainNetworkSchema>;

const networkName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');

/**
 * The `chain` section of config.json: named networks and the one reports go to. Without
 * `network`, reports go to the devnet when `sietch devnet` has written its profile, else nowhere
 * (they are signed and kept locally). `"network": "none"` turns publication off explicitly.
 */
export const chainConfigSchema = z
  .object({
    network: z.union([networkName, z.literal('none')]).optional(),
    networks: z.record(networkName, chainNetworkSchema).default({}),
  })
  .strict()
  .refine((value) => value.network === undefined || value.network === 'none' || value.network === DEVNET_NETWORK || value.network in value.networks, {
    message: 'names no network in chain.networks',
    path: ['network'],
  });

export type ChainConfig = z.output<typeof chainConfigSchema>;

/** A network with its name, as the publisher, the API and doctor use it. */
export interface ChainNetwork extends ChainNetworkConfig {
  name: string;
}

export function maxFeeCapWei(network: ChainNetworkConfig): bigint {
  return parseUnits(network.maxFeePerGasGwei, 'gwei');
}

export function maxPriorityCapWei(network: ChainNetworkConfig): bigint {
  return parseUnits(network.maxPriorityFeePerGasGwei, 'gwei');
}

export function explorerLink(template: string | undefined, key: '{tx}' | '{uid}', value: string | null): string | null {
  return template && value ? template.replaceAll(key, value) : null;
}
