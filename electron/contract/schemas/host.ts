import { z } from 'zod';
import { assetId, isoUtc } from './common';

const text = z.string().nullable();

export const hostDisk = z.object({
  device: text,
  type: text,
  name: text,
  vendor: text,
  serial: text,
  sizeBytes: z.number().nonnegative().nullable(),
  interface: text,
});

export const hostNetworkInterface = z.object({
  iface: z.string(),
  mac: text,
  ip4: text,
  ip6: text,
  speedMbps: z.number().nullable(),
  internal: z.boolean(),
  virtual: z.boolean(),
});

/** One host as systeminformation sees it; strings the firmware leaves blank become null. */
export const hostInventory = z.object({
  assetId,
  /** Which identifier the asset id was derived from, so an auditor knows how strong it is. */
  idSource: z.enum(['system-uuid', 'baseboard-serial', 'machine-id']),
  hostname: z.string(),
  collectedAt: isoUtc,
  system: z.object({ manufacturer: text, model: text, serial: text, uuid: text, sku: text, virtual: z.boolean() }),
  baseboard: z.object({ manufacturer: text, model: text, serial: text, assetTag: text }),
  cpu: z.object({
    manufacturer: text,
    brand: text,
    cores: z.number().int().nonnegative(),
    physicalCores: z.number().int().nonnegative(),
    sockets: z.number().int().nonnegative(),
    speedGHz: z.number().nullable(),
  }),
  memory: z.object({ totalBytes: z.number().nonnegative() }),
  disks: z.array(hostDisk),
  network: z.array(hostNetworkInterface),
  os: z.object({ platform: z.string(), distro: text, release: text, kernel: text, arch: z.string(), machineId: text }),
});

export type HostInventory = z.infer<typeof hostInventory>;
