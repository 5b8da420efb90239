-- 001: the journal primitive and the asset register with the host inventory.

-- Append-only, hash-chained journal: every money event and asset-register change.
-- hash = keccak256(prev_hash || canonical JSON of {seq, at, kind, entity, payload}).
CREATE TABLE journal (
  seq        INTEGER PRIMARY KEY,             -- 1, 2, 3 ... without gaps
  at         TEXT    NOT NULL,                -- ISO-8601 UTC
  kind       TEXT    NOT NULL,                -- e.g. asset.discovered
  entity     TEXT    NOT NULL,                -- what it is about: an asset id, a facility id
  payload    TEXT    NOT NULL,                -- RFC 8785 canonical JSON, exactly as hashed
  prev_hash  TEXT    NOT NULL,
  hash       TEXT    NOT NULL UNIQUE
) STRICT;
CREATE INDEX journal_entity ON journal(entity, seq);

-- The database itself refuses rewrites: history is appended, never edited.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: rows cannot be updated'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only: rows cannot be deleted'); END;

-- The asset register: one row per financed or financeable thing, under a stable id.
CREATE TABLE assets (
  id          TEXT PRIMARY KEY,               -- host:<uuid> | gpu:<uuid> | robot:<maker>:<serial>
  kind        TEXT NOT NULL CHECK (kind IN ('host', 'gpu', 'robot')),
  label       TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'missing', 'retired')),
  identity    TEXT NOT NULL,                  -- JSON: the serials/UUIDs the id was checked against
  first_seen  TEXT NOT NULL,
  last_seen   TEXT NOT NULL
) STRICT;

-- The latest host inventory per host asset (systeminformation, as the contract's HostInventory).
CREATE TABLE host_inventory (
  asset_id      TEXT PRIMARY KEY REFERENCES assets(id),
  collected_at  TEXT NOT NULL,
  data          TEXT NOT NULL
) STRICT;
