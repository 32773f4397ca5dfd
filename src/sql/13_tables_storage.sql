-- Storage: EBS volumes and snapshots, S3 buckets and their daily usage.

CREATE TABLE finsim.volumes (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  volume_id                 text        NOT NULL,
  region                    text        NOT NULL DEFAULT 'us-east-1',
  size_gib                  integer     NOT NULL,
  volume_type               text        NOT NULL DEFAULT 'gp3',
  state                     text        NOT NULL DEFAULT 'available',
  attached_instance_id      text,
  monthly_cost              numeric     NOT NULL,
  last_used_at              timestamptz,
  tags                      jsonb       NOT NULL DEFAULT '{}',
  -- added by finsim
  provisioned_iops          integer,
  avg_iops_7d               numeric,
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT volumes_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT volumes_volume_id_key UNIQUE (account_id, volume_id),
  CONSTRAINT volumes_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT volumes_size_check CHECK (size_gib >= 1 AND size_gib <= 65536),
  CONSTRAINT volumes_type_check CHECK (volume_type IN ('gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1')),
  CONSTRAINT volumes_state_check CHECK (state IN ('creating', 'available', 'in-use', 'deleting', 'deleted')),
  CONSTRAINT volumes_cost_check CHECK (monthly_cost >= 0 AND monthly_cost < 'Infinity'),
  CONSTRAINT volumes_iops_check CHECK (provisioned_iops BETWEEN 0 AND 256000 AND avg_iops_7d BETWEEN 0 AND 256000),
  CONSTRAINT volumes_tags_check CHECK (jsonb_typeof(tags) = 'object'),
  CONSTRAINT volumes_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore')),
  CONSTRAINT volumes_times_check CHECK (isfinite(last_used_at))
);
COMMENT ON TABLE finsim.volumes IS 'EBS volumes. attached_instance_id holds the instance''s instance_id (i-…). monthly_cost = size_gib x price of volume_type.';
COMMENT ON COLUMN finsim.volumes.last_used_at IS 'Virtual time of the last I/O.';
COMMENT ON COLUMN finsim.volumes.avg_iops_7d IS '7-day average IOPS; NULL when unknown.';

-- A snapshot retention policy ('daily-N', 'weekly-N', 'monthly-N'; src/core/retention.hpp)
-- as the time a snapshot is kept after its created_at, in hours; NULL when not a policy.
-- The one reading of the policy: the column's CHECK, the drift engine's expiry, the
-- set_snapshot_retention action.
CREATE FUNCTION finsim.snapshot_retention_interval(policy text) RETURNS interval
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE
  AS 'MODULE_PATHNAME', 'finsim_snapshot_retention_interval';
COMMENT ON FUNCTION finsim.snapshot_retention_interval(text) IS
  'How long a snapshot under a retention policy is kept after its created_at: ''daily-N'' (N from 1 to 36500) N days, ''weekly-N'' (1 to 5200) N x 7 days, ''monthly-N'' (1 to 1200) N x 30 days, as 24-hour days (''daily-7'' = 168:00:00); NULL for NULL or any other text. The drift engine deletes a snapshot on the first virtual day when created_at + this interval <= finsim.now(account_id).';

