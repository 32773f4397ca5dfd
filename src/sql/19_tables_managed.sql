-- Managed services (OpenSearch, SageMaker…) and streaming clusters (Kinesis, MSK).

CREATE TABLE finsim.managed_services (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  service_type              text        NOT NULL,
  name                      text        NOT NULL,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  instance_type             text        NOT NULL,
  node_count                integer     NOT NULL DEFAULT 1,
  hourly_cost               numeric     NOT NULL,
  avg_cpu_7d                numeric,
  avg_memory_7d             numeric,
  -- added by finsim
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT managed_services_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT managed_services_name_key UNIQUE (account_id, service_type, name),
  CONSTRAINT managed_services_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT managed_services_type_check CHECK (service_type IN ('opensearch', 'sagemaker', 'redshift', 'emr', 'mq')),
  CONSTRAINT managed_services_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT managed_services_nodes_check CHECK (node_count BETWEEN 0 AND 1000),
  CONSTRAINT managed_services_cost_check CHECK (hourly_cost >= 0 AND hourly_cost < 'Infinity'),
  CONSTRAINT managed_services_pct_check CHECK (avg_cpu_7d BETWEEN 0 AND 100 AND avg_memory_7d BETWEEN 0 AND 100),
  CONSTRAINT managed_services_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.managed_services IS 'Fully managed services. hourly_cost = instance_type price x node_count.';

CREATE TABLE finsim.streaming_clusters (
  id                          uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                  uuid        NOT NULL,
  name                        text        NOT NULL,
  engine                      text        NOT NULL DEFAULT 'kinesis',
  env                         text        NOT NULL DEFAULT 'prod',
  region                      text        NOT NULL DEFAULT 'us-east-1',
  shard_count                 integer     NOT NULL DEFAULT 1,
  retention_hours             integer     NOT NULL DEFAULT 24,
  provisioned_throughput_mbps numeric     NOT NULL DEFAULT 1,
  avg_usage_mbps_7d           numeric,
  hourly_cost                 numeric     NOT NULL,
  -- added by finsim
  optimization_policy         text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until   timestamptz,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT streaming_clusters_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT streaming_clusters_name_key UNIQUE (account_id, region, name),
  CONSTRAINT streaming_clusters_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT streaming_clusters_engine_check CHECK (engine IN ('kinesis', 'kafka', 'msk')),
  CONSTRAINT streaming_clusters_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT streaming_clusters_sizes_check CHECK (shard_count BETWEEN 1 AND 100000
    AND retention_hours BETWEEN 1 AND 8760 AND provisioned_throughput_mbps BETWEEN 0 AND 1000000
    AND avg_usage_mbps_7d BETWEEN 0 AND 1000000),
  CONSTRAINT streaming_clusters_cost_check CHECK (hourly_cost >= 0 AND hourly_cost < 'Infinity'),
  CONSTRAINT streaming_clusters_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.streaming_clusters IS 'Kinesis streams and Kafka/MSK clusters. hourly_cost from shard_count (shard-hours or brokers) plus retention beyond 24 h.';
