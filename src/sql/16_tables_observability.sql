-- Observability: CloudWatch log groups and their daily usage.

CREATE TABLE finsim.log_groups (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  name                      text        NOT NULL,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  retention_days            integer,
  tags                      jsonb       NOT NULL DEFAULT '{}',
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  -- added by finsim
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT log_groups_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT log_groups_name_key UNIQUE (account_id, region, name),
  CONSTRAINT log_groups_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT log_groups_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT log_groups_retention_check CHECK (retention_days BETWEEN 1 AND 3653),
  CONSTRAINT log_groups_tags_check CHECK (jsonb_typeof(tags) = 'object'),
  CONSTRAINT log_groups_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.log_groups IS 'CloudWatch log groups. retention_days NULL means logs are kept forever.';

CREATE TABLE finsim.log_group_usage_daily (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  log_group_id              uuid        NOT NULL,
  date                      date        NOT NULL,
  ingested_gb               numeric     NOT NULL DEFAULT 0,
  stored_gb                 numeric     NOT NULL DEFAULT 0,
  estimated_ingestion_cost  numeric     NOT NULL,
  estimated_storage_cost    numeric     NOT NULL,
  -- added by finsim
  created_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT log_group_usage_daily_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT log_group_usage_daily_day_key UNIQUE (account_id, log_group_id, date),
  CONSTRAINT log_group_usage_daily_group_fkey FOREIGN KEY (account_id, log_group_id)
    REFERENCES finsim.log_groups (account_id, id) ON DELETE CASCADE,
  CONSTRAINT log_group_usage_daily_gb_check CHECK (ingested_gb >= 0 AND ingested_gb < 'Infinity' AND stored_gb >= 0 AND stored_gb < 'Infinity'
    AND estimated_ingestion_cost >= 0 AND estimated_ingestion_cost < 'Infinity' AND estimated_storage_cost >= 0 AND estimated_storage_cost < 'Infinity'),
  CONSTRAINT log_group_usage_daily_date_check CHECK (isfinite(date))
);
COMMENT ON TABLE finsim.log_group_usage_daily IS 'Daily log ingestion and stored volume; costs are that day''s ingestion charge and one day''s share of monthly storage.';
