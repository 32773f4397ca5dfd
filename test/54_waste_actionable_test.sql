-- Findings an agent can act on as-is: each finding of this hand-written account is passed
-- unchanged to finsim.apply_action (rolled back), and the action must be accepted and save
-- what the finding promised (apply_action's est_monthly_savings is the drop of
-- finsim.monthly_run_rate, i.e. of finsim.resource_costs).  Also the guide's RDS and cache
-- figures, schedules, snapshots, the managed-service always-on pattern, prod streams and
-- the 90-day API key boundary.
BEGIN;
SELECT plan(42);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('54545454-0000-0000-0000-000000000001', 'actionable', '2026-03-01 00:00:00+00');

\ir fixtures/try_finding.sql

-- instances ------------------------------------------------------------------------------
INSERT INTO finsim.instances (account_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost,
                              avg_cpu_7d, state, env, launch_time, last_active_at, schedule)
VALUES
  ('54545454-0000-0000-0000-000000000001', 'i-gen', 'm4.large', 0.100, 0, 50, 'running', 'prod', '2026-01-01', NULL, NULL),
  ('54545454-0000-0000-0000-000000000001', 'i-idle-sched', 'm5.xlarge', 0.192, 0, 1, 'running', 'prod', '2026-01-01', NULL, 'weekdays 08-20'),
  ('54545454-0000-0000-0000-000000000001', 'i-over-sched', 'm5.2xlarge', 0.384, 0, 9, 'running', 'prod', '2026-01-01', NULL, 'weekdays 08-20'),
  ('54545454-0000-0000-0000-000000000001', 'i-prev-sched', 'm5.large', 0.096, 0, 50, 'running', 'preview', '2026-02-01', NULL, 'daily 00-12'),
  ('54545454-0000-0000-0000-000000000001', 'i-stopped', 'm5.large', 0.096, 0, 0, 'stopped', 'prod', '2026-01-01', '2026-01-01', NULL),
  ('54545454-0000-0000-0000-000000000001', 'i-idle-eip', 'm5.xlarge', 0.192, 0, 1, 'running', 'prod', '2026-01-01', NULL, NULL);
INSERT INTO finsim.volumes (account_id, volume_id, size_gib, volume_type, state, attached_instance_id, monthly_cost, last_used_at, avg_iops_7d, tags) VALUES
  ('54545454-0000-0000-0000-000000000001', 'vol-stopped-a', 100, 'gp3', 'in-use', 'i-stopped', 8, '2026-02-28', 100, '{}'),
  ('54545454-0000-0000-0000-000000000001', 'vol-stopped-b', 50, 'gp3', 'in-use', 'i-stopped', 4, '2026-02-28', 100, '{}'),
  -- 500 GiB io1 unattached: one without a snapshot (snapshot_first), one already backed up
  ('54545454-0000-0000-0000-000000000001', 'vol-io1-nosnap', 500, 'io1', 'available', NULL, 62.5, NULL, 5000, '{}'),
  ('54545454-0000-0000-0000-000000000001', 'vol-io1-snap', 500, 'io1', 'available', NULL, 62.5, NULL, 5000, '{}');
INSERT INTO finsim.snapshots (account_id, snapshot_id, source_volume_id, size_gib, monthly_cost, created_at, retention_policy) VALUES
  ('54545454-0000-0000-0000-000000000001', 'snap-of-io1', 'vol-io1-snap', 500, 25, '2026-02-28', 'monthly-12');
INSERT INTO finsim.elastic_ips (account_id, allocation_id, public_ip, state, associated_instance_id, hourly_cost, tags) VALUES
  ('54545454-0000-0000-0000-000000000001', 'eipalloc-54a', '198.51.100.54', 'associated', 'i-stopped', 0, '{}'),
  ('54545454-0000-0000-0000-000000000001', 'eipalloc-54b', '198.51.100.55', 'associated', 'i-idle-eip', 0, '{}');

-- containers: a cluster at its minimum with an idle node, and a stopped node -------------
INSERT INTO finsim.container_clusters (account_id, name, env, node_instance_type, desired_nodes, min_nodes, max_nodes, estimated_hourly_cost) VALUES
  ('54545454-0000-0000-0000-000000000001', 'c-at-min', 'prod', 'm5.large', 2, 2, 5, 0.292);
INSERT INTO finsim.container_nodes (account_id, cluster_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, has_gpu, gpu_count, avg_cpu_7d)
SELECT '54545454-0000-0000-0000-000000000001', c.id, v.iid, 'm5.large', v.st, 0.096, 0, false, 0, v.cpu
  FROM (VALUES ('n-idle', 'running', 10), ('n-busy', 'running', 80), ('n-stopped', 'stopped', 0)) v(iid, st, cpu)
  JOIN finsim.container_clusters c ON c.name = 'c-at-min';

