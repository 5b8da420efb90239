-- 009: customers, collateral and the waterfall (docs/customers-collateral.md).
-- Money is INTEGER micro-units; rates and multiples are exact decimal strings; dates are calendar
-- days 'YYYY-MM-DD'. Every row that records money, a valuation or a pledge has its journal entry.
-- Allocations of payments to invoices, aging, coverage and the waterfall are replayed from these
-- rows on read: they are never stored twice.

-- A signed customer contract: a compute lease (GPUs, per GPU-hour or per GPU-month) or a RaaS
-- subscription (robots × a monthly fee). Billed monthly from its start, one invoice per period.
CREATE TABLE customer_contracts (
  id                  TEXT PRIMARY KEY,              -- the operator's reference, e.g. LEASE-2026-014; journal entity contract:<id>
  customer            TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('compute-lease', 'raas-subscription')),
  billing_unit        TEXT NOT NULL CHECK (billing_unit IN ('gpu-hour', 'gpu-month', 'robot-month')),
  unit_price          INTEGER NOT NULL CHECK (unit_price > 0),
  start_date          TEXT NOT NULL,
  term_months         INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 120),
  payment_terms_days  INTEGER NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
  notes               TEXT,
  created_at          TEXT NOT NULL,
  journal_seq         INTEGER NOT NULL REFERENCES journal(seq),
  CHECK ((kind = 'compute-lease' AND billing_unit IN ('gpu-hour', 'gpu-month')) OR (kind = 'raas-subscription' AND billing_unit = 'robot-month'))
) STRICT;
CREATE INDEX customer_contracts_by_customer ON customer_contracts(customer);

