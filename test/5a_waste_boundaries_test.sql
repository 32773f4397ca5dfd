-- Waste detection at the thresholds test/50 does not pin from both sides: hand-written rows
-- just over and just under (or exactly at) each such threshold, with the savings, action
-- and params of every hit.  test/50 already holds both sides for the other thresholds.
--   oversized_instance   avg_cpu_7d < 20 (one size down just under 20)
--   stopped_instance     stopped more than 7 days: exactly 7 is not; never active (NULL) is
--   dev_always_on        staging as well as dev
--   previous_generation  t2, c4 and r4 as well as m4 (and c4.8xlarge: no c5.8xlarge)
--   asg_overprovisioned_min  min_size = needed + 1 vs = needed
--   cluster_high_min     non-prod only
--   service_excess_replicas  3 replicas (just over min_replicas 2)
--   rds_oversized / cache_oversized  the two-sizes-down thresholds (10 and 5)
--   s3_no_lifecycle      a rule at 366 vs 365 days
--   s3_cold_data         Glacier transition after 31 vs 30 days (a registry threshold)
--   lb_consolidation     1 and 999.98 requests (the low-traffic band's edges) vs 0.99 and 1000
--   transfer_cross_region / transfer_egress  $1.01 vs $1.00 a day
--   commitment_underutilized  79.99 %
--   managed_ha_in_dev    2 nodes
BEGIN;
INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'waste-boundaries', '2026-03-01 00:00:00+00');

-- instances -------------------------------------------------------------------------------
INSERT INTO finsim.instances (account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost, avg_cpu_7d,
                              state, env, launch_time, last_active_at, schedule)
SELECT '5a5a5a5a-0000-0000-0000-000000000001', v.*
FROM (VALUES
  ('i-over-19',     'm5.2xlarge', 0.384,  0, 19.99, 'running', 'prod', timestamptz '2026-01-01', NULL::timestamptz, NULL),
  ('i-over-20',     'm5.2xlarge', 0.384,  0, 20,    'running', 'prod', '2026-01-01', NULL, NULL),
  ('i-stop-7d',     'm5.large',   0.096,  0, 50,    'stopped', 'prod', '2026-01-01', '2026-02-22 00:00', NULL),
  ('i-stop-never',  'm5.large',   0.096,  0, 50,    'stopped', 'prod', '2026-01-01', NULL, NULL),
  ('i-staging',     'm5.large',   0.096,  0, 50,    'running', 'staging', '2026-01-01', NULL, NULL),
  ('i-preview-on',  'm5.large',   0.096,  0, 50,    'running', 'preview', '2026-02-28', NULL, NULL),
  ('i-t2',          't2.medium',  0.0464, 0, 50,    'running', 'prod', '2026-01-01', NULL, NULL),
  ('i-c4',          'c4.large',   0.100,  0, 50,    'running', 'prod', '2026-01-01', NULL, NULL),
  ('i-r4',          'r4.large',   0.133,  0, 50,    'running', 'prod', '2026-01-01', NULL, NULL),
  ('i-c4-8xl',      'c4.8xlarge', 1.591,  0, 50,    'running', 'prod', '2026-01-01', NULL, NULL),
  ('i-t3',          't3.medium',  0.0416, 0, 50,    'running', 'prod', '2026-01-01', NULL, NULL)
) v;
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, attached_instance_id, monthly_cost, last_used_at, avg_iops_7d) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'vol-never', 100, 'gp3', 'in-use', 'i-stop-never', 8, '2026-02-28', 100),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'vol-7d', 100, 'gp3', 'in-use', 'i-stop-7d', 8, '2026-02-28', 100);
-- An INSERT without last_active_at gets the virtual now (README: virtual-time defaults); a
-- stopped instance never active is one whose last_active_at was cleared.
UPDATE finsim.instances SET last_active_at = NULL WHERE instance_id = 'i-stop-never';

-- autoscaling groups (no member rows: priced by type) ----------------------------------------
-- needed = ceil(4 x 30 / 60) = 2
INSERT INTO finsim.autoscaling_groups (account_id, name, min_size, max_size, desired_capacity, instance_type, current_utilization) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'asg-min-3', 3, 10, 4, 'm5.xlarge', 30),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'asg-min-2', 2, 10, 4, 'm5.xlarge', 30);