-- databases and caches: the guide's figures ---------------------------------------------
INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, hourly_cost, storage_monthly_cost, avg_cpu_7d, avg_connections_7d, state, allocated_storage_gib, used_storage_gib) VALUES
  ('54545454-0000-0000-0000-000000000001', 'rds-r5-2xl', 'db.r5.2xlarge', 0.48, 2.3, 5, 50, 'available', 20, 15),
  ('54545454-0000-0000-0000-000000000001', 'rds-stopped', 'db.m5.large', 0.171, 23, 0, 0, 'stopped', 200, 150);
INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type, num_nodes, env, hourly_cost, avg_cpu_7d, avg_memory_7d) VALUES
  ('54545454-0000-0000-0000-000000000001', 'cache-r6g-xl', 'cache.r6g.xlarge', 1, 'prod', 0.252, 3, 50);

-- managed services, streams, API keys ------------------------------------------------------
INSERT INTO finsim.managed_services (account_id, service_type, name, env, instance_type, node_count, hourly_cost, avg_cpu_7d) VALUES
  ('54545454-0000-0000-0000-000000000001', 'opensearch', 'mg-dev-24x7', 'dev', 't3.small.search', 1, 0.036, 50),
  ('54545454-0000-0000-0000-000000000001', 'opensearch', 'mg-prod-24x7', 'prod', 't3.small.search', 1, 0.036, 50);
INSERT INTO finsim.streaming_clusters (account_id, name, engine, env, shard_count, retention_hours, provisioned_throughput_mbps, avg_usage_mbps_7d, hourly_cost) VALUES
  ('54545454-0000-0000-0000-000000000001', 'st-prod-168h', 'kinesis', 'prod', 2, 168, 2, 1.9, 0.07);
INSERT INTO finsim.api_clients (account_id, name, access_key_id, secret_key_hash, last_used_at) VALUES
  ('54545454-0000-0000-0000-000000000001', 'key-over-90d', 'AK54OVER', 'x', '2025-11-30 23:59:59'),
  ('54545454-0000-0000-0000-000000000001', 'key-at-90d', 'AK54AT', 'x', '2025-12-01 00:00:00'),
  ('54545454-0000-0000-0000-000000000001', 'key-under-90d', 'AK54UNDER', 'x', '2025-12-01 00:00:01');

CREATE TEMP TABLE f54 AS
  SELECT f.*, pg_temp.try_finding(f.resource_type, f.resource_id, f.recommended_action, f.action_params) AS res
    FROM finsim.waste_findings('54545454-0000-0000-0000-000000000001') f;
-- Billed cost of each resource now (the applies above were rolled back).
CREATE TEMP TABLE c54 AS
  SELECT resource_type, resource_name, monthly_cost FROM finsim.resource_costs
   WHERE account_id = '54545454-0000-0000-0000-000000000001';

-- Every applied finding saved what it promised (within a cent); no finding was refused.
SELECT is_empty($$SELECT pattern, resource_name, res FROM f54
                   WHERE res->>'outcome' NOT IN ('applied', 'recommended')$$,
  'every finding of the account is accepted by apply_action as-is');
SELECT is_empty($$SELECT pattern, resource_name, est_monthly_savings, res->'est_monthly_savings' FROM f54
                   WHERE res->>'outcome' = 'applied'
                     AND abs((res->>'est_monthly_savings')::numeric - est_monthly_savings) > 0.01$$,
  'every applied finding saves exactly its est_monthly_savings (the run-rate drop)');

-- 1. previous generation: family change allowed
SELECT is((SELECT action_params FROM f54 WHERE pattern = 'previous_generation_instance' AND resource_name = 'i-gen'),
          '{"instance_type": "m5.large", "allow_family_change": true}'::jsonb,
          'previous_generation_instance: m4.large -> m5.large with allow_family_change');
SELECT is((SELECT res->>'outcome' FROM f54 WHERE pattern = 'previous_generation_instance' AND resource_name = 'i-gen'),
          'applied', 'previous_generation_instance: apply_action accepts the change of family');

-- 2. a stopped node: accepted, and its promise is what resource_costs bills for it
SELECT is((SELECT res->>'outcome' FROM f54 WHERE pattern = 'node_orphaned' AND resource_name = 'n-stopped'),
          'applied', 'node_orphaned: remove_node is accepted for a stopped node');
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'node_orphaned' AND resource_name = 'n-stopped'),
          (SELECT round(monthly_cost, 2) FROM c54 WHERE resource_type = 'container_nodes' AND resource_name = 'n-stopped'),
          'node_orphaned: savings = what resource_costs bills for the stopped node');
