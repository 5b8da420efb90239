import type { DcgmHostRead } from '../dcgm/normalize-dcgm';

// A fleet source: a Prometheus server (HTTP API) or a list of dcgm-exporter /metrics targets.
// Secrets never live in the config or the database: only the paths of files that hold them.

export type FleetSourceKind = 'prometheus' | 'targets';

export interface FleetSourceAuth {
  basicAuth?: { username: string; passwordFile: string } | undefined;
  /** A file holding a bearer token (read at every sweep, so a rotated token is picked up). */
  bearerTokenFile?: string | undefined;
  /** Extra CA certificates (PEM file) for https sources with a private CA. */
  caFile?: string | undefined;
}

export interface FleetSourceSpec extends FleetSourceAuth {
  /** Stable id: `config:<name>` for config.json sources, `src_<uuid>` for those added in Settings. */
  id: string;
  name: string;
  kind: FleetSourceKind;
  /** Prometheus base URL (kind prometheus), e.g. http://prometheus:9090 or a Thanos querier. */
  url?: string | undefined;
  /** dcgm-exporter endpoints (kind targets): `host:port` (→ http://host:port/metrics) or full URLs. */
  targets?: string[] | undefined;
  /** A file of targets (kind targets): Prometheus file_sd JSON, or one target per line. */
  targetsFile?: string | undefined;
  /** The site the hosts of this source are in (Inventory groups by it). */
  site?: string | null | undefined;
  /** Labels that name the host, first match wins (default Hostname, hostname). */
  hostLabels?: string[] | undefined;
  /** PromQL label matchers added to every DCGM query, e.g. `{cluster="par-2"}` (kind prometheus). */
  selector?: string | undefined;
  /** Which `up` series are this source's targets (kind prometheus), default `up{job=~".*dcgm.*"}`. */
  upQuery?: string | undefined;
  origin: 'config' | 'settings';
}

export type TargetState = 'up' | 'timeout' | 'unreachable' | 'http-status' | 'too-large' | 'unparsable' | 'down';

/** One scrape target (kind targets), or one `up` series Prometheus reports (kind prometheus). */
export interface TargetRead {
  target: string;
  state: TargetState;
  message: string | null;
  durationMs: number | null;
  bytes: number | null;
  series: number | null;
  /** The hosts its series named (to know whose GPUs a failed target was carrying). */
  hostnames: string[];
}

export type SourceState = 'ok' | 'partial' | 'down';

export interface FleetSourceRead {
  sourceId: string;
  /** ok: every target answered; partial: some did not; down: the source itself could not be read. */
  state: SourceState;
  /** The source itself could not be read (Prometheus down, an unreadable targets or secret file): nothing is known of its hosts. */
  unreadable: boolean;
  message: string | null;
  hosts: DcgmHostRead[];
  targets: TargetRead[];
  warnings: string[];
  durationMs: number;
  bytes: number;
}

export interface FleetReadOptions {
  timeoutMs: number;
  concurrency: number;
  maxBytes: number;
}