-- containers --------------------------------------------------------------------------------
INSERT INTO finsim.container_clusters (account_id, name, env, node_instance_type, desired_nodes, min_nodes, max_nodes, estimated_hourly_cost) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'c-prod-min2', 'prod', 'm5.large', 2, 2, 5, 0.292),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'c-staging-min2', 'staging', 'm5.large', 2, 2, 5, 0.292);
INSERT INTO finsim.container_nodes (account_id, cluster_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, has_gpu, gpu_count, avg_cpu_7d)
SELECT c.account_id, c.id, c.name || '-n' || k, 'm5.large', 'running', 0.096, 0, false, 0, 50
  FROM finsim.container_clusters c, generate_series(1, 2) k
 WHERE c.account_id = '5a5a5a5a-0000-0000-0000-000000000001';
INSERT INTO finsim.container_services (account_id, cluster_id, name, requested_cpu, requested_memory_mb, replica_count, avg_cpu_7d, avg_memory_7d)
SELECT c.account_id, c.id, v.* FROM (VALUES
    ('svc-rep-3', 1.0, 512, 3, 0.29, 400),
    ('svc-rep-3-busy', 1.0, 512, 3, 0.30, 400)) v
  JOIN finsim.container_clusters c ON c.name = 'c-prod-min2' AND c.account_id = '5a5a5a5a-0000-0000-0000-000000000001';

-- rds and caches: the two-sizes-down thresholds ------------------------------------------------
INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, hourly_cost, storage_monthly_cost, avg_cpu_7d, avg_connections_7d, state, allocated_storage_gib, used_storage_gib) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'rds-cpu-9.99', 'db.r5.2xlarge', 0.48, 2.3, 9.99, 50, 'available', 20, 15),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'rds-cpu-10', 'db.r5.2xlarge', 0.48, 2.3, 10, 50, 'available', 20, 15);
INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type, num_nodes, env, hourly_cost, avg_cpu_7d, avg_memory_7d) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'cache-cpu-4.99', 'cache.r6g.xlarge', 1, 'prod', 0.252, 4.99, 50),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'cache-cpu-5', 'cache.r6g.xlarge', 1, 'prod', 0.252, 5, 50);

-- s3 -----------------------------------------------------------------------------------------
INSERT INTO finsim.s3_buckets (account_id, name, lifecycle_policy) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 's3-rule-366', '{"transition_glacier_days": 366}'),
  ('5a5a5a5a-0000-0000-0000-000000000001', 's3-rule-365', '{"transition_glacier_days": 365}'),
  ('5a5a5a5a-0000-0000-0000-000000000001', 's3-glacier-31', '{"transition_glacier_days": 31}'),
  ('5a5a5a5a-0000-0000-0000-000000000001', 's3-glacier-30', '{"transition_glacier_days": 30}');
INSERT INTO finsim.s3_bucket_usage_daily (account_id, bucket_id, date, storage_gb_standard, requests_count, estimated_storage_cost, estimated_request_cost)
SELECT b.account_id, b.id, '2026-02-28', 100, CASE WHEN b.name LIKE 's3-rule-%' THEN 5000 ELSE 10 END, 1, 0
  FROM finsim.s3_buckets b WHERE b.account_id = '5a5a5a5a-0000-0000-0000-000000000001';

-- load balancers: one (env, region, type) group; the keeper is the busiest low-traffic one --
INSERT INTO finsim.load_balancers (account_id, lb_arn, name, type, env, hourly_cost, avg_request_count_7d) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'arn:lb-1', 'lb-1', 'application', 'prod', 0.0219, 1),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'arn:lb-999.98', 'lb-999.98', 'application', 'prod', 0.0219, 999.98),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'arn:lb-keep', 'lb-keep', 'application', 'prod', 0.0219, 999.99),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'arn:lb-1000', 'lb-1000', 'application', 'prod', 0.0219, 1000),
  ('5a5a5a5a-0000-0000-0000-000000000001', 'arn:lb-0.99', 'lb-0.99', 'application', 'prod', 0.0219, 0.99);

-- data transfer (yesterday = 2026-02-28) ----------------------------------------------------------
INSERT INTO finsim.data_transfer_daily (account_id, date, source_region, dest_region, direction, gb_transferred, estimated_transfer_cost) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', '2026-02-28', 'us-east-1', 'eu-west-1', 'cross-region', 50.5, 1.01),
  ('5a5a5a5a-0000-0000-0000-000000000001', '2026-02-28', 'us-west-2', 'eu-west-1', 'cross-region', 50, 1.00),
  ('5a5a5a5a-0000-0000-0000-000000000001', '2026-02-28', 'us-east-1', 'internet', 'egress', 11.2222, 1.01),
  ('5a5a5a5a-0000-0000-0000-000000000001', '2026-02-28', 'us-west-2', 'internet', 'egress', 11.1111, 1.00);

