-- Database services: RDS instances and ElastiCache clusters.

CREATE TABLE finsim.rds_instances (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  db_instance_id            text        NOT NULL,
  engine                    text        NOT NULL DEFAULT 'postgres',
  instance_class            text        NOT NULL,
  allocated_storage_gib     integer     NOT NULL DEFAULT 20,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  state                     text        NOT NULL DEFAULT 'available',
  hourly_cost               numeric     NOT NULL,
  storage_monthly_cost      numeric     NOT NULL,
  avg_cpu_7d                numeric,
  avg_connections_7d        numeric,
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  -- added by finsim
  used_storage_gib          numeric,
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT rds_instances_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT rds_instances_db_instance_id_key UNIQUE (account_id, db_instance_id),
  CONSTRAINT rds_instances_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT rds_instances_engine_check CHECK (engine IN ('postgres', 'mysql', 'aurora-postgresql')),
  CONSTRAINT rds_instances_state_check CHECK (state IN ('available', 'stopped', 'starting', 'stopping', 'deleting')),
  CONSTRAINT rds_instances_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT rds_instances_storage_check CHECK (allocated_storage_gib BETWEEN 20 AND 65536
    AND used_storage_gib BETWEEN 0 AND 65536),
  CONSTRAINT rds_instances_cost_check CHECK (hourly_cost >= 0 AND hourly_cost < 'Infinity' AND storage_monthly_cost >= 0 AND storage_monthly_cost < 'Infinity'),
  CONSTRAINT rds_instances_metrics_check CHECK (avg_cpu_7d BETWEEN 0 AND 100 AND avg_connections_7d BETWEEN 0 AND 1000000),
  CONSTRAINT rds_instances_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.rds_instances IS 'RDS databases. hourly_cost from instance_class; storage_monthly_cost = allocated_storage_gib x gp2 storage price.';
COMMENT ON COLUMN finsim.rds_instances.used_storage_gib IS 'Data actually stored, GiB; NULL when unknown.';

CREATE TABLE finsim.cache_clusters (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  cluster_id                text        NOT NULL,
  engine                    text        NOT NULL DEFAULT 'redis',
  node_type                 text        NOT NULL,
  num_nodes                 integer     NOT NULL DEFAULT 1,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  hourly_cost               numeric     NOT NULL,
  avg_cpu_7d                numeric,
  avg_memory_7d             numeric,
  -- added by finsim
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cache_clusters_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT cache_clusters_cluster_id_key UNIQUE (account_id, cluster_id),
  CONSTRAINT cache_clusters_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT cache_clusters_engine_check CHECK (engine IN ('redis', 'memcached')),
  CONSTRAINT cache_clusters_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT cache_clusters_nodes_check CHECK (num_nodes BETWEEN 1 AND 500),
  CONSTRAINT cache_clusters_cost_check CHECK (hourly_cost >= 0 AND hourly_cost < 'Infinity'),
  CONSTRAINT cache_clusters_pct_check CHECK (avg_cpu_7d BETWEEN 0 AND 100 AND avg_memory_7d BETWEEN 0 AND 100),
  CONSTRAINT cache_clusters_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.cache_clusters IS 'ElastiCache clusters. hourly_cost = node_type price x num_nodes.';
