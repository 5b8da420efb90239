import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { chainConfigSchema } from '../chain/chain-config';
import { robotsConfigSchema } from '../robots/robots-config';
import { gpuEvidenceConfigSchema } from './gpu-evidence-config';
import { fleetSourceInput } from '../../contract/schemas/fleet';

/**
 * config.json in the data directory. Everything has a default, so a fresh data directory
 * needs no file; an invalid file is refused with the field that is wrong rather than half-read.
 */
export const configSchema = z
  .object({
    server: z.object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(7410) }).strict().default({ host: '127.0.0.1', port: 7410 }),
    inventory: z
      .object({
        hostRefreshSeconds: z.number().int().min(10).default(300),
        gpuRefreshSeconds: z.number().int().min(1).default(30),
        /** Consecutive sweeps without a GPU before it is declared missing. */
        missingAfterSweeps: z.number().int().min(1).max(1000).default(3),
        sampleRetentionHours: z.number().min(1).max(24 * 90).default(24),
        nvidiaSmiTimeoutSeconds: z.number().min(1).max(300).default(10),
      })
      .strict()
      .default({ hostRefreshSeconds: 300, gpuRefreshSeconds: 30, missingAfterSweeps: 3, sampleRetentionHours: 24, nvidiaSmiTimeoutSeconds: 10 }),
    node: z
      .object({
        sampleIntervalSeconds: z.number().min(1).max(3600).default(60),
        epochSeconds: z.number().int().min(10).max(7 * 86_400).default(3600),
        /** How long a GPU whose health is unknown (a hung nvidia-smi) still counts as up. */
        unknownGraceSeconds: z.number().min(0).max(86_400).default(300),
        rawRetentionHours: z.number().min(1).max(24 * 90).default(48),
        rollupRetentionDays: z.number().min(1).max(3650).default(400),
        /** The EAS network the reports are signed for (chain id + EAS contract): see docs/report-format.md. */
        networkProfile: z.string().default('local-devnet'),
        /** Hardware-rooted evidence per GPU and epoch: docs/gpu-evidence.md. */
        gpuEvidence: gpuEvidenceConfigSchema,
      })
      .strict()
      .default({ sampleIntervalSeconds: 60, epochSeconds: 3600, unknownGraceSeconds: 300, rawRetentionHours: 48, rollupRetentionDays: 400, networkProfile: 'local-devnet', gpuEvidence: { source: 'off', timeoutSeconds: 60 } }),
    /** dcgm-exporter targets and Prometheus servers to read: docs/fleet-sources.md. */
    fleet: z
      .object({
        refreshSeconds: z.number().int().min(5).max(3600).default(60),
        /** Per scrape or query, for the whole exchange. */
        timeoutSeconds: z.number().min(1).max(120).default(10),
        /** Scrapes (or queries) in flight at once per source. */
        concurrency: z.number().int().min(1).max(1024).default(64),
        /** A larger answer is refused (a misconfigured target must not fill the memory). */
        maxResponseMiB: z.number().min(1).max(1024).default(64),
        /** How long an XID seen to change counts for health (DCGM's XID field keeps the last code). */
        xidHoldMinutes: z.number().min(1).max(7 * 24 * 60).default(60),
        sources: z
          .array(fleetSourceInput)
          .max(100)
          .default([])
          .refine((sources) => new Set(sources.map((source) => source.name)).size === sources.length, 'source names must be unique'),
      })
      .strict()
      .default({ refreshSeconds: 60, timeoutSeconds: 10, concurrency: 64, maxResponseMiB: 64, xidHoldMinutes: 60, sources: [] }),
    /** The robots' MQTT broker (VDA 5050): docs/configuration.md#robots. */
    robots: robotsConfigSchema,
    /** Where signed reports are published (docs/chain-publication.md). */
    chain: chainConfigSchema.default({ networks: {} }),
    log: z.object({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info') }).strict().default({ level: 'info' }),
  })
  .strict();

export type SietchConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const CONFIG_FILE = 'config.json';

export function loadConfig(dataDir: string): SietchConfig {
  const file = join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return configSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new ConfigError(`${file} is invalid: ${detail}`);
  }
  return parsed.data;
}