CREATE TABLE finsim.snapshots (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  snapshot_id               text        NOT NULL,
  region                    text        NOT NULL DEFAULT 'us-east-1',
  source_volume_id          text,
  size_gib                  integer     NOT NULL,
  retention_policy          text,
  monthly_cost              numeric     NOT NULL,
  tags                      jsonb       NOT NULL DEFAULT '{}',
  created_at                timestamptz,
  -- added by finsim
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT snapshots_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT snapshots_snapshot_id_key UNIQUE (account_id, snapshot_id),
  CONSTRAINT snapshots_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT snapshots_size_check CHECK (size_gib BETWEEN 0 AND 65536),
  CONSTRAINT snapshots_cost_check CHECK (monthly_cost >= 0 AND monthly_cost < 'Infinity'),
  CONSTRAINT snapshots_tags_check CHECK (jsonb_typeof(tags) = 'object'),
  CONSTRAINT snapshots_retention_check
    CHECK (retention_policy IS NULL OR finsim.snapshot_retention_interval(retention_policy) IS NOT NULL),
  CONSTRAINT snapshots_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore')),
  -- Ages are virtual-clock arithmetic (old_snapshot's evidence, retention policies).
  CONSTRAINT snapshots_times_check CHECK (isfinite(created_at))
);
COMMENT ON TABLE finsim.snapshots IS 'EBS snapshots. source_volume_id holds the volume''s volume_id (vol-…). monthly_cost = size_gib x snapshot price.';
COMMENT ON COLUMN finsim.snapshots.retention_policy IS 'Lifecycle rule: NULL (kept until deleted) or ''daily-N'', ''weekly-N'', ''monthly-N'': kept N, N x 7 or N x 30 virtual days after created_at (finsim.snapshot_retention_interval), then deleted by the drift engine. The daily backup job gives its new snapshots the policy of the volume''s newest snapshot that has one.';
COMMENT ON COLUMN finsim.snapshots.created_at IS 'Virtual creation time of the snapshot (defaults to finsim.now(account_id)); a simulated fact, unlike bookkeeping created_at columns.';

-- The lifecycle days the drift engine and waste detection read: each absent or a whole
-- number of days in 0..36500 (other keys are kept as written).  NULL = no policy.
CREATE FUNCTION finsim._lifecycle_ok(policy jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
AS $$
  SELECT policy IS NULL OR (jsonb_typeof(policy) = 'object' AND NOT EXISTS (
    SELECT 1 FROM unnest(ARRAY['transition_ia_days', 'transition_glacier_days', 'expire_days']) k
     WHERE policy ? k
       AND NOT CASE WHEN jsonb_typeof(policy -> k) <> 'number' THEN false
                    ELSE (policy ->> k)::numeric BETWEEN 0 AND 36500
                         AND (policy ->> k)::numeric = trunc((policy ->> k)::numeric) END))
$$;
COMMENT ON FUNCTION finsim._lifecycle_ok(jsonb) IS
  'Internal: true when a lifecycle_policy is NULL or an object whose transition_ia_days, transition_glacier_days and expire_days are each absent or a whole number of days in 0..36500 (the CHECK of s3_buckets.lifecycle_policy, and set_s3_lifecycle''s validation).';

CREATE TABLE finsim.s3_buckets (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  name                      text        NOT NULL,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  lifecycle_policy          jsonb,
  tags                      jsonb       NOT NULL DEFAULT '{}',
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  -- added by finsim
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT s3_buckets_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT s3_buckets_name_key UNIQUE (account_id, name),
  CONSTRAINT s3_buckets_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT s3_buckets_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT s3_buckets_lifecycle_check CHECK (finsim._lifecycle_ok(lifecycle_policy)),
  CONSTRAINT s3_buckets_tags_check CHECK (jsonb_typeof(tags) = 'object'),
  CONSTRAINT s3_buckets_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.s3_buckets IS 'S3 buckets. lifecycle_policy e.g. {"transition_ia_days":30,"transition_glacier_days":90,"expire_days":365}; NULL means none.';

CREATE TABLE finsim.s3_bucket_usage_daily (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  bucket_id                 uuid        NOT NULL,
  date                      date        NOT NULL,
  storage_gb_standard       numeric     NOT NULL DEFAULT 0,
  storage_gb_ia             numeric     NOT NULL DEFAULT 0,
  storage_gb_glacier        numeric     NOT NULL DEFAULT 0,
  requests_count            bigint      NOT NULL DEFAULT 0,
  estimated_storage_cost    numeric     NOT NULL,
  estimated_request_cost    numeric     NOT NULL,
  -- added by finsim
  created_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT s3_bucket_usage_daily_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT s3_bucket_usage_daily_day_key UNIQUE (account_id, bucket_id, date),
  CONSTRAINT s3_bucket_usage_daily_bucket_fkey FOREIGN KEY (account_id, bucket_id)
    REFERENCES finsim.s3_buckets (account_id, id) ON DELETE CASCADE,
  CONSTRAINT s3_bucket_usage_daily_sizes_check CHECK (storage_gb_standard >= 0 AND storage_gb_standard < 'Infinity' AND storage_gb_ia >= 0 AND storage_gb_ia < 'Infinity'
    AND storage_gb_glacier >= 0 AND storage_gb_glacier < 'Infinity' AND requests_count >= 0
    AND estimated_storage_cost >= 0 AND estimated_request_cost >= 0),
  CONSTRAINT s3_bucket_usage_daily_date_check CHECK (isfinite(date))
);
COMMENT ON TABLE finsim.s3_bucket_usage_daily IS 'Daily S3 storage by tier and requests. estimated_storage_cost is one day''s share of the monthly tier prices.';
