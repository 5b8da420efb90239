-- 005: compact storage for the attestation node (docs/attestation-node.md, "Storage").
-- A tick's samples become one row of fixed-size records, an epoch's leaves one row; assets get a
-- small stable number; a change log tells the node's in-memory register view what to reload.
-- Multi-byte fields are big-endian, so SQL (printf + unhex) and any reader agree without asking
-- the platform's byte order.

-- A stable integer per asset (never reused: assets are never deleted; AUTOINCREMENT guards it).
CREATE TABLE asset_numbers (
  no        INTEGER PRIMARY KEY AUTOINCREMENT,
  asset_id  TEXT NOT NULL UNIQUE REFERENCES assets(id)
) STRICT;
INSERT INTO asset_numbers (asset_id) SELECT id FROM assets ORDER BY first_seen, id;
CREATE TRIGGER asset_numbers_assign AFTER INSERT ON assets BEGIN
  INSERT INTO asset_numbers (asset_id) VALUES (new.id);
END;

-- Every register change the node's in-memory view depends on, by asset: the view reloads just
-- those assets (presence, health, host, status, identity). Old entries are pruned by the roll-up.
CREATE TABLE register_changes (
  version   INTEGER PRIMARY KEY AUTOINCREMENT,
  asset_id  TEXT NOT NULL
) STRICT;
CREATE TRIGGER register_changes_on_insert AFTER INSERT ON assets BEGIN
  INSERT INTO register_changes (asset_id) VALUES (new.id);
END;
CREATE TRIGGER register_changes_on_delete AFTER DELETE ON assets BEGIN
  INSERT INTO register_changes (asset_id) VALUES (old.id);
END;
CREATE TRIGGER register_changes_on_update AFTER UPDATE ON assets
  WHEN old.status IS NOT new.status OR old.health_status IS NOT new.health_status OR old.health_reasons IS NOT new.health_reasons
    OR old.host_id IS NOT new.host_id OR old.kind IS NOT new.kind OR old.identity_hash IS NOT new.identity_hash
    OR old.first_seen IS NOT new.first_seen OR old.id IS NOT new.id
BEGIN
  INSERT INTO register_changes (asset_id) VALUES (new.id);
END;

-- The sources whose read failed at a tick, as JSON {source: state}: a GPU host's asset id (local
-- or fleet) or "robots" (the broker). An asset absent from a failed source is unknown (grace),
-- absent from a source that answered is missing. NULL on ticks of earlier versions: their
-- gpu_state applies to every GPU.
ALTER TABLE sampler_ticks ADD COLUMN failed_sources TEXT;

-- One row per tick: its samples as `count` records of 15 bytes —
-- asset no (u32) | healthy (u8) | health flags (u32) | utilization bps (u16, 0xFFFF: none) | power mW (u32, 0xFFFFFFFF: none).
CREATE TABLE tick_samples (
  at       INTEGER PRIMARY KEY,            -- unix ms: the sampler tick (sampler_ticks.at)
  count    INTEGER NOT NULL,
  records  BLOB    NOT NULL
) STRICT;
INSERT INTO tick_samples (at, count, records)
  SELECT s.at, count(*),
         unhex(group_concat(printf('%08x%02x%08x%04x%08x', n.no, s.healthy, s.health_flags & 4294967295,
                                   coalesce(s.utilization_bps, 65535), coalesce(s.power_mw, 4294967295)), '' ORDER BY n.no))
  FROM samples s JOIN asset_numbers n ON n.asset_id = s.asset_id
  GROUP BY s.at;
DROP TABLE samples;

-- One row per closed epoch: the asset ids (a JSON array, sorted) and `count` records of 151 bytes, in the same order —
-- kind (u8) | observedBps, uptimeBps, meanUtilBps, p95UtilBps (u16 each) | energyWh (u64) | healthFlags (u32) |
-- identityOk (u8) | hwAttested (u8) | identityHash (32) | evidenceHash (32) | revenue (u256) | leaf hash (32).
CREATE TABLE epoch_leaf_sets (
  seq        INTEGER PRIMARY KEY REFERENCES epochs(seq),
  count      INTEGER NOT NULL,
  asset_ids  TEXT    NOT NULL,
  records    BLOB    NOT NULL
) STRICT;
INSERT INTO epoch_leaf_sets (seq, count, asset_ids, records)
  SELECT seq, count(*), json_group_array(asset_id ORDER BY asset_id),
         unhex(group_concat(printf('%02x%04x%04x%04x%04x%016x%08x%02x%02x%s%s%064x%s',
           CASE json_extract(leaf, '$.kind') WHEN 'host' THEN 1 WHEN 'gpu' THEN 2 ELSE 3 END,
           json_extract(leaf, '$.observedBps'), json_extract(leaf, '$.uptimeBps'), json_extract(leaf, '$.meanUtilBps'), json_extract(leaf, '$.p95UtilBps'),
           CAST(json_extract(leaf, '$.energyWh') AS INTEGER), json_extract(leaf, '$.healthFlags'),
           json_extract(leaf, '$.identityOk'), coalesce(json_extract(leaf, '$.hwAttested'), 0),
           substr(json_extract(leaf, '$.identityHash'), 3), substr(coalesce(json_extract(leaf, '$.evidenceHash'), '0x' || printf('%064d', 0)), 3),
           CAST(json_extract(leaf, '$.revenue') AS INTEGER), substr(leaf_hash, 3)), '' ORDER BY asset_id))
  FROM epoch_leaves GROUP BY seq;
DROP TABLE epoch_leaves;
