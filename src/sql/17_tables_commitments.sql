-- Commitments and cost tracking: RIs / Savings Plans / EDP, their daily utilisation,
-- and per-resource daily metrics.

CREATE TABLE finsim.commitments (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  commitment_type           text        NOT NULL,
  scope                     text        NOT NULL DEFAULT 'compute',
  term_months               integer     NOT NULL DEFAULT 12,
  hourly_commitment_amount  numeric     NOT NULL,
  start_date                date        NOT NULL,
  end_date                  date        NOT NULL,
  -- added by finsim
  discount_percent          numeric     NOT NULL DEFAULT 30,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT commitments_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT commitments_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT commitments_type_check CHECK (commitment_type IN ('reserved_instance', 'savings_plan', 'edp')),
  CONSTRAINT commitments_term_check CHECK (term_months IN (12, 36)),
  CONSTRAINT commitments_amount_check CHECK (hourly_commitment_amount >= 0 AND hourly_commitment_amount < 'Infinity'),
  CONSTRAINT commitments_dates_check CHECK (end_date > start_date AND isfinite(start_date) AND isfinite(end_date)),
  CONSTRAINT commitments_discount_check CHECK (discount_percent BETWEEN 0 AND 100)
);
COMMENT ON TABLE finsim.commitments IS 'Reserved Instances, Savings Plans and EDPs. scope names what the commitment covers: an instance family and region for RIs (e.g. ''m5/us-east-1''), ''compute'' for Savings Plans, ''account'' for EDPs.';
COMMENT ON COLUMN finsim.commitments.discount_percent IS 'Discount against on-demand prices.';

CREATE TABLE finsim.commitment_utilization_daily (
  id                             uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                     uuid        NOT NULL,
  commitment_id                  uuid        NOT NULL,
  date                           date        NOT NULL,
  actual_hourly_usage_equivalent numeric     NOT NULL DEFAULT 0,
  utilization_percent            numeric     NOT NULL DEFAULT 0,
  estimated_savings_vs_ondemand  numeric     NOT NULL DEFAULT 0,
  -- added by finsim
  created_at                     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT commitment_utilization_daily_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT commitment_utilization_daily_day_key UNIQUE (account_id, commitment_id, date),
  CONSTRAINT commitment_utilization_daily_commitment_fkey FOREIGN KEY (account_id, commitment_id)
    REFERENCES finsim.commitments (account_id, id) ON DELETE CASCADE,
  CONSTRAINT commitment_utilization_daily_pct_check CHECK (utilization_percent BETWEEN 0 AND 100),
  CONSTRAINT commitment_utilization_daily_usage_check CHECK (actual_hourly_usage_equivalent >= 0 AND actual_hourly_usage_equivalent < 'Infinity'),
  CONSTRAINT commitment_utilization_daily_date_check CHECK (isfinite(date))
);
COMMENT ON TABLE finsim.commitment_utilization_daily IS 'Daily utilisation of each commitment: the committed spend actually used by covered on-demand usage.';

-- The payload keys the drift engine reads back for each resource type are each absent, JSON
-- null, or a JSON number within the range of the column they feed (src/schema/metric_payload.cpp).
CREATE FUNCTION finsim._metric_payload_ok(resource_type text, payload jsonb) RETURNS boolean
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'finsim_metric_payload_ok';
COMMENT ON FUNCTION finsim._metric_payload_ok(text, jsonb) IS
  'Internal: true when a metrics_daily.metric_payload is an object whose keys the drift engine reads for its resource_type are each absent, null or a JSON number in range: cpu_avg, memory_avg, gpu_avg 0..100 (%); network 0..100000 (MB/s, instances); invocations 0..1e11 (a day) and duration_ms 0..900000 (lambda_functions); cpu_cores 0..1024 and memory_mb 0..1048576 (container_services); iops 0..256000 (volumes); connections 0..1e6 (rds_instances); requests 0..1e12 a day (load_balancers); usage_mbps 0..1e6 (streaming_clusters).  The CHECK of metrics_daily.metric_payload.';
-- A CHECK constraint's function runs with the rights of whoever writes the row.
GRANT EXECUTE ON FUNCTION finsim._metric_payload_ok(text, jsonb) TO finsim_admin, finsim_agent;

CREATE TABLE finsim.metrics_daily (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  resource_type             text        NOT NULL,
  resource_id               text        NOT NULL,
  date                      date        NOT NULL,
  metric_payload            jsonb       NOT NULL DEFAULT '{}',
  estimated_daily_cost      numeric     NOT NULL DEFAULT 0,
  -- added by finsim
  created_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT metrics_daily_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT metrics_daily_day_key UNIQUE (account_id, resource_type, resource_id, date),
  CONSTRAINT metrics_daily_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT metrics_daily_payload_check CHECK (finsim._metric_payload_ok(resource_type, metric_payload)),
  CONSTRAINT metrics_daily_cost_check CHECK (estimated_daily_cost >= 0 AND estimated_daily_cost < 'Infinity'),
  CONSTRAINT metrics_daily_date_check CHECK (isfinite(date))
);
COMMENT ON TABLE finsim.metrics_daily IS 'One row per resource per virtual day: metric_payload holds cpu_avg, cpu_max, memory_avg, network, disk. resource_id is the resource row''s id, resource_type its table name.';
