-- Core structure: accounts and their API keys.

-- Names people read: not blank, no control or invisible characters (core/names.hpp).
CREATE FUNCTION finsim._name_ok(name text) RETURNS boolean
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_name_ok';
COMMENT ON FUNCTION finsim._name_ok(text) IS
  'Internal: true when a name people read is not blank (also of Unicode spaces) and holds no control character (U+0001-U+001F, U+007F-U+009F) and no invisible formatting character (zero-width, bidirectional controls, BOM, ...); the CHECK of cloud_accounts.name and api_clients.name.';

CREATE TABLE finsim.cloud_accounts (
  id                         uuid        NOT NULL DEFAULT gen_random_uuid(),
  name                       text        NOT NULL,
  provider                   text        NOT NULL DEFAULT 'aws-fake',
  freeze_optimizations_until timestamptz,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  -- added by finsim
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  virtual_time               timestamptz NOT NULL DEFAULT date_trunc('day', now(), 'UTC'),
  seed                       bigint      NOT NULL DEFAULT 1,
  resources_requested        integer     NOT NULL DEFAULT 0,
  start_date                 date,
  baseline_run_rate          numeric,
  baseline_at                timestamptz,
  ticks                      integer     NOT NULL DEFAULT 0,
  CONSTRAINT cloud_accounts_pkey PRIMARY KEY (id),
  -- Not blank, no control characters (U+0001-U+001F, U+007F-U+009F; src/core/names.hpp).
  CONSTRAINT cloud_accounts_name_check CHECK (finsim._name_ok(name)),
  CONSTRAINT cloud_accounts_resources_check CHECK (resources_requested >= 0),
  -- ticks: at most the days from 1900-01-01 to 9000-01-01 (virtual_time's range), so
  -- ticks + 1 cannot overflow; start_date: finite, within virtual_time's range.
  CONSTRAINT cloud_accounts_ticks_check CHECK (ticks BETWEEN 0 AND 2593222),
  CONSTRAINT cloud_accounts_start_date_check
    CHECK (start_date >= '1900-01-01' AND start_date < '9000-01-01'),
  CONSTRAINT cloud_accounts_baseline_check CHECK (baseline_run_rate >= 0 AND baseline_run_rate < 'Infinity'),
  CONSTRAINT cloud_accounts_virtual_time_check
    CHECK (virtual_time >= '1900-01-01 00:00+00' AND virtual_time < '9000-01-01 00:00+00')
);
COMMENT ON TABLE finsim.cloud_accounts IS
  'AWS Account: the top-level unit that owns every resource. virtual_time is the account''s clock (finsim.now), advanced one day per drift tick.';
COMMENT ON COLUMN finsim.cloud_accounts.freeze_optimizations_until IS 'Agent actions are refused until this virtual time.';
COMMENT ON COLUMN finsim.cloud_accounts.virtual_time IS 'The account''s virtual clock; read it with finsim.now(account_id).';
COMMENT ON COLUMN finsim.cloud_accounts.seed IS 'Seed of the generator and of the drift engine.';
COMMENT ON COLUMN finsim.cloud_accounts.baseline_run_rate IS 'Monthly run-rate when the first agent action happened (scorecard baseline).';

-- Account names and access key ids are unique across accounts, so their unique indexes
-- cannot lead with the tenant key.  They are on lower(col COLLATE "C") rather than on the
-- column: texteq is leakproof, so an agent's `WHERE access_key_id = 'X'` could be run as an
-- index condition on a plain-column index BEFORE row-level security filters the row out,
-- and EXPLAIN (ANALYZE)'s "Rows Removed by Filter" would tell that another tenant's key (or
-- account name) exists.  lower() is not leakproof: an agent's condition on it stays above
-- the policy's filter.  finsim's own lookups (SECURITY DEFINER or admin) use the index with
-- `lower(col COLLATE "C") = lower($1 COLLATE "C") AND col = $1`.  COLLATE "C" folds ASCII
-- letters only, the same in every database collation (a dump restores into any database).
-- Consequence: names and key ids are unique ignoring ASCII case.  test/25_index_probe_test.sql
CREATE UNIQUE INDEX cloud_accounts_name_key ON finsim.cloud_accounts (lower(name COLLATE "C"));

CREATE TABLE finsim.api_clients (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  name                      text        NOT NULL,
  access_key_id             text        NOT NULL,
  secret_key_hash           text        NOT NULL,
  scopes                    jsonb       NOT NULL DEFAULT '["read:*"]',
  last_used_at              timestamptz,
  -- added by finsim
  revoked_at                timestamptz,
  issued_at                 timestamptz NOT NULL,  -- finsim._before_write: finsim.now(account_id) when left out
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT api_clients_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT api_clients_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  -- As account names: not blank, no control characters.  Not unique (see README, API keys).
  CONSTRAINT api_clients_name_check CHECK (finsim._name_ok(name)),
  CONSTRAINT api_clients_scopes_check CHECK (jsonb_typeof(scopes) = 'array'),
  CONSTRAINT api_clients_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.api_clients IS
  'IAM access keys: an agent logs in with access_key_id and its secret (stored only as a salted PBKDF2 hash).';
COMMENT ON COLUMN finsim.api_clients.scopes IS 'JSON array of scopes: read:*, act:*, act:<table>.';
COMMENT ON COLUMN finsim.api_clients.last_used_at IS 'Virtual time of the last successful login; NULL: never used.';
COMMENT ON COLUMN finsim.api_clients.issued_at IS
  'Virtual time the key was issued: finsim.now(account_id) when create_api_client made it (an INSERT that leaves it out gets the same from the _before_write trigger). api_key_unused ages a never-used key from it.';
-- Globally unique, on a non-leakproof expression: see cloud_accounts_name_key above.
CREATE UNIQUE INDEX api_clients_access_key_id_key ON finsim.api_clients (lower(access_key_id COLLATE "C"));

-- No planner statistics for key ids and account names, nor for their index expressions.
-- The planner estimates a leakproof condition (text <, =, …) from a column's statistics
-- even under row-level security, and EXPLAIN shows the estimate: a histogram of every
-- account's key ids could be read back by bisecting `access_key_id < 'X'`.  Their lookups
-- are by unique index, whose estimate needs no statistics.
ALTER TABLE finsim.api_clients ALTER COLUMN access_key_id SET STATISTICS 0;
ALTER INDEX finsim.api_clients_access_key_id_key ALTER COLUMN 1 SET STATISTICS 0;
ALTER TABLE finsim.cloud_accounts ALTER COLUMN name SET STATISTICS 0;
ALTER INDEX finsim.cloud_accounts_name_key ALTER COLUMN 1 SET STATISTICS 0;