SELECT is((SELECT (res->>'est_monthly_savings')::numeric FROM f54 WHERE pattern = 'node_orphaned' AND resource_name = 'n-stopped'),
          0::numeric, 'node_orphaned: removing a stopped node changes no bill');

-- 3. idle node of a cluster at min_nodes
SELECT is((SELECT action_params FROM f54 WHERE pattern = 'node_underutilized' AND resource_name = 'n-idle'),
          '{"lower_min_nodes": true}'::jsonb, 'node_underutilized at min_nodes: remove_node lowers min_nodes');
SELECT is((SELECT res->>'outcome' FROM f54 WHERE pattern = 'node_underutilized' AND resource_name = 'n-idle'),
          'applied', 'node_underutilized at min_nodes: accepted');
SELECT is((SELECT (res->'changes'->'cluster_min_nodes')::text FROM f54 WHERE pattern = 'node_underutilized' AND resource_name = 'n-idle'),
          '[2, 1]', 'node_underutilized at min_nodes: min_nodes 2 -> 1 with desired');
SELECT is((SELECT (res->>'est_monthly_savings')::numeric FROM f54 WHERE pattern = 'node_underutilized' AND resource_name = 'n-idle'),
          round(0.096 * 730, 6), 'node_underutilized: the node''s bill is saved');
SELECT is((SELECT o.outcome FROM finsim.container_nodes n, finsim.apply_action('container_nodes', n.id::text, 'remove_node') o
            WHERE n.instance_id = 'n-busy'),
          'refused', 'remove_node without lower_min_nodes is still refused at min_nodes');
-- (that refusal is recorded and harmless; the estate is unchanged)

-- 4. stopped instance: terminated with its volumes, its EIP released (so none starts billing)
SELECT is((SELECT action_params FROM f54 WHERE pattern = 'stopped_instance' AND resource_name = 'i-stopped'),
          '{"delete_volumes": true, "release_eips": true}'::jsonb, 'stopped_instance: terminate_instance with delete_volumes and release_eips');
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'stopped_instance' AND resource_name = 'i-stopped'),
          8 + 4.00, 'stopped_instance: both attached volumes');
SELECT is((SELECT (res->>'est_monthly_savings')::numeric FROM f54 WHERE pattern = 'stopped_instance' AND resource_name = 'i-stopped'),
          (8 + 4)::numeric, 'stopped_instance: the action saves that (nothing starts billing)');
SELECT is((SELECT res->'changes'->>'volumes_deleted' || '/' || (res->'changes'->>'eips_released')
             FROM f54 WHERE pattern = 'stopped_instance' AND resource_name = 'i-stopped'),
          '2/1', 'stopped_instance: both attached volumes deleted, the EIP released');
SELECT is((SELECT (res->>'est_monthly_savings')::numeric FROM f54 WHERE pattern = 'idle_instance' AND resource_name = 'i-idle-eip'),
          round(0.192 * 730, 6), 'idle_instance with an EIP: terminating it (EIP released) saves the full instance cost');

-- 5. schedules: savings are what the instance bills (resource_costs)
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'idle_instance' AND resource_name = 'i-idle-sched'),
          round(0.192 * 730 * 5 / 7 * 12 / 24, 2), 'idle_instance on weekdays 08-20: 5/7 x 12/24 of the 24/7 cost');
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'idle_instance' AND resource_name = 'i-idle-sched'),
          (SELECT round(monthly_cost, 2) FROM c54 WHERE resource_type = 'instances' AND resource_name = 'i-idle-sched'),
          'idle_instance on a schedule: savings = the instance''s resource_costs');
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'oversized_instance' AND resource_name = 'i-over-sched'),
          round((0.384 - 0.096) * 730 * 5 / 7 * 12 / 24, 2), 'oversized_instance on a schedule: price difference x running share');
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'forgotten_preview' AND resource_name = 'i-prev-sched'),
          round(0.096 * 730 * 12 / 24, 2), 'forgotten_preview on daily 00-12: half the 24/7 cost');
SELECT ok((SELECT bool_and(res->>'outcome' = 'applied') FROM f54
            WHERE resource_name IN ('i-idle-sched', 'i-over-sched', 'i-prev-sched')
              AND pattern IN ('idle_instance', 'oversized_instance', 'forgotten_preview')),
          'scheduled instances: the actions are applied (and saved the promise, above)');

