-- 007: fleet sources — dcgm-exporter targets and Prometheus servers, and the hosts they report.

-- Sources added in Settings (those in config.json are not stored here). Secrets are never stored:
-- only the paths of the files that hold them (password, bearer token, CA).
CREATE TABLE fleet_sources (
  id          TEXT PRIMARY KEY,                 -- src_<uuid>
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('prometheus', 'targets')),
  spec        TEXT NOT NULL,                    -- JSON: url or targets, site, host labels, selector, secret file paths
  created_at  TEXT NOT NULL
) STRICT;

-- Which source reported each fleet host, under which name and target: a host that stops being
-- reported is found here, so its GPUs are counted as missed (never deleted).
CREATE TABLE fleet_hosts (
  host_id     TEXT PRIMARY KEY REFERENCES assets(id),
  source_id   TEXT NOT NULL,                    -- config:<name> or src_<uuid>; not a foreign key (config sources have no row)
  hostname    TEXT NOT NULL,
  target      TEXT,                             -- the scrape target or Prometheus instance, when known
  site        TEXT,
  last_seen   TEXT NOT NULL
) STRICT;
CREATE INDEX fleet_hosts_source ON fleet_hosts(source_id);

-- Sweeps of thousands of GPUs prune old readings once per sweep: a range on time, not a scan.
CREATE INDEX asset_samples_at ON asset_samples(at);
