-- Container orchestration: EKS/ECS clusters, their worker nodes and services.

CREATE TABLE finsim.container_clusters (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  name                      text        NOT NULL,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  node_instance_type        text        NOT NULL,
  desired_nodes             integer     NOT NULL DEFAULT 0,
  min_nodes                 integer     NOT NULL DEFAULT 0,
  max_nodes                 integer     NOT NULL DEFAULT 0,
  estimated_hourly_cost     numeric     NOT NULL,
  -- added by finsim
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT container_clusters_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT container_clusters_name_key UNIQUE (account_id, region, name),
  CONSTRAINT container_clusters_account_fkey FOREIGN KEY (account_id)
    REFERENCES finsim.cloud_accounts (id) ON DELETE CASCADE,
  CONSTRAINT container_clusters_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  CONSTRAINT container_clusters_nodes_check CHECK (min_nodes >= 0 AND max_nodes >= min_nodes
    AND desired_nodes BETWEEN min_nodes AND max_nodes AND max_nodes <= 10000),
  CONSTRAINT container_clusters_cost_check CHECK (estimated_hourly_cost >= 0 AND estimated_hourly_cost < 'Infinity'),
  CONSTRAINT container_clusters_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.container_clusters IS 'EKS/ECS clusters. estimated_hourly_cost = control plane + desired_nodes x node_instance_type.';

CREATE TABLE finsim.container_nodes (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  cluster_id                uuid        NOT NULL,
  instance_id               text        NOT NULL,
  instance_type             text        NOT NULL,
  region                    text        NOT NULL DEFAULT 'us-east-1',
  state                     text        NOT NULL DEFAULT 'running',
  hourly_cost               numeric     NOT NULL,
  gpu_hourly_cost           numeric     NOT NULL,
  gpu_count                 integer     NOT NULL DEFAULT 0,
  has_gpu                   boolean     NOT NULL DEFAULT false,
  avg_cpu_7d                numeric,
  avg_memory_7d             numeric,
  -- added by finsim
  avg_gpu_7d                numeric,
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT container_nodes_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT container_nodes_instance_id_key UNIQUE (account_id, instance_id),
  CONSTRAINT container_nodes_cluster_fkey FOREIGN KEY (account_id, cluster_id)
    REFERENCES finsim.container_clusters (account_id, id) ON DELETE CASCADE,
  CONSTRAINT container_nodes_state_check CHECK (state IN ('running', 'stopped')),
  CONSTRAINT container_nodes_cost_check CHECK (hourly_cost >= 0 AND hourly_cost < 'Infinity' AND gpu_hourly_cost >= 0 AND gpu_hourly_cost < 'Infinity' AND gpu_count >= 0),
  CONSTRAINT container_nodes_pct_check CHECK (avg_cpu_7d BETWEEN 0 AND 100 AND avg_memory_7d BETWEEN 0 AND 100
    AND avg_gpu_7d BETWEEN 0 AND 100),
  CONSTRAINT container_nodes_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.container_nodes IS 'Worker machines of a container cluster (EC2 instances managed by EKS/ECS).';
COMMENT ON COLUMN finsim.container_nodes.avg_gpu_7d IS '7-day average GPU utilisation %; NULL when unknown.';

CREATE TABLE finsim.container_services (
  id                        uuid        NOT NULL DEFAULT gen_random_uuid(),
  account_id                uuid        NOT NULL,
  cluster_id                uuid        NOT NULL,
  name                      text        NOT NULL,
  env                       text        NOT NULL DEFAULT 'prod',
  region                    text        NOT NULL DEFAULT 'us-east-1',
  requested_cpu             numeric     NOT NULL DEFAULT 0.25,
  requested_memory_mb       integer     NOT NULL DEFAULT 512,
  replica_count             integer     NOT NULL DEFAULT 1,
  avg_cpu_7d                numeric,
  avg_memory_7d             numeric,
  -- added by finsim
  optimization_policy       text        NOT NULL DEFAULT 'auto_safe',
  optimization_freeze_until timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT container_services_pkey PRIMARY KEY (account_id, id),
  CONSTRAINT container_services_name_key UNIQUE (account_id, cluster_id, name),
  CONSTRAINT container_services_cluster_fkey FOREIGN KEY (account_id, cluster_id)
    REFERENCES finsim.container_clusters (account_id, id) ON DELETE CASCADE,
  CONSTRAINT container_services_env_check CHECK (env IN ('prod', 'staging', 'dev', 'preview')),
  -- The bounds of set_service_requests (1024 vCPU, 1 TiB, 10000 replicas); usage per replica
  -- within the same ranges.
  CONSTRAINT container_services_sizes_check CHECK (requested_cpu BETWEEN 0 AND 1024
    AND requested_memory_mb BETWEEN 0 AND 1048576 AND replica_count BETWEEN 0 AND 10000
    AND avg_cpu_7d BETWEEN 0 AND 1024 AND avg_memory_7d BETWEEN 0 AND 1048576),
  CONSTRAINT container_services_policy_check CHECK (optimization_policy IN ('auto_safe', 'recommend_only', 'ignore'))
);
COMMENT ON TABLE finsim.container_services IS 'ECS services / Kubernetes deployments.';
COMMENT ON COLUMN finsim.container_services.avg_cpu_7d IS 'Actual CPU used per replica, cores (compare with requested_cpu).';
COMMENT ON COLUMN finsim.container_services.avg_memory_7d IS 'Actual memory used per replica, MB (compare with requested_memory_mb).';