-- 6. snapshots the params create are netted out
SELECT is((SELECT action_params FROM f54 WHERE pattern = 'unattached_volume' AND resource_name = 'vol-io1-nosnap'),
          '{"snapshot_first": true}'::jsonb, 'unattached_volume without a snapshot: snapshot first');
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'unattached_volume' AND resource_name = 'vol-io1-nosnap'),
          62.50 - 500 * 0.05, 'unattached_volume with snapshot_first: $62.50 less the $25 snapshot');
SELECT is((SELECT action_params FROM f54 WHERE pattern = 'unattached_volume' AND resource_name = 'vol-io1-snap'),
          '{"snapshot_first": false}'::jsonb, 'unattached_volume already backed up: no new snapshot');
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'unattached_volume' AND resource_name = 'vol-io1-snap'),
          62.50, 'unattached_volume already backed up: the guide''s $62.50');
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'rds_stopped' AND resource_name = 'rds-stopped'),
          23 - 200 * 0.05, 'rds_stopped with final_snapshot: storage less the final snapshot');
SELECT is((SELECT (res->>'est_monthly_savings')::numeric FROM f54 WHERE pattern = 'rds_stopped' AND resource_name = 'rds-stopped'),
          (23 - 200 * 0.05)::numeric, 'rds_stopped: delete_rds saves that');

-- 7. two sizes down at very low CPU: the guide's figures within 2%
SELECT is((SELECT action_params->>'instance_class' FROM f54 WHERE pattern = 'rds_oversized' AND resource_name = 'rds-r5-2xl'),
          'db.r5.large', 'rds_oversized at 5% CPU: db.r5.2xlarge -> db.r5.large');
SELECT ok((SELECT abs(est_monthly_savings - 259) / 259 <= 0.02 FROM f54 WHERE pattern = 'rds_oversized' AND resource_name = 'rds-r5-2xl'),
          'rds_oversized: the guide''s $259/month within 2%');
SELECT is((SELECT action_params->>'node_type' FROM f54 WHERE pattern = 'cache_oversized' AND resource_name = 'cache-r6g-xl'),
          'cache.r6g.medium', 'cache_oversized at 3% CPU: r6g.xlarge -> r6g.medium');
SELECT ok((SELECT abs(est_monthly_savings - 136) / 136 <= 0.02 FROM f54 WHERE pattern = 'cache_oversized' AND resource_name = 'cache-r6g-xl'),
          'cache_oversized: the guide''s $136/month per node within 2%');

-- 9. managed service running 24/7 in dev: recommended, 65%
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'managed_always_on' AND resource_name = 'mg-dev-24x7'),
          round(0.036 * 730 * 0.65, 2), 'managed_always_on: 65% of the dev service''s cost');
SELECT ok(NOT EXISTS (SELECT 1 FROM f54 WHERE pattern = 'managed_always_on' AND resource_name = 'mg-prod-24x7'),
          'managed_always_on: prod is not reported');
SELECT is((SELECT res->>'outcome' FROM f54 WHERE pattern = 'managed_always_on' AND resource_name = 'mg-dev-24x7'),
          'recommended', 'managed_always_on: its recommend action records a recommendation');
SELECT is((SELECT (res->>'est_monthly_savings')::numeric FROM f54 WHERE pattern = 'managed_always_on' AND resource_name = 'mg-dev-24x7'),
          round(0.036 * 730 * 0.65, 2), 'managed_always_on: the recommendation carries the finding''s savings');

-- 10. prod streams with long retention
SELECT is((SELECT est_monthly_savings FROM f54 WHERE pattern = 'stream_excess_retention' AND resource_name = 'st-prod-168h'),
          round(2 * 0.02 * 730, 2), 'stream_excess_retention fires for a prod stream (168 h)');
SELECT is((SELECT res->>'outcome' FROM f54 WHERE pattern = 'stream_excess_retention' AND resource_name = 'st-prod-168h'),
          'applied', 'stream_excess_retention: resize_stream accepted');

-- 11. API keys: 90 days is reported
SELECT ok(EXISTS (SELECT 1 FROM f54 WHERE pattern = 'api_key_unused' AND resource_name = 'key-over-90d'),
          'api_key_unused: just over 90 days reported');
SELECT ok(EXISTS (SELECT 1 FROM f54 WHERE pattern = 'api_key_unused' AND resource_name = 'key-at-90d'),
          'api_key_unused: exactly 90 days reported');
SELECT ok(NOT EXISTS (SELECT 1 FROM f54 WHERE pattern = 'api_key_unused' AND resource_name = 'key-under-90d'),
          'api_key_unused: just under 90 days not reported');

-- The registry documents the new pattern.
SELECT is((SELECT recommended_action FROM finsim.patterns() WHERE code = 'managed_always_on'), 'recommend',
          'patterns() lists managed_always_on');

SELECT * FROM finish();
ROLLBACK;
