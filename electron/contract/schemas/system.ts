import { z } from 'zod';
import { hash32, isoUtc } from './common';

export const systemInfo = z.object({
  product: z.literal('sietch'),
  version: z.string(),
  mode: z.enum(['desktop', 'headless']),
  simulate: z.boolean(),
  dataDir: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  startedAt: isoUtc,
  journal: z.object({ length: z.number().int().nonnegative(), head: hash32 }),
});

export const heartbeat = z.object({ at: isoUtc });

export type SystemInfo = z.infer<typeof systemInfo>;
