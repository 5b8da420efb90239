-- 004: the attestation node — sampler ticks, raw samples and roll-ups, epochs, leaves, the report outbox.

-- keccak256 of the canonical identity, cached for the leaves; the register clears it when the identity changes.
ALTER TABLE assets ADD COLUMN identity_hash TEXT;

-- One row per sampler tick: proves the node was running and sampling (observedBps), and what the
-- GPU source said (a hung nvidia-smi is a tick without GPU samples, state 'timeout').
CREATE TABLE sampler_ticks (
  at           INTEGER PRIMARY KEY,          -- unix ms
  interval_ms  INTEGER NOT NULL,
  gpu_state    TEXT    NOT NULL
) STRICT;

-- Raw samples, one per asset per tick, kept for a bounded window (node.rawRetentionHours).
-- Keyed by time first: ticks append at the end of the B-tree, and an epoch reads one contiguous range.
CREATE TABLE samples (
  at                INTEGER NOT NULL,        -- unix ms, the tick
  asset_id          TEXT    NOT NULL,
  healthy           INTEGER NOT NULL,        -- 1: present and neither failing nor unknown
  health_flags      INTEGER NOT NULL,        -- HEALTH_FLAG_BITS of the register's reasons at that tick
  utilization_bps   INTEGER,                 -- 0..10000
  power_mw          INTEGER,
  PRIMARY KEY (at, asset_id)
) STRICT, WITHOUT ROWID;

-- Hourly and daily roll-ups of the raw samples, kept for node.rollupRetentionDays.
CREATE TABLE sample_rollups (
  asset_id          TEXT    NOT NULL,
  period            TEXT    NOT NULL CHECK (period IN ('hour', 'day')),
  start_at          INTEGER NOT NULL,
  samples           INTEGER NOT NULL,
  healthy_samples   INTEGER NOT NULL,
  utilization_sum   INTEGER NOT NULL,        -- bps summed over samples with a reading
  utilization_count INTEGER NOT NULL,
  energy_mwh        INTEGER NOT NULL,
  health_flags      INTEGER NOT NULL,
  PRIMARY KEY (asset_id, period, start_at)
) STRICT, WITHOUT ROWID;

-- Closed epochs: a sequence without gaps. The report is signed later, in order, once a key is unlocked.
CREATE TABLE epochs (
  seq              INTEGER PRIMARY KEY,      -- 1, 2, 3 ...
  start_at         INTEGER NOT NULL,         -- unix ms, aligned to UTC multiples of the epoch length
  end_at           INTEGER NOT NULL,
  closed_at        TEXT    NOT NULL,
  observed_bps     INTEGER NOT NULL,
  asset_count      INTEGER NOT NULL,
  merkle_root      TEXT    NOT NULL,
  journal_head     TEXT    NOT NULL,
  revenue          INTEGER NOT NULL,         -- micro-units
  repaid           INTEGER NOT NULL,
  outstanding      INTEGER NOT NULL,
  coverage_bps     INTEGER NOT NULL,
  UNIQUE (start_at)
) STRICT;

CREATE TABLE epoch_leaves (
  seq        INTEGER NOT NULL REFERENCES epochs(seq),
  asset_id   TEXT    NOT NULL,
  leaf       TEXT    NOT NULL,               -- JSON of the leaf input (bigints as decimal strings)
  leaf_hash  TEXT    NOT NULL,
  PRIMARY KEY (seq, asset_id)
) STRICT, WITHOUT ROWID;

-- The report outbox: written in the transaction that closes the epoch ('unsigned'), then signed in
-- order ('signed'), later published. A sequence is signed once: the signed package is kept as is.
CREATE TABLE report_outbox (
  seq            INTEGER PRIMARY KEY REFERENCES epochs(seq),
  status         TEXT NOT NULL CHECK (status IN ('unsigned', 'signed', 'published')),
  report_hash    TEXT,
  attestation    TEXT,                       -- the signed EAS offchain attestation package (JSON)
  signer         TEXT,
  signed_at      TEXT
) STRICT;
