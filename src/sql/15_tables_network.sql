-- Networking: load balancers, Elastic IPs, daily data transfer.

CREATE TABLE finsim.load_balancers (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  lb_arn                    text        NOT NULL,
  name                      text        NOT NULL,
  type                      text        NOT NULL DEFAULT 'application',
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  hourly_cost               numeric     NOT NULL,
  avg_request_count_7d      numeric,
  -- added by finsim
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT load_balancers_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT load_balancers_lb_arn_key UNIQUE (account_id, lb_arn),
  CONSTRAINT load_balancers_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT load_balancers_type_check CHECK (type IN ('application', 'network', 'gateway', 'classic')),
  CONSTRAINT load_balancers_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT load_balancers_cost_check CHECK (hourly_cost >= 0 AND hourly_cost < 'Infinity' AND avg_request_count_7d BETWEEN 0 AND 1e12),
  CONSTRAINT load_balancers_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.load_balancers IS 'ALB/NLB/GWLB/CLB. hourly_cost is the base hourly price of type (LCU charges not modelled).';
COMMENT ON COLUMN finsim.load_balancers.avg_request_count_7d IS '7-day average requests per day.';

CREATE TABLE finsim.elastic_ips (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  allocation_id             text        NOT NULL,
  public_ip                 text        NOT NULL,
  associated_instance_id    text,
  associated_lb_arn         text,
  state                     text        NOT NULL DEFAULT 'unassociated',
  hourly_cost               numeric     NOT NULL,
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  tags                      jsonb       NOT NULL DEFAULT '{}',
  -- added by finsim
  region                    text        NOT NULL DEFAULT 'us-east-1',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT elastic_ips_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT elastic_ips_allocation_id_key UNIQUE (account_id, allocation_id),
  CONSTRAINT elastic_ips_public_ip_key UNIQUE (account_id, public_ip),
  CONSTRAINT elastic_ips_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT elastic_ips_state_check CHECK (state IN ('associated', 'unassociated')),
  CONSTRAINT elastic_ips_cost_check CHECK (hourly_cost >= 0 AND hourly_cost < 'Infinity'),
  CONSTRAINT elastic_ips_tags_check CHECK (jsonb_typeof(tags) = 'object'),
  CONSTRAINT elastic_ips_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.elastic_ips IS 'Elastic IPs: free while associated, $0.005/hour unassociated; hourly_cost follows state.';

CREATE TABLE finsim.data_transfer_daily (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  date                      date        NOT NULL,
  source_region             text        NOT NULL,
  dest_region               text        NOT NULL,
  direction                 text        NOT NULL,
  gb_transferred            numeric     NOT NULL DEFAULT 0,
  estimated_transfer_cost   numeric     NOT NULL,
  -- added by finsim
  created_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT data_transfer_daily_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT data_transfer_daily_day_key UNIQUE (account_id, date, source_region, dest_region, direction),
  CONSTRAINT data_transfer_daily_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT data_transfer_daily_direction_check CHECK (direction IN ('intra-az', 'cross-az', 'cross-region', 'egress', 'ingress')),
  CONSTRAINT data_transfer_daily_gb_check CHECK (gb_transferred >= 0 AND gb_transferred < 'Infinity' AND estimated_transfer_cost >= 0 AND estimated_transfer_cost < 'Infinity'),
  CONSTRAINT data_transfer_daily_date_check CHECK (isfinite(date))
);
COMMENT ON TABLE finsim.data_transfer_daily IS 'Daily data transfer per region pair and direction; estimated_transfer_cost = gb_transferred x the direction''s price.';
