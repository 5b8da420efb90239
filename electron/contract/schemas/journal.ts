import { z } from 'zod';
import { hash32, isoUtc } from './common';

export const journalEntry = z.object({
  seq: z.number().int().positive(),
  at: isoUtc,
  kind: z.string(),
  entity: z.string(),
  /** Canonical JSON payload, as hashed (bigints already turned into decimal strings). */
  payload: z.unknown(),
  prevHash: hash32,
  hash: hash32,
});

export const journalVerification = z.object({
  ok: z.boolean(),
  length: z.number().int().nonnegative(),
  head: hash32,
  firstBadSeq: z.number().int().positive().nullable(),
  reason: z.string().nullable(),
});

export type JournalEntry = z.infer<typeof journalEntry>;
export type JournalVerification = z.infer<typeof journalVerification>;
