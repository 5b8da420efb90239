import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { chainNetworkSchema, DEVNET_NETWORK, type ChainConfig, type ChainNetwork, type ChainNetworkInput } from './chain-config';

/** Where `sietch devnet` keeps its chain (anvil state) and the network profile it wrote. */
export const DEVNET_DIR = 'devnet';
export const DEVNET_PROFILE_FILE = 'network.json';

export class ChainConfigError extends Error {
  override name = 'ChainConfigError';
}

export function devnetProfilePath(dataDir: string): string {
  return join(dataDir, DEVNET_DIR, DEVNET_PROFILE_FILE);
}

/** What `sietch devnet` writes: a network entry plus the EAS version it found deployed. */
const devnetProfileSchema = z.object({ network: z.unknown(), easVersion: z.string(), writtenAt: z.string(), pid: z.number().int().optional() });

export interface DevnetProfile {
  network: ChainNetworkInput;
  easVersion: string;
  writtenAt: string;
  pid?: number;
}

/** Written atomically (temp file + rename): a reader never sees half a profile. */
export function writeDevnetProfile(dataDir: string, profile: DevnetProfile): string {
  const file = devnetProfilePath(dataDir);
  mkdirSync(join(dataDir, DEVNET_DIR), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(profile, null, 2)}\n`);
  renameSync(temp, file);
  return file;
}

export function readDevnetProfile(dataDir: string): { network: ChainNetwork; easVersion: string } | null {
  const file = devnetProfilePath(dataDir);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ChainConfigError(`${file} is not valid JSON (${(error as Error).message}): run \`sietch devnet\` again`);
  }
  const outer = devnetProfileSchema.safeParse(raw);
  const network = outer.success ? chainNetworkSchema.safeParse(outer.data.network) : null;
  if (!outer.success || !network?.success) throw new ChainConfigError(`${file} is not a devnet profile: run \`sietch devnet\` again`);
  return { network: { ...network.data, name: DEVNET_NETWORK }, easVersion: outer.data.easVersion };
}

/**
 * The network reports are published to, or null when none is: the configured `chain.network`,
 * else the devnet's profile when one was written, else none. A network named but not defined is
 * an error that says what to do.
 */
export function activeChainNetwork(chain: ChainConfig, dataDir: string): ChainNetwork | null {
  if (chain.network === 'none') return null;
  if (chain.network !== undefined && chain.network !== DEVNET_NETWORK) {
    const network = chain.networks[chain.network];
    if (!network) throw new ChainConfigError(`chain.network "${chain.network}" is not in chain.networks`);
    return { ...network, name: chain.network };
  }
  const configuredDevnet = chain.networks[DEVNET_NETWORK];
  if (configuredDevnet) return { ...configuredDevnet, name: DEVNET_NETWORK };
  const devnet = readDevnetProfile(dataDir);
  if (!devnet && chain.network === DEVNET_NETWORK) throw new ChainConfigError('chain.network is "devnet" but no devnet profile was written: run `sietch devnet` first');
  return devnet?.network ?? null;
}

/** Every network known to this data directory by name (config plus the devnet profile). */
export function knownChainNetworks(chain: ChainConfig, dataDir: string): ChainNetwork[] {
  const named = Object.entries(chain.networks).map(([name, network]) => ({ ...network, name }));
  if (!(DEVNET_NETWORK in chain.networks)) {
    const devnet = readDevnetProfile(dataDir);
    if (devnet) named.push(devnet.network);
  }
  return named;
}

/** The network a command names (`--network`), or the active one. */
export function pickChainNetwork(chain: ChainConfig, dataDir: string, name: string | undefined): ChainNetwork {
  if (name !== undefined) {
    const found = knownChainNetworks(chain, dataDir).find((network) => network.name === name);
    if (!found) throw new ChainConfigError(`no network "${name}" (known: ${knownChainNetworks(chain, dataDir).map((network) => network.name).join(', ') || 'none'}); add it under chain.networks in config.json${name === DEVNET_NETWORK ? ' or run `sietch devnet`' : ''}`);
    return found;
  }
  const active = activeChainNetwork(chain, dataDir);
  if (!active) throw new ChainConfigError('no chain network is configured: set chain.network in config.json, or run `sietch devnet` for a local one');
  return active;
}