-- The assets that serve a contract (its units): GPUs for a lease, robots for a subscription.
CREATE TABLE contract_assets (
  contract_id  TEXT NOT NULL REFERENCES customer_contracts(id),
  asset_id     TEXT NOT NULL REFERENCES assets(id),
  PRIMARY KEY (contract_id, asset_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contract_assets_by_asset ON contract_assets(asset_id);

-- Invoices: generated per billing period (period = n) or imported; issued at the period's end.
CREATE TABLE customer_invoices (
  id            TEXT PRIMARY KEY,
  contract_id   TEXT NOT NULL REFERENCES customer_contracts(id),
  period        INTEGER CHECK (period IS NULL OR period >= 1),
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,                       -- exclusive: the next period's first day
  issue_date    TEXT NOT NULL,
  due_date      TEXT NOT NULL,
  amount        INTEGER NOT NULL CHECK (amount > 0),
  basis         TEXT NOT NULL CHECK (basis IN ('uptime', 'equal')),  -- how its revenue was split across assets
  journal_seq   INTEGER NOT NULL REFERENCES journal(seq),
  CHECK (period_start < period_end AND due_date >= issue_date),
  UNIQUE (contract_id, period)
) STRICT;
CREATE INDEX customer_invoices_by_contract ON customer_invoices(contract_id, issue_date);

-- Each invoice's revenue split across the contract's assets (pro rata by uptime-hours in the
-- period, or equally where the node has none), fixed when the invoice is created and journaled
-- with it. The parts add up to the invoice's amount.
CREATE TABLE invoice_attributions (
  invoice_id  TEXT NOT NULL REFERENCES customer_invoices(id),
  asset_id    TEXT NOT NULL,
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  uptime_ms   INTEGER NOT NULL,
  PRIMARY KEY (invoice_id, asset_id)
) STRICT, WITHOUT ROWID;

-- Money received from a customer. Its allocation to invoices is replayed (oldest due first, or
-- the invoice it names first); what is left is the customer's credit, applied to the next invoices.
CREATE TABLE customer_payments (
  id           INTEGER PRIMARY KEY,
  customer     TEXT NOT NULL,
  received_on  TEXT NOT NULL,
  amount       INTEGER NOT NULL CHECK (amount > 0),
  invoice_id   TEXT REFERENCES customer_invoices(id),
  reference    TEXT,
  journal_seq  INTEGER NOT NULL UNIQUE REFERENCES journal(seq)
) STRICT;
CREATE INDEX customer_payments_by_customer ON customer_payments(customer, received_on, id);

-- Appraisals: each sets an asset's value on a date and how it depreciates from there; the one
-- in force on a day is the latest on or before it. History is kept: a new appraisal adds a row.
CREATE TABLE collateral_appraisals (
  id                INTEGER PRIMARY KEY,
  asset_id          TEXT NOT NULL REFERENCES assets(id),
  appraised_on      TEXT NOT NULL,
  value             INTEGER NOT NULL CHECK (value >= 0 AND value % 10000 = 0),
  method            TEXT NOT NULL CHECK (method IN ('straight-line', 'declining-balance')),
  life_months       INTEGER CHECK (life_months IS NULL OR life_months BETWEEN 1 AND 600),
  residual_value    INTEGER NOT NULL CHECK (residual_value >= 0 AND residual_value <= value AND residual_value % 10000 = 0),
  annual_rate_pct   TEXT,                            -- declining balance: the value falls by rate/12 each month
  advance_rate_pct  TEXT NOT NULL,
  journal_seq       INTEGER NOT NULL UNIQUE REFERENCES journal(seq),
  CHECK ((method = 'straight-line' AND life_months IS NOT NULL) OR (method = 'declining-balance' AND annual_rate_pct IS NOT NULL))
) STRICT;
CREATE INDEX collateral_appraisals_by_asset ON collateral_appraisals(asset_id, appraised_on, id);

-- Pledges: an asset secures at most one facility at a time (released_on closes a pledge).
CREATE TABLE collateral_pledges (
  id                   INTEGER PRIMARY KEY,
  asset_id             TEXT NOT NULL REFERENCES assets(id),
  facility_id          TEXT NOT NULL REFERENCES facilities(id),
  pledged_on           TEXT NOT NULL,
  released_on          TEXT,
  journal_seq          INTEGER NOT NULL REFERENCES journal(seq),
  release_journal_seq  INTEGER REFERENCES journal(seq),
  CHECK (released_on IS NULL OR released_on >= pledged_on)
) STRICT;
CREATE UNIQUE INDEX collateral_pledges_one_open ON collateral_pledges(asset_id) WHERE released_on IS NULL;
CREATE INDEX collateral_pledges_by_facility ON collateral_pledges(facility_id, pledged_on);

-- The minimum-coverage covenant of a facility (a multiple, e.g. "1.3").
CREATE TABLE facility_covenants (
  facility_id   TEXT PRIMARY KEY REFERENCES facilities(id),
  min_coverage  TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  journal_seq   INTEGER NOT NULL REFERENCES journal(seq)
) STRICT;

-- Operating costs entered against a facility's collateral (power, facility, other), dated.
CREATE TABLE operating_costs (
  id           INTEGER PRIMARY KEY,
  facility_id  TEXT NOT NULL REFERENCES facilities(id),
  incurred_on  TEXT NOT NULL,
  category     TEXT NOT NULL CHECK (category IN ('power', 'facility', 'other')),
  amount       INTEGER NOT NULL CHECK (amount >= 0),
  note         TEXT,
  journal_seq  INTEGER NOT NULL UNIQUE REFERENCES journal(seq)
) STRICT;
CREATE INDEX operating_costs_by_facility ON operating_costs(facility_id, incurred_on);

-- The energy tariff (micro-units per kWh) in force from a day: power cost from the node's energy
-- when no power cost was entered for a period.
CREATE TABLE energy_tariffs (
  effective_from  TEXT PRIMARY KEY,
  price_per_kwh   INTEGER NOT NULL CHECK (price_per_kwh >= 0),
  journal_seq     INTEGER NOT NULL REFERENCES journal(seq)
) STRICT;

-- Uptime and energy per asset and UTC day, folded from the attestation node's closed epochs
-- (read through epoch-leaves-store) — a cache: it can be dropped and folded again.
CREATE TABLE asset_day_uptime (
  asset_id   TEXT NOT NULL,
  day        TEXT NOT NULL,
  uptime_ms  INTEGER NOT NULL,
  energy_wh  INTEGER NOT NULL,
  epochs     INTEGER NOT NULL,
  PRIMARY KEY (asset_id, day)
) STRICT, WITHOUT ROWID;
CREATE TABLE asset_uptime_folded (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq  INTEGER NOT NULL
) STRICT;

-- Alerts raised by the covenant and arrears checks (also pushed as events and journaled).
CREATE TABLE finance_alerts (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('coverage-breach', 'coverage-restored', 'collateral-excluded', 'invoice-overdue')),
  subject      TEXT NOT NULL,                        -- facility id, asset id or invoice id
  facility_id  TEXT,
  as_of        TEXT NOT NULL,
  raised_at    TEXT NOT NULL,
  payload      TEXT NOT NULL,                        -- JSON: figures and cures
  journal_seq  INTEGER NOT NULL REFERENCES journal(seq)
) STRICT;
CREATE INDEX finance_alerts_by_subject ON finance_alerts(kind, subject, id);

-- Closed periods (calendar months): what the close found, as journaled.
CREATE TABLE period_closes (
  month        TEXT PRIMARY KEY,                     -- YYYY-MM
  closed_at    TEXT NOT NULL,
  summary      TEXT NOT NULL,
  journal_seq  INTEGER NOT NULL REFERENCES journal(seq)
) STRICT;