-- commitments --------------------------------------------------------------------------------
INSERT INTO finsim.commitments (account_id, commitment_type, scope, hourly_commitment_amount, start_date, end_date, discount_percent) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'reserved_instance', 'util-79.99', 1000 / 730.0, '2025-06-01', '2026-12-01', 30);
INSERT INTO finsim.commitment_utilization_daily (account_id, commitment_id, date, utilization_percent)
SELECT c.account_id, c.id, '2026-02-28', 79.99 FROM finsim.commitments c WHERE c.account_id = '5a5a5a5a-0000-0000-0000-000000000001';

-- managed services -------------------------------------------------------------------------------
INSERT INTO finsim.managed_services (account_id, service_type, name, env, instance_type, node_count, hourly_cost, avg_cpu_7d) VALUES
  ('5a5a5a5a-0000-0000-0000-000000000001', 'opensearch', 'mg-dev-2', 'dev', 't3.small.search', 2, 0.072, 50);

CREATE TEMP TABLE f5a AS SELECT * FROM finsim.waste_findings('5a5a5a5a-0000-0000-0000-000000000001');

-- (pattern, resource_name, hit, savings, action, params); params NULL = not compared
CREATE TEMP TABLE e5a (pattern text, name text, hit boolean, savings numeric, action text, params jsonb);
INSERT INTO e5a VALUES
  ('oversized_instance', 'i-over-19', true, 140.16, 'rightsize_instance', '{"instance_type": "m5.xlarge"}'),
  ('oversized_instance', 'i-over-20', false, NULL, NULL, NULL),
  ('stopped_instance', 'i-stop-never', true, 8.00, 'terminate_instance', '{"delete_volumes": true}'),
  ('stopped_instance', 'i-stop-7d', false, NULL, NULL, NULL),
  -- 0.096 x 730 x 65%
  ('dev_always_on', 'i-staging', true, 45.55, 'schedule_instance', '{"hours": "weekdays 08-20"}'),
  ('dev_always_on', 'i-preview-on', false, NULL, NULL, NULL),
  -- (old - new) x 730
  ('previous_generation_instance', 'i-t2', true, 3.50, 'rightsize_instance', '{"instance_type": "t3.medium", "allow_family_change": true}'),
  ('previous_generation_instance', 'i-c4', true, 10.95, 'rightsize_instance', '{"instance_type": "c5.large", "allow_family_change": true}'),
  ('previous_generation_instance', 'i-r4', true, 5.11, 'rightsize_instance', '{"instance_type": "r5.large", "allow_family_change": true}'),
  -- c4.8xlarge has no c5.8xlarge: the current-generation type of the same vCPUs is c5.9xlarge
  ('previous_generation_instance', 'i-c4-8xl', true, 44.53, 'rightsize_instance', '{"instance_type": "c5.9xlarge", "allow_family_change": true}'),
  ('previous_generation_instance', 'i-t3', false, NULL, NULL, NULL),
  -- (4 - 2) x 0.192 x 730
  ('asg_overprovisioned_min', 'asg-min-3', true, 280.32, 'resize_asg', '{"min_size": 2, "desired_capacity": 2, "max_size": 10, "instance_type": "m5.xlarge"}'),
  ('asg_overprovisioned_min', 'asg-min-2', false, NULL, NULL, NULL),
  -- one node of 0.096 stopped
  ('cluster_high_min', 'c-staging-min2', true, 70.08, 'resize_cluster', '{"min_nodes": 1, "desired_nodes": 1, "node_instance_type": "m5.large"}'),
  ('cluster_high_min', 'c-prod-min2', false, NULL, NULL, NULL),
  -- 3 -> 2 replicas of (1 vCPU x 0.024 + 0.5 GiB x 0.006) x 730
  ('service_excess_replicas', 'svc-rep-3', true, 19.71, 'set_service_requests', '{"requested_cpu": 1.0, "requested_memory_mb": 512, "replica_count": 2}'),
  ('service_excess_replicas', 'svc-rep-3-busy', false, NULL, NULL, NULL),
  ('rds_oversized', 'rds-cpu-9.99', true, 262.80, 'resize_rds', '{"instance_class": "db.r5.large"}'),
  ('rds_oversized', 'rds-cpu-10', true, 175.20, 'resize_rds', '{"instance_class": "db.r5.xlarge"}'),
  ('cache_oversized', 'cache-cpu-4.99', true, 137.97, 'resize_cache', '{"node_type": "cache.r6g.medium", "num_nodes": 1}'),
  ('cache_oversized', 'cache-cpu-5', true, 91.98, 'resize_cache', '{"node_type": "cache.r6g.large", "num_nodes": 1}'),
  -- 100 GB x (0.023 - 0.0125)
  ('s3_no_lifecycle', 's3-rule-366', true, 1.05, 'set_s3_lifecycle', '{"lifecycle_policy": {"transition_ia_days": 30, "transition_glacier_days": 90}}'),
  ('s3_no_lifecycle', 's3-rule-365', false, NULL, NULL, NULL),
  -- 100 GB x (0.023 - 0.004)
  ('s3_cold_data', 's3-glacier-31', true, 1.90, 'set_s3_lifecycle', '{"lifecycle_policy": {"transition_glacier_days": 30}}'),
  ('s3_cold_data', 's3-glacier-30', false, NULL, NULL, NULL),
  ('lb_consolidation', 'lb-1', true, 15.99, 'recommend', NULL),
  ('lb_consolidation', 'lb-999.98', true, 15.99, 'recommend', NULL),
  ('lb_consolidation', 'lb-keep', false, NULL, NULL, NULL),
  ('lb_consolidation', 'lb-1000', false, NULL, NULL, NULL),
  ('lb_consolidation', 'lb-0.99', false, NULL, NULL, NULL),
  -- 1.01 x 730 / 24 x 50%
  ('transfer_cross_region', 'us-east-1 -> eu-west-1 cross-region', true, 15.36, 'recommend', NULL),
  ('transfer_cross_region', 'us-west-2 -> eu-west-1 cross-region', false, NULL, NULL, NULL),
  ('transfer_egress', 'us-east-1 -> internet egress', true, 15.36, 'recommend', NULL),
  ('transfer_egress', 'us-west-2 -> internet egress', false, NULL, NULL, NULL),
  -- $1,000 a month x (1 - 0.7999)
  ('commitment_underutilized', 'reserved_instance util-79.99', true, 200.10, 'recommend', NULL),
  -- 0.072 x 1/2 x 730
  ('managed_ha_in_dev', 'mg-dev-2', true, 26.28, 'resize_managed_service', '{"instance_type": "t3.small.search", "node_count": 1}');

