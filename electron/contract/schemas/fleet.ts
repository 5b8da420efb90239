import { z } from 'zod';
import { isoUtc } from './common';

// Fleet sources (dcgm-exporter targets, Prometheus servers) as the API and config.json describe
// them. Secrets are given as file paths on the Sietch host, never as values.

const secretFiles = {
  /** HTTP basic auth; the password is the first line of passwordFile. */
  basicAuth: z.object({ username: z.string().min(1).max(200), passwordFile: z.string().min(1).max(4096) }).strict().optional(),
  /** A bearer token, the first line of this file (re-read every sweep, so a rotated token is picked up). */
  bearerTokenFile: z.string().min(1).max(4096).optional(),
  /** PEM file of extra CA certificates for https. */
  caFile: z.string().min(1).max(4096).optional(),
};

const common = {
  name: z.string().trim().min(1).max(100),
  site: z.string().trim().max(200).optional(),
  /** Labels that name the host, first match wins (default ["Hostname", "hostname"]). */
  hostLabels: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a Prometheus label name')).min(1).max(10).optional(),
  ...secretFiles,
};

export const prometheusSourceInput = z
  .object({
    kind: z.literal('prometheus'),
    ...common,
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. http://prometheus:9090' }),
    /** PromQL label matchers added to every DCGM query, e.g. {cluster="par-2"}. */
    selector: z.string().regex(/^\{.*\}$/s, 'a PromQL label matcher set such as {cluster="par-2"}').optional(),
    /** The `up` series of this source's dcgm-exporter targets (default up{job=~".*dcgm.*"}). */
    upQuery: z.string().min(1).max(2000).optional(),
  })
  .strict();

export const targetsSourceInput = z
  .object({
    kind: z.literal('targets'),
    ...common,
    /** host:port (→ http://host:port/metrics) or full http(s) URLs. */
    targets: z.array(z.string().trim().min(1).max(2000)).max(100_000).optional(),
    /** Prometheus file_sd JSON, or one target per line. */
    targetsFile: z.string().min(1).max(4096).optional(),
  })
  .strict()
  .refine((source) => (source.targets?.length ?? 0) > 0 || source.targetsFile !== undefined, { message: 'give at least one target or a targets file', path: ['targets'] });

export const fleetSourceInput = z.discriminatedUnion('kind', [prometheusSourceInput, targetsSourceInput]);

export const fleetSourceState = z.enum(['never-read', 'ok', 'partial', 'down']);
export const fleetTargetState = z.enum(['up', 'timeout', 'unreachable', 'http-status', 'too-large', 'unparsable', 'down']);

export const fleetTargetStatus = z.object({
  target: z.string(),
  state: fleetTargetState,
  message: z.string().nullable(),
  durationMs: z.number().nullable(),
  bytes: z.number().nullable(),
  series: z.number().nullable(),
  hostnames: z.array(z.string()),
  /** Failed reads since Sietch started. */
  errors: z.number().int().nonnegative(),
  consecutiveFailures: z.number().int().nonnegative(),
});

export const fleetSourceStatus = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['prometheus', 'targets']),
  /** config: from config.json (edit the file to change it); settings: added in the console. */
  origin: z.enum(['config', 'settings']),
  site: z.string().nullable(),
  /** The Prometheus URL, or how many targets (and the file they come from). */
  endpoint: z.string(),
  state: fleetSourceState,
  message: z.string().nullable(),
  lastReadAt: isoUtc.nullable(),
  durationMs: z.number().nullable(),
  bytes: z.number().nullable(),
  hosts: z.number().int().nonnegative(),
  gpus: z.number().int().nonnegative(),
  /** Failed or partial reads since Sietch started. */
  errors: z.number().int().nonnegative(),
  consecutiveFailures: z.number().int().nonnegative(),
  targets: z.array(fleetTargetStatus),
  warnings: z.array(z.string()),
});

export const fleetSourceTest = z.object({
  state: z.enum(['ok', 'partial', 'down']),
  message: z.string().nullable(),
  hosts: z.number().int().nonnegative(),
  gpus: z.number().int().nonnegative(),
  targetsUp: z.number().int().nonnegative(),
  targets: z.number().int().nonnegative(),
  durationMs: z.number(),
  warnings: z.array(z.string()),
});

export const fleetHost = z.object({
  hostId: z.string(),
  hostname: z.string(),
  sourceId: z.string(),
  /** Null when the source was removed since (its hosts are then counted as missed). */
  sourceName: z.string().nullable(),
  site: z.string().nullable(),
  target: z.string().nullable(),
  lastSeen: isoUtc,
});

export type FleetSourceInput = z.infer<typeof fleetSourceInput>;
export type FleetSourceStatus = z.infer<typeof fleetSourceStatus>;
export type FleetTargetStatus = z.infer<typeof fleetTargetStatus>;
export type FleetSourceTest = z.infer<typeof fleetSourceTest>;
export type FleetHost = z.infer<typeof fleetHost>;
