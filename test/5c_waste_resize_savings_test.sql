-- Resize findings save what the resize takes off the bill, also where a hand-written row's
-- cost column is not the catalog's: finsim.apply_action re-prices the resized resource from
-- the catalog, so a finding's saving is the row's billed hourly_cost less the catalog rate
-- after the change, x 730 (rds_oversized, cache_oversized, cache_low_memory,
-- cache_ha_in_dev, managed_oversized, managed_ha_in_dev, stream_overprovisioned,
-- stream_excess_retention).  Before, these priced the change from the catalog alone (or as
-- a share of hourly_cost) and promised, e.g., $91.98 for a resize that saves $208.78.
BEGIN;
SELECT plan(10);
\ir fixtures/handwritten_rows.sql
\ir fixtures/try_finding.sql
INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('5c5c5c5c-0000-0000-0000-000000000001', 'resize-savings', '2026-03-01 00:00:00+00');
-- Off-catalog hourly costs (a negotiated or stale rate; the catalog rate is in brackets).
INSERT INTO finsim.rds_instances (account_id, db_instance_id, instance_class, hourly_cost, storage_monthly_cost, avg_cpu_7d, avg_connections_7d, state, allocated_storage_gib, used_storage_gib) VALUES
  ('5c5c5c5c-0000-0000-0000-000000000001', 'rds-offcat', 'db.r5.xlarge', 0.30, 2.3, 15, 50, 'available', 20, 15);      -- [0.24]
INSERT INTO finsim.cache_clusters (account_id, cluster_id, node_type, num_nodes, env, hourly_cost, avg_cpu_7d, avg_memory_7d) VALUES
  ('5c5c5c5c-0000-0000-0000-000000000001', 'cache-mem-offcat', 'cache.r6g.large', 2, 'prod', 0.30, 50, 10),      -- [0.252]
  ('5c5c5c5c-0000-0000-0000-000000000001', 'cache-ha-offcat', 'cache.r6g.large', 3, 'dev', 0.45, 50, 50);        -- [0.378]
INSERT INTO finsim.streaming_clusters (account_id, name, engine, env, shard_count, retention_hours, provisioned_throughput_mbps, avg_usage_mbps_7d, hourly_cost) VALUES
  -- kafka: brokers keep their rate, retention is not billed: nothing to save by shortening it
  ('5c5c5c5c-0000-0000-0000-000000000001', 'kafka-168h', 'kafka', 'prod', 3, 168, 3, 2.5, 0.63);

CREATE TEMP TABLE f5c AS
  SELECT f.*, pg_temp.try_finding(f.resource_type, f.resource_id, f.recommended_action, f.action_params) AS res
    FROM finsim.waste_findings() f
   WHERE f.account_id IN ('00000000-0000-4000-8000-0000000000a1', '5c5c5c5c-0000-0000-0000-000000000001');

-- The guide-shaped fixture: cache 'sessions' (2 x r6g.large at 0.412/h) and stream
-- 'clickstream' (kinesis, 168 h, hourly_cost without the extended-retention charge).
SELECT is((SELECT est_monthly_savings FROM f5c WHERE pattern = 'cache_oversized' AND resource_name = 'sessions'),
          round((0.412 - 2 * 0.063) * 730, 2), 'cache_oversized: the billed 0.412/h less 2 x r6g.medium');
SELECT is((SELECT est_monthly_savings FROM f5c WHERE pattern = 'stream_overprovisioned' AND resource_name = 'clickstream'),
          round((0.06 - 1 * (0.015 + 0.02)) * 730, 2), 'stream_overprovisioned: the billed rate less 1 shard at 168 h (shard + extended retention)');
SELECT is((SELECT est_monthly_savings FROM f5c WHERE pattern = 'stream_excess_retention' AND resource_name = 'clickstream'),
          0.00, 'stream_excess_retention: a rate that holds no retention charge saves nothing by cutting it');
SELECT is((SELECT est_monthly_savings FROM f5c WHERE pattern = 'rds_oversized' AND resource_name = 'rds-offcat'),
          round((0.30 - 0.12) * 730, 2), 'rds_oversized: the billed 0.30/h less db.r5.large');
SELECT is((SELECT est_monthly_savings FROM f5c WHERE pattern = 'cache_low_memory' AND resource_name = 'cache-mem-offcat'),
          round((0.30 - 2 * 0.063) * 730, 2), 'cache_low_memory: the billed rate less 2 x the smaller type');
SELECT is((SELECT est_monthly_savings FROM f5c WHERE pattern = 'cache_ha_in_dev' AND resource_name = 'cache-ha-offcat'),
          round((0.45 - 0.126) * 730, 2), 'cache_ha_in_dev: the billed rate less one node');
SELECT is((SELECT est_monthly_savings FROM f5c WHERE pattern = 'stream_excess_retention' AND resource_name = 'kafka-168h'),
          0.00, 'stream_excess_retention on kafka: 0 (brokers keep their rate)');
SELECT ok((SELECT count(*) FROM f5c WHERE pattern IN ('rds_oversized', 'cache_oversized', 'cache_low_memory', 'cache_ha_in_dev',
                                                      'managed_oversized', 'managed_ha_in_dev', 'stream_overprovisioned',
                                                      'stream_excess_retention')) >= 9,
          'the resize patterns all fire on these rows');
SELECT is_empty($$SELECT pattern, resource_name, res FROM f5c WHERE res->>'outcome' NOT IN ('applied', 'recommended')$$,
  'every finding is accepted by apply_action as-is');
-- Exceptions as in test/55: savings that arrive on later virtual days or with fewer nodes.
SELECT is_empty($$SELECT pattern, resource_name, est_monthly_savings, res->'est_monthly_savings' FROM f5c
                   WHERE res->>'outcome' = 'applied'
                     AND pattern NOT IN ('s3_no_lifecycle', 's3_cold_data', 'log_infinite_retention',
                                         'service_overrequested_cpu', 'service_overrequested_memory', 'service_excess_replicas')
                     AND abs((res->>'est_monthly_savings')::numeric - est_monthly_savings) > 0.01$$,
  'every applied finding of these hand-written rows saves its est_monthly_savings (within a cent)');

SELECT * FROM finish();
ROLLBACK;
