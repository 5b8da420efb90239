-- 006: robots (VDA 5050 over MQTT). A robot is an asset (kind 'robot', id robot:<manufacturer>:<serialNumber>);
-- this table holds what its messages say beside the asset row, and the figures that show it earns.

CREATE TABLE robots (
  asset_id            TEXT PRIMARY KEY REFERENCES assets(id),
  manufacturer        TEXT NOT NULL,
  serial_number       TEXT NOT NULL,
  protocol_major      INTEGER NOT NULL CHECK (protocol_major IN (2, 3)),
  interface_name      TEXT NOT NULL,
  protocol_version    TEXT,                         -- from the header of the last valid message
  connection          TEXT CHECK (connection IS NULL OR connection IN ('ONLINE', 'OFFLINE', 'CONNECTION_BROKEN', 'HIBERNATING')),
  online              INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
  first_seen          TEXT,
  last_seen           TEXT,
  last_state_at       TEXT,
  state               TEXT,                         -- JSON: the last state, normalized (v2 names)
  factsheet           TEXT,                         -- JSON: series, class, kinematics, dimensions
  -- The figures (docs/robots.md): accumulated from state messages, never recomputed from scratch.
  observed_ms         INTEGER NOT NULL DEFAULT 0,
  autonomous_ms       INTEGER NOT NULL DEFAULT 0,
  missions_completed  INTEGER NOT NULL DEFAULT 0,
  missions_failed     INTEGER NOT NULL DEFAULT 0,
  distance_m          REAL    NOT NULL DEFAULT 0,
  errors_raised       INTEGER NOT NULL DEFAULT 0,
  interventions       INTEGER NOT NULL DEFAULT 0,
  tracker             TEXT NOT NULL DEFAULT '{}',   -- JSON: what the figures remember between two states
  invalid             TEXT NOT NULL DEFAULT '{}',   -- JSON: invalid messages per reason
  updated_at          TEXT NOT NULL,
  UNIQUE (manufacturer, serial_number)
) STRICT;

-- Battery and activity over time for the robot's timeline; pruned to the configured window.
CREATE TABLE robot_timeline (
  asset_id     TEXT NOT NULL REFERENCES assets(id),
  at           INTEGER NOT NULL,                  -- ms since the epoch, UTC
  battery_pct  REAL,
  activity     TEXT NOT NULL CHECK (activity IN ('offline', 'fault', 'manual', 'charging', 'working', 'idle')),
  PRIMARY KEY (asset_id, at)
) STRICT, WITHOUT ROWID;
