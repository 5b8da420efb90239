-- 002: GPUs in the asset register — identity columns, health, the cost book, recent readings.

ALTER TABLE assets ADD COLUMN host_id TEXT;             -- the host a GPU sits in
ALTER TABLE assets ADD COLUMN model TEXT;
ALTER TABLE assets ADD COLUMN serial TEXT;
ALTER TABLE assets ADD COLUMN uuid TEXT;
ALTER TABLE assets ADD COLUMN pci_bus_id TEXT;
ALTER TABLE assets ADD COLUMN health_status TEXT NOT NULL DEFAULT 'unknown' CHECK (health_status IN ('ok', 'degraded', 'failing', 'unknown'));
ALTER TABLE assets ADD COLUMN health_reasons TEXT NOT NULL DEFAULT '[]';   -- JSON array of reason codes
ALTER TABLE assets ADD COLUMN missed_sweeps INTEGER NOT NULL DEFAULT 0;   -- consecutive sweeps without it
ALTER TABLE assets ADD COLUMN reading TEXT NOT NULL DEFAULT '{}';         -- JSON: latest utilization, power, MIG devices ...
-- The cost book, edited by hand or imported from CSV; the finance issue values collateral from it.
ALTER TABLE assets ADD COLUMN site TEXT;
ALTER TABLE assets ADD COLUMN rack TEXT;
ALTER TABLE assets ADD COLUMN notes TEXT;
ALTER TABLE assets ADD COLUMN acquisition_cost INTEGER CHECK (acquisition_cost IS NULL OR acquisition_cost >= 0); -- micro-units
ALTER TABLE assets ADD COLUMN acquisition_date TEXT;

CREATE INDEX assets_kind ON assets(kind);
CREATE INDEX assets_host_slot ON assets(host_id, pci_bus_id);

-- Recent readings per asset, for sparklines; pruned to a bounded window on every sweep.
CREATE TABLE asset_samples (
  asset_id             TEXT NOT NULL REFERENCES assets(id),
  at                   TEXT NOT NULL,
  utilization_gpu_pct  REAL,
  power_draw_w         REAL,
  temperature_c        REAL,
  PRIMARY KEY (asset_id, at)
) STRICT, WITHOUT ROWID;
