-- 008: on-chain publication of signed reports through EAS (docs/chain-publication.md).
-- One row per report and network; every transaction ever signed for it; the schemas registered.
-- Wei amounts are decimal strings (a fee cap times a gas limit does not fit in 64 bits on every chain).

CREATE TABLE chain_publications (
  network       TEXT    NOT NULL,               -- the name in config (chain.networks) or 'devnet'
  seq           INTEGER NOT NULL REFERENCES report_outbox(seq),
  chain_id      INTEGER NOT NULL,
  eas_address   TEXT    NOT NULL,
  mode          TEXT    NOT NULL CHECK (mode IN ('attest', 'timestamp')),
  state         TEXT    NOT NULL CHECK (state IN ('queued', 'sent', 'confirmed', 'failed')),
  reason        TEXT,                           -- why it failed or waits (shown in the console)
  -- 1: something of ours for this report may be on chain that the row does not record (a reorg, a
  -- nonce used by someone else, an answer lost): the chain is searched before anything is sent.
  needs_check   INTEGER NOT NULL DEFAULT 0 CHECK (needs_check IN (0, 1)),
  tx_hash       TEXT,                           -- the transaction that carries (or last tried to carry) it
  nonce         INTEGER,
  block_number  INTEGER,
  block_hash    TEXT,
  uid           TEXT,                           -- attest: the on-chain attestation UID; timestamp: the offchain UID
  ref_uid       TEXT,                           -- attest: the previous report's on-chain UID (0 for the first)
  gas_used      TEXT,
  gas_price     TEXT,                           -- effective gas price, wei
  fee_wei       TEXT,                           -- gas_used × gas_price
  attempts      INTEGER NOT NULL DEFAULT 0,     -- transactions signed for it (replacements included)
  next_try_at   INTEGER,                        -- unix ms: backoff after a failure
  queued_at     TEXT    NOT NULL,
  sent_at       TEXT,
  confirmed_at  TEXT,
  updated_at    TEXT    NOT NULL,
  PRIMARY KEY (network, seq),
  CHECK (state <> 'confirmed' OR (tx_hash IS NOT NULL AND block_number IS NOT NULL AND block_hash IS NOT NULL AND uid IS NOT NULL))
) STRICT;
CREATE INDEX chain_publications_by_state ON chain_publications(network, state, seq);

-- Every transaction signed for a publication, written BEFORE it is broadcast: after a crash or a
-- lost answer the node knows every hash that might be on chain, and every nonce it used.
CREATE TABLE chain_transactions (
  tx_hash                  TEXT    PRIMARY KEY,
  network                  TEXT    NOT NULL,
  seq                      INTEGER NOT NULL,
  nonce                    INTEGER NOT NULL,
  max_fee_per_gas          TEXT    NOT NULL,
  max_priority_fee_per_gas TEXT    NOT NULL,
  gas_limit                TEXT    NOT NULL,
  raw                      TEXT    NOT NULL,    -- the signed transaction (public once sent), to re-broadcast to a node that lost its pool
  sent_block               INTEGER NOT NULL,    -- the head when it was signed: where a search of the chain may start
  created_at               TEXT    NOT NULL,
  rejected                 TEXT,                -- the node's refusal, when it refused it outright
  FOREIGN KEY (network, seq) REFERENCES chain_publications(network, seq)
) STRICT;
CREATE INDEX chain_transactions_by_publication ON chain_transactions(network, seq, nonce);

-- The report schema as found or registered on each network (`sietch chain register-schema`, `sietch devnet`).
CREATE TABLE chain_schemas (
  network       TEXT    NOT NULL,
  chain_id      INTEGER NOT NULL,
  registry      TEXT    NOT NULL,
  schema_uid    TEXT    NOT NULL,
  how           TEXT    NOT NULL CHECK (how IN ('registered', 'found')),
  tx_hash       TEXT,
  block_number  INTEGER,
  recorded_at   TEXT    NOT NULL,
  PRIMARY KEY (network, schema_uid)
) STRICT;
