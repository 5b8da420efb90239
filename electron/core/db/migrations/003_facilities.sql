-- 003: financing facilities — terms (every version kept), the contractual schedule, recorded
-- payments with their allocation, and the revenue reported for revenue-share periods.
-- Money is INTEGER micro-units; rates are exact decimal strings ("12.5" = 12.5 %); dates are
-- calendar days 'YYYY-MM-DD'. Every row written here has its journal entry (docs/finance.md).

CREATE TABLE facilities (
  id             TEXT PRIMARY KEY,              -- fac_<uuid>; the journal entity is facility:<id>
  name           TEXT NOT NULL,
  lender         TEXT NOT NULL,
  notes          TEXT,
  structure      TEXT NOT NULL CHECK (structure IN ('fixed-rate', 'revenue-share')),
  terms_version  INTEGER NOT NULL,              -- the facility_terms row in force
  version        INTEGER NOT NULL DEFAULT 1,    -- bumped by every update (optimistic concurrency)
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  -- Checked at commit: the facility row and its first terms row are written in one transaction.
  FOREIGN KEY (id, terms_version) REFERENCES facility_terms(facility_id, version) DEFERRABLE INITIALLY DEFERRED
) STRICT;

-- Terms, one row per version: an amendment adds a row, it never rewrites one.
CREATE TABLE facility_terms (
  facility_id         TEXT NOT NULL REFERENCES facilities(id),
  version             INTEGER NOT NULL,
  structure           TEXT NOT NULL CHECK (structure IN ('fixed-rate', 'revenue-share')),
  principal           INTEGER NOT NULL CHECK (principal > 0),
  start_date          TEXT NOT NULL,
  grace_days          INTEGER NOT NULL CHECK (grace_days >= 0),
  default_after_days  INTEGER NOT NULL CHECK (default_after_days > grace_days),
  -- fixed rate
  annual_rate_pct     TEXT,
  periods             INTEGER CHECK (periods IS NULL OR periods BETWEEN 1 AND 600),
  frequency           TEXT CHECK (frequency IS NULL OR frequency IN ('monthly', 'quarterly')),
  amortization        TEXT CHECK (amortization IS NULL OR amortization IN ('annuity', 'equal-principal', 'interest-only', 'bullet')),
  balloon             INTEGER CHECK (balloon IS NULL OR (balloon >= 0 AND balloon < principal)),
  first_due_date      TEXT,
  day_count           TEXT CHECK (day_count IS NULL OR day_count IN ('30/360', 'ACT/360', 'ACT/365F', 'ACT/ACT')),
  late_fee_pct        TEXT,
  penalty_apr_pct     TEXT,
  prepayment_fee_pct  TEXT,
  prepayment_mode     TEXT CHECK (prepayment_mode IS NULL OR prepayment_mode IN ('shorten-term', 'reduce-payment')),
  allocation_order    TEXT,                     -- e.g. 'fees,interest,principal'
  -- revenue share
  share_pct           TEXT,
  target_multiple     TEXT,
  tail_share_pct      TEXT,
  minimum_payment     INTEGER CHECK (minimum_payment IS NULL OR minimum_payment >= 0),
  term_months         INTEGER CHECK (term_months IS NULL OR term_months BETWEEN 1 AND 600),
  at_term_cap         TEXT CHECK (at_term_cap IS NULL OR at_term_cap IN ('due', 'forgiven')),
  created_at          TEXT NOT NULL,
  PRIMARY KEY (facility_id, version),
  CHECK (
    (structure = 'fixed-rate' AND annual_rate_pct IS NOT NULL AND periods IS NOT NULL AND frequency IS NOT NULL
       AND amortization IS NOT NULL AND balloon IS NOT NULL AND day_count IS NOT NULL AND late_fee_pct IS NOT NULL
       AND penalty_apr_pct IS NOT NULL AND prepayment_fee_pct IS NOT NULL AND prepayment_mode IS NOT NULL
       AND allocation_order IS NOT NULL AND share_pct IS NULL AND term_months IS NULL)
    OR
    (structure = 'revenue-share' AND share_pct IS NOT NULL AND target_multiple IS NOT NULL AND tail_share_pct IS NOT NULL
       AND minimum_payment IS NOT NULL AND term_months IS NOT NULL AND at_term_cap IS NOT NULL AND annual_rate_pct IS NULL
       AND periods IS NULL)
  )
) STRICT;

-- The contractual schedule of each fixed-rate terms version, as generated (before any payment
-- or prepayment; the current schedule is replayed from it and the payments).
CREATE TABLE facility_installments (
  facility_id    TEXT NOT NULL,
  terms_version  INTEGER NOT NULL,
  n              INTEGER NOT NULL CHECK (n >= 1),
  due_date       TEXT NOT NULL,
  payment        INTEGER NOT NULL,
  interest       INTEGER NOT NULL CHECK (interest >= 0),
  principal      INTEGER NOT NULL,              -- negative when a long period's interest exceeds the level payment
  balance        INTEGER NOT NULL CHECK (balance >= 0),
  PRIMARY KEY (facility_id, terms_version, n),
  FOREIGN KEY (facility_id, terms_version) REFERENCES facility_terms(facility_id, version),
  CHECK (payment = interest + principal)
) STRICT, WITHOUT ROWID;

-- Money received from the borrower, with where it went; the parts always add up to the amount.
CREATE TABLE facility_payments (
  id                INTEGER PRIMARY KEY,
  facility_id       TEXT NOT NULL REFERENCES facilities(id),
  paid_on           TEXT NOT NULL,
  amount            INTEGER NOT NULL CHECK (amount > 0),
  kind              TEXT NOT NULL CHECK (kind IN ('regular', 'prepayment')),
  reference         TEXT,
  note              TEXT,
  to_late_fees      INTEGER NOT NULL CHECK (to_late_fees >= 0),
  to_prepayment_fee INTEGER NOT NULL CHECK (to_prepayment_fee >= 0),
  to_interest       INTEGER NOT NULL CHECK (to_interest >= 0),
  to_principal      INTEGER NOT NULL CHECK (to_principal >= 0),
  to_return         INTEGER NOT NULL CHECK (to_return >= 0),
  to_credit         INTEGER NOT NULL CHECK (to_credit >= 0),
  recorded_at       TEXT NOT NULL,
  journal_seq       INTEGER NOT NULL UNIQUE REFERENCES journal(seq),
  CHECK (to_late_fees + to_prepayment_fee + to_interest + to_principal + to_return + to_credit = amount)
) STRICT;
CREATE INDEX facility_payments_by_facility ON facility_payments(facility_id, paid_on, id);

-- Gross revenue of the financed assets per monthly period of a revenue-share facility.
CREATE TABLE facility_revenue (
  facility_id  TEXT NOT NULL REFERENCES facilities(id),
  period       INTEGER NOT NULL CHECK (period >= 1),
  revenue      INTEGER NOT NULL CHECK (revenue >= 0),
  recorded_at  TEXT NOT NULL,
  PRIMARY KEY (facility_id, period)
) STRICT, WITHOUT ROWID;
