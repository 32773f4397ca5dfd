-- Indexes: every foreign key, state columns, dates, GIN on tags and metric payloads, and
-- partial indexes for the hottest waste predicates.  Primary keys lead with account_id,
-- so per-account scans use them.

CREATE INDEX instances_asg_idx        ON finsim.instances (account_id, autoscaling_group_id) WHERE autoscaling_group_id IS NOT NULL;
CREATE INDEX instances_state_idx      ON finsim.instances (account_id, state);
CREATE INDEX instances_idle_idx       ON finsim.instances (account_id, avg_cpu_7d) WHERE state = 'running';
CREATE INDEX instances_preview_idx    ON finsim.instances (account_id, launch_time) WHERE env = 'preview' AND state <> 'terminated';
CREATE INDEX instances_tags_idx       ON finsim.instances USING gin (tags);

CREATE INDEX lambda_functions_provisioned_idx ON finsim.lambda_functions (account_id) WHERE provisioned_concurrency > 0;

CREATE INDEX container_nodes_cluster_idx    ON finsim.container_nodes (account_id, cluster_id);
CREATE INDEX container_nodes_state_idx      ON finsim.container_nodes (account_id, state);
CREATE INDEX container_services_cluster_idx ON finsim.container_services (account_id, cluster_id);

CREATE INDEX volumes_state_idx        ON finsim.volumes (account_id, state);
CREATE INDEX volumes_available_idx    ON finsim.volumes (account_id) WHERE state = 'available';
CREATE INDEX volumes_attached_idx     ON finsim.volumes (account_id, attached_instance_id) WHERE attached_instance_id IS NOT NULL;
CREATE INDEX volumes_tags_idx         ON finsim.volumes USING gin (tags);

CREATE INDEX snapshots_source_idx     ON finsim.snapshots (account_id, source_volume_id);
CREATE INDEX snapshots_created_idx    ON finsim.snapshots (account_id, created_at);
-- The drift engine's retention work: a volume's newest snapshot with a policy (what a backup
-- inherits) and the account's snapshots under a policy (what may expire).
CREATE INDEX snapshots_retention_idx  ON finsim.snapshots (account_id, source_volume_id, created_at DESC NULLS LAST)
  WHERE retention_policy IS NOT NULL;
CREATE INDEX snapshots_tags_idx       ON finsim.snapshots USING gin (tags);

CREATE INDEX s3_buckets_nolifecycle_idx ON finsim.s3_buckets (account_id) WHERE lifecycle_policy IS NULL;
CREATE INDEX s3_buckets_tags_idx      ON finsim.s3_buckets USING gin (tags);
CREATE INDEX s3_usage_date_idx        ON finsim.s3_bucket_usage_daily (account_id, date);

CREATE INDEX rds_instances_state_idx  ON finsim.rds_instances (account_id, state);

CREATE INDEX elastic_ips_state_idx    ON finsim.elastic_ips (account_id, state);
CREATE INDEX elastic_ips_instance_idx ON finsim.elastic_ips (account_id, associated_instance_id) WHERE associated_instance_id IS NOT NULL;
CREATE INDEX elastic_ips_unassociated_idx ON finsim.elastic_ips (account_id) WHERE state = 'unassociated';
CREATE INDEX elastic_ips_tags_idx     ON finsim.elastic_ips USING gin (tags);

CREATE INDEX data_transfer_daily_date_idx ON finsim.data_transfer_daily (account_id, date);

CREATE INDEX log_groups_noretention_idx ON finsim.log_groups (account_id) WHERE retention_days IS NULL;
CREATE INDEX log_groups_tags_idx      ON finsim.log_groups USING gin (tags);
CREATE INDEX log_usage_date_idx       ON finsim.log_group_usage_daily (account_id, date);

CREATE INDEX commitments_end_date_idx  ON finsim.commitments (account_id, end_date);
CREATE INDEX commitment_util_date_idx ON finsim.commitment_utilization_daily (account_id, date);

CREATE INDEX metrics_daily_date_idx   ON finsim.metrics_daily (account_id, date);
CREATE INDEX metrics_daily_payload_idx ON finsim.metrics_daily USING gin (metric_payload);

CREATE INDEX resource_tags_resource_idx ON finsim.resource_tags (account_id, resource_id);

CREATE INDEX resource_change_events_resource_idx ON finsim.resource_change_events (account_id, resource_type, resource_id);
CREATE INDEX resource_change_events_changed_idx  ON finsim.resource_change_events (account_id, changed_at);

CREATE INDEX recommendations_resource_idx ON finsim.recommendations (account_id, resource_type, resource_id);
CREATE INDEX recommendations_status_idx ON finsim.recommendations (account_id, status);
CREATE UNIQUE INDEX recommendations_open_key ON finsim.recommendations (account_id, resource_type, resource_id, action)
  WHERE status = 'open';
