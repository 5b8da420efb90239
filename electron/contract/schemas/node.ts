import { z } from 'zod';
import { microUnits } from '../money';
import { hash32, isoUtc } from './common';

export const reportStatus = z.enum(['unsigned', 'signed', 'published']);

export const reportSummary = z.object({
  seq: z.number().int().positive(),
  epochStart: isoUtc,
  epochEnd: isoUtc,
  closedAt: isoUtc,
  assetCount: z.number().int().nonnegative(),
  observedBps: z.number().int().min(0).max(10_000),
  merkleRoot: hash32,
  journalHead: hash32,
  status: reportStatus,
  reportHash: hash32.nullable(),
  /** The EAS offchain attestation UID once signed. */
  uid: hash32.nullable(),
  signer: z.string().nullable(),
  signedAt: isoUtc.nullable(),
});

export const nodeStatus = z.object({
  running: z.boolean(),
  simulated: z.boolean(),
  sampleIntervalSeconds: z.number().positive(),
  epochSeconds: z.number().int().positive(),
  network: z.object({ id: z.string(), name: z.string(), chainId: z.number().int().positive(), easAddress: z.string() }),
  /** The unlocked operator key's address; null while no key is unlocked (reports wait, unsigned). */
  signer: z.string().nullable(),
  ticks: z.number().int().nonnegative(),
  lastTickAt: isoUtc.nullable(),
  samplesStored: z.number().int().nonnegative(),
  reports: z.object({ unsigned: z.number().int().nonnegative(), signed: z.number().int().nonnegative(), published: z.number().int().nonnegative() }),
  lastReport: reportSummary.nullable(),
  nextEpochEndsAt: isoUtc.nullable(),
});

export const reportLeaf = z.object({
  assetId: z.string(),
  kind: z.enum(['host', 'gpu', 'robot']),
  observedBps: z.number().int(),
  uptimeBps: z.number().int(),
  meanUtilBps: z.number().int(),
  p95UtilBps: z.number().int(),
  energyWh: z.string().regex(/^\d+$/),
  healthFlags: z.array(z.string()),
  identityOk: z.boolean(),
  revenue: microUnits,
  /** The GPU gave verified hardware-rooted evidence for this epoch (docs/gpu-evidence.md). */
  hwAttested: z.boolean(),
  /** keccak256 of that evidence; bytes32(0) without it. */
  evidenceHash: hash32,
  leafHash: hash32,
});

export const reportDetail = z.object({ report: reportSummary, leaves: z.array(reportLeaf), attestation: z.unknown().nullable() });

export type NodeStatus = z.infer<typeof nodeStatus>;
export type ReportSummary = z.infer<typeof reportSummary>;
export type ReportDetail = z.infer<typeof reportDetail>;

export const keyStatus = z.object({
  /** absent: no operator key yet; locked: a keystore exists; unlocked: the node can sign. */
  state: z.enum(['absent', 'locked', 'unlocked']),
  address: z.string().nullable(),
  /** True only where an OS keychain encrypts remembered secrets (Electron safeStorage, not plain text). */
  canRemember: z.boolean(),
  /** A passphrase is remembered in that keychain and unlocks the key at start-up. */
  remembered: z.boolean(),
});

/** Passphrases travel only from the console to the core, never back, and are never logged or stored. */
export const passphrase = z.string().min(8, 'the passphrase must have at least 8 characters').max(1024);

export type KeyStatus = z.infer<typeof keyStatus>;
