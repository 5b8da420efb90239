import { getAddress, isAddress } from 'ethers';
import { NETWORK_PROFILES } from '../attestation/report/network-profiles';
import { fail } from './audit-failure';
import type { NetworkJson } from './bundle-format';
import { exactKeys, integer, object, string, type Where } from './json-fields';

/**
 * The network a bundle or proof was signed for. The file names one; a network Sietch knows by
 * id must then have that id's public chain id, EAS address and version (a bundle cannot
 * relabel a devnet as mainnet). The auditor may pin one with --network, which wins.
 */
export function readNetwork(value: unknown, where: Where, path: string): NetworkJson {
  const network = object(value, where, path);
  exactKeys(network, ['id', 'name', 'chainId', 'easAddress', 'easVersion'], where, path);
  const json: NetworkJson = {
    id: string(network.id, where, `${path}.id`),
    name: string(network.name, where, `${path}.name`),
    chainId: integer(network.chainId, where, `${path}.chainId`, Number.MAX_SAFE_INTEGER),
    easAddress: string(network.easAddress, where, `${path}.easAddress`),
    easVersion: string(network.easVersion, where, `${path}.easVersion`),
  };
  if (!isAddress(json.easAddress)) fail({ ...where, field: `${path}.easAddress`, message: `${path}.easAddress is not an address` });
  const known = NETWORK_PROFILES.find((profile) => profile.id === json.id);
  if (known) {
    for (const key of ['chainId', 'easAddress', 'easVersion'] as const) {
      const same = key === 'easAddress' ? getAddress(json.easAddress) === known.easAddress : json[key] === known[key];
      if (!same) fail({ ...where, field: `${path}.${key}`, message: `network "${json.id}" has ${key} ${String(known[key])}, the file says ${String(json[key])}` });
    }
  }
  return json;
}