SELECT plan((SELECT count(*)::int FROM e5a) + 6);

\ir fixtures/expected_findings.sql
SELECT * FROM pg_temp.expected_findings('e5a', 'f5a');

-- The s3_cold_data Glacier limit is a registry threshold: documented and in the evidence.
SELECT is((SELECT thresholds->'glacier_within_days' FROM finsim.patterns() WHERE code = 's3_cold_data'), '30'::jsonb,
  's3_cold_data: patterns() lists the 30-day Glacier limit as a threshold');
SELECT is((SELECT evidence->'threshold'->'glacier_within_days' FROM f5a WHERE pattern = 's3_cold_data' AND resource_name = 's3-glacier-31'),
  '30'::jsonb, 's3_cold_data: the finding''s evidence carries it');

-- The S3 findings' evidence names the policy that triggered them.
SELECT is((SELECT evidence->'lifecycle_policy' FROM f5a WHERE pattern = 's3_no_lifecycle' AND resource_name = 's3-rule-366'),
  '{"transition_glacier_days": 366}'::jsonb, 's3_no_lifecycle: the evidence holds the bucket''s lifecycle_policy');
SELECT is((SELECT evidence->'lifecycle_policy' FROM f5a WHERE pattern = 's3_cold_data' AND resource_name = 's3-glacier-31'),
  '{"transition_glacier_days": 31}'::jsonb, 's3_cold_data: the evidence holds the bucket''s lifecycle_policy');

-- Every previous-generation type the catalog prices is mapped to a current-generation type
-- that the catalog prices too, and the hits above are accepted by apply_action as they are.
SELECT is_empty($$SELECT t FROM (SELECT DISTINCT type AS t FROM finsim.price_list() WHERE service = 'ec2' AND type ~ '^(t2|m4|c4|r4)\.') x
                  WHERE finsim._waste_current_gen(t) IS NULL AND t <> 'm4.10xlarge'$$,
  'every t2/m4/c4/r4 type has a current-generation replacement (m4.10xlarge: only a dearer m5.12xlarge)');
\ir fixtures/try_finding.sql
SELECT is_empty($$SELECT pattern, resource_name, r FROM (
                   SELECT f.pattern, f.resource_name, f.est_monthly_savings,
                          pg_temp.try_finding(f.resource_type, f.resource_id, f.recommended_action, f.action_params) AS r
                     FROM f5a f WHERE f.pattern IN ('oversized_instance', 'previous_generation_instance', 'rds_oversized',
                                                    'cache_oversized', 'managed_ha_in_dev', 'stopped_instance', 'cluster_high_min')) x
                  WHERE r->>'outcome' <> 'applied' OR abs((r->>'est_monthly_savings')::numeric - est_monthly_savings) > 0.01$$,
  'the rightsizing, termination and resize hits above are applied as-is and save what they promise');

SELECT * FROM finish();
ROLLBACK;
