import { healthOf } from '../gpu/health';
import type { FleetSourceRead } from './sources/fleet-source';

/**
 * One UUID reported by two hosts (a cloned VM image, a masked id, two sources naming one host
 * differently): the two GPUs must never become one asset that flips between hosts. Within one
 * host the nvidia-smi rules already flag it; across hosts, each copy is flagged `duplicate-uuid`
 * and loses the UUID as its id (it falls back to `gpu:<host id>:<PCI bus id>`), the raw value
 * kept in uuidRaw. Mutates the reads in place, before they are applied.
 */
export function flagFleetDuplicates(reads: FleetSourceRead[]): void {
  const hostsOf = new Map<string, Set<string>>();
  for (const read of reads) {
    for (const host of read.hosts) {
      for (const gpu of host.gpus) {
        if (gpu.uuid === null) continue;
        let hosts = hostsOf.get(gpu.uuid);
        if (!hosts) hostsOf.set(gpu.uuid, (hosts = new Set()));
        hosts.add(host.hostname.toLowerCase());
      }
    }
  }
  for (const read of reads) {
    for (const host of read.hosts) {
      host.gpus = host.gpus.map((gpu) => (gpu.uuid !== null && (hostsOf.get(gpu.uuid)?.size ?? 0) > 1 ? { ...gpu, uuid: null, health: healthOf([...gpu.health.reasons, 'duplicate-uuid']) } : gpu));
    }
  }
}
