-- 010: hardware-rooted GPU evidence (docs/gpu-evidence.md). One row per GPU and epoch: the SPDM
-- report the GPU signed for the epoch's nonce, its certificate chain, and the verdict. The chain
-- is the same for every epoch of a GPU, so it is stored once and referenced by its hash.

CREATE TABLE gpu_cert_chains (
  chain_hash  TEXT PRIMARY KEY,                 -- keccak256 of the JSON array of PEMs
  pems        TEXT NOT NULL                     -- JSON array of PEM certificates, leaf first, as given
) STRICT;

CREATE TABLE gpu_evidence (
  epoch_seq        INTEGER NOT NULL,            -- the epoch whose leaf this evidence attests
  asset_id         TEXT    NOT NULL REFERENCES assets(id),
  nonce            TEXT    NOT NULL,            -- keccak256(prev_report_hash ‖ keccak256(asset id))
  prev_report_hash TEXT    NOT NULL,
  collected_at     INTEGER NOT NULL,            -- unix ms
  source           TEXT    NOT NULL,            -- 'command' | 'nvml'
  report           BLOB,                        -- request ‖ response; NULL when collection failed
  chain_hash       TEXT    REFERENCES gpu_cert_chains(chain_hash),
  evidence_hash    TEXT,                        -- keccak256 of the canonical evidence JSON (the leaf's evidenceHash)
  verified         INTEGER NOT NULL CHECK (verified IN (0, 1)),
  failure_check    TEXT,                        -- the first check that failed ('collect' when none could run)
  failure_reason   TEXT,
  checks           TEXT    NOT NULL,            -- JSON: every check with its status
  device           TEXT,                        -- JSON: identity read from the evidence
  PRIMARY KEY (epoch_seq, asset_id),
  CHECK (verified = 0 OR (report IS NOT NULL AND evidence_hash IS NOT NULL AND chain_hash IS NOT NULL))
) STRICT;
CREATE INDEX gpu_evidence_by_asset ON gpu_evidence(asset_id, epoch_seq);
