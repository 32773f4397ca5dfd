-- Compute: auto scaling groups, instances, Lambda functions.

CREATE TABLE finsim.autoscaling_groups (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  name                      text        NOT NULL,
  min_size                  integer     NOT NULL DEFAULT 0,
  max_size                  integer     NOT NULL DEFAULT 0,
  desired_capacity          integer     NOT NULL DEFAULT 0,
  instance_type             text        NOT NULL,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  current_utilization       numeric     NOT NULL DEFAULT 0,
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  -- added by finsim
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT autoscaling_groups_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT autoscaling_groups_name_key UNIQUE (account_id, name),
  CONSTRAINT autoscaling_groups_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  -- Upper bounds here and below: what the waste queries and the drift engine compute with
  -- (and what the actions cap), README "Bounds".
  CONSTRAINT autoscaling_groups_sizes_check CHECK (min_size >= 0 AND max_size >= min_size
    AND desired_capacity BETWEEN min_size AND max_size AND max_size <= 10000),
  CONSTRAINT autoscaling_groups_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT autoscaling_groups_utilization_check CHECK (current_utilization BETWEEN 0 AND 100),
  CONSTRAINT autoscaling_groups_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.autoscaling_groups IS 'EC2 Auto Scaling Groups; member instances point here with autoscaling_group_id.';

CREATE FUNCTION finsim._schedule_ok(schedule text) RETURNS boolean
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_schedule_ok';
COMMENT ON FUNCTION finsim._schedule_ok(text) IS
  'Internal: true when the text is a schedule finsim bills and simulates: ''weekdays HH-HH'' or ''daily HH-HH'' (00 <= HH1 < HH2 <= 24); the CHECK of instances.schedule.';

CREATE TABLE finsim.instances (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  instance_id               text        NOT NULL,
  name                      text        NOT NULL DEFAULT '',
  instance_type             text        NOT NULL,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  state                     text        NOT NULL DEFAULT 'running',
  autoscaling_group_id      uuid,
  launch_time               timestamptz,
  hourly_cost               numeric     NOT NULL,
  gpu_hourly_cost           numeric     NOT NULL,
  gpu_count                 integer     NOT NULL DEFAULT 0,
  has_gpu                   boolean     NOT NULL DEFAULT false,
  avg_cpu_7d                numeric,
  avg_network_7d            numeric,
  current_cpu               numeric,
  current_memory            numeric,
  last_active_at            timestamptz,
  tags                      jsonb       NOT NULL DEFAULT '{}',
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  -- added by finsim
  schedule                  text,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT instances_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT instances_instance_id_key UNIQUE (account_id, instance_id),
  CONSTRAINT instances_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT instances_asg_fkey FOREIGN KEY (account_id, autoscaling_group_id)
    REFERENCES finsim.autoscaling_groups (account_id, id) ON DELETE SET NULL (autoscaling_group_id),
  CONSTRAINT instances_state_check CHECK (state IN ('running', 'pending', 'stopping', 'stopped', 'terminated')),
  CONSTRAINT instances_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT instances_cost_check CHECK (hourly_cost >= 0 AND hourly_cost < 'Infinity' AND gpu_hourly_cost >= 0 AND gpu_hourly_cost < 'Infinity'),
  CONSTRAINT instances_gpu_check CHECK (gpu_count >= 0),
  CONSTRAINT instances_pct_check CHECK (avg_cpu_7d BETWEEN 0 AND 100 AND current_cpu BETWEEN 0 AND 100
    AND current_memory BETWEEN 0 AND 100),
  CONSTRAINT instances_network_check CHECK (avg_network_7d BETWEEN 0 AND 100000),
  CONSTRAINT instances_tags_check CHECK (jsonb_typeof(tags) = 'object'),
  CONSTRAINT instances_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore')),
  -- Ages are virtual-clock arithmetic (forgotten_preview's evidence): no infinite times.
  CONSTRAINT instances_times_check CHECK (isfinite(launch_time) AND isfinite(last_active_at)),
  -- One grammar for billing (finsim.schedule_fraction), the drift engine's running hours and
  -- schedule_instance.
  CONSTRAINT instances_schedule_check CHECK (schedule IS NULL OR finsim._schedule_ok(schedule))
);
COMMENT ON TABLE finsim.instances IS 'EC2 instances: the largest cost driver. hourly_cost is the on-demand rate of instance_type in region; gpu_hourly_cost the GPU part.';
COMMENT ON COLUMN finsim.instances.launch_time IS 'Virtual time the instance started (defaults to finsim.now(account_id)).';
COMMENT ON COLUMN finsim.instances.avg_network_7d IS '7-day average network throughput, MB/s.';
COMMENT ON COLUMN finsim.instances.schedule IS 'Run schedule set by schedule_instance (e.g. ''weekdays 08-20''); NULL means always on.';

CREATE TABLE finsim.lambda_functions (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  name                      text        NOT NULL,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  memory_mb                 integer     NOT NULL DEFAULT 128,
  timeout_seconds           integer     NOT NULL DEFAULT 30,
  provisioned_concurrency   integer     NOT NULL DEFAULT 0,
  invocations_7d            bigint      NOT NULL DEFAULT 0,
  avg_duration_ms_7d        numeric     NOT NULL DEFAULT 0,
  estimated_monthly_cost    numeric     NOT NULL,
  -- added by finsim
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT lambda_functions_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT lambda_functions_name_key UNIQUE (account_id, region, name),
  CONSTRAINT lambda_functions_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT lambda_functions_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT lambda_functions_memory_check CHECK (memory_mb BETWEEN 128 AND 10240),
  CONSTRAINT lambda_functions_timeout_check CHECK (timeout_seconds BETWEEN 1 AND 900),
  -- invocations: at most 1e11 a day (the drift engine's bound), 7e11 a week; durations at
  -- most Lambda's 900000 ms.
  CONSTRAINT lambda_functions_counts_check CHECK (provisioned_concurrency BETWEEN 0 AND 100000
    AND invocations_7d BETWEEN 0 AND 700000000000
    AND avg_duration_ms_7d BETWEEN 0 AND 900000 AND estimated_monthly_cost >= 0 AND estimated_monthly_cost < 'Infinity'),
  CONSTRAINT lambda_functions_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.lambda_functions IS 'AWS Lambda functions. estimated_monthly_cost = provisioned concurrency (GB-s at 730 h) + requests + duration of the last 7 days scaled to a month.';
