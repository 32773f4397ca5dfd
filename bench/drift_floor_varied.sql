-- bench/drift_floor_varied.sql: the same set-based floor as drift_floor.sql — per resource
-- table one UPDATE of the live metric columns and one INSERT ... SELECT of a metrics_daily row
-- per resource, no model, no 7-day recomputation, no events — but every value it writes varies
-- per resource with the precision the tick writes (percentages with 2 decimals, network with
-- 3, 7-day averages with 4), from hashtext.  drift_floor.sql writes mostly constants (cpu_max
-- 100, memory_avg 50, avg_cpu_7d 20 ...): its GIN entries on metric_payload and its keys in
-- instances_idle_idx (account_id, avg_cpu_7d) collapse to a handful of values, which makes
-- those index insertions cheaper than for any real day.  Rolled back.
\set ON_ERROR_STOP 1
BEGIN;
\timing on
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'instances', id::text, '2026-01-11', jsonb_build_object(
         'cpu_avg', (abs(hashtext(id::text || 'c')) % 10000) / 100.0,
         'cpu_max', (abs(hashtext(id::text || 'x')) % 10000) / 100.0,
         'memory_avg', (abs(hashtext(id::text || 'm')) % 10000) / 100.0,
         'network', (abs(hashtext(id::text || 'n')) % 100000) / 1000.0,
         'disk', (abs(hashtext(id::text || 'd')) % 10000) / 100.0), hourly_cost * 24
  FROM finsim.instances WHERE account_id = :'acct';
UPDATE finsim.instances SET current_cpu = (abs(hashtext(id::text || 'c')) % 10000) / 100.0,
       current_memory = (abs(hashtext(id::text || 'm')) % 10000) / 100.0,
       avg_cpu_7d = (abs(hashtext(id::text || 'a')) % 1000000) / 10000.0,
       avg_network_7d = (abs(hashtext(id::text || 'w')) % 1000000) / 10000.0,
       last_active_at = '2026-01-11' WHERE account_id = :'acct';
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'volumes', id::text, '2026-01-11', jsonb_build_object(
         'cpu_avg', 0, 'cpu_max', 0, 'memory_avg', 0, 'network', 0,
         'disk', (abs(hashtext(id::text || 'd')) % 10000) / 100.0,
         'iops', (abs(hashtext(id::text || 'i')) % 300000) / 100.0), monthly_cost / 30.4
  FROM finsim.volumes WHERE account_id = :'acct';
UPDATE finsim.volumes SET avg_iops_7d = (abs(hashtext(id::text || 'a')) % 30000000) / 10000.0,
       last_used_at = '2026-01-11' WHERE account_id = :'acct';
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'rds_instances', id::text, '2026-01-11', jsonb_build_object(
         'cpu_avg', (abs(hashtext(id::text || 'c')) % 10000) / 100.0,
         'cpu_max', (abs(hashtext(id::text || 'x')) % 10000) / 100.0,
         'memory_avg', (abs(hashtext(id::text || 'm')) % 10000) / 100.0,
         'network', (abs(hashtext(id::text || 'n')) % 100000) / 1000.0,
         'disk', (abs(hashtext(id::text || 'd')) % 10000) / 100.0,
         'connections', (abs(hashtext(id::text || 'k')) % 10000) / 100.0), hourly_cost * 24
  FROM finsim.rds_instances WHERE account_id = :'acct';
UPDATE finsim.rds_instances SET avg_cpu_7d = (abs(hashtext(id::text || 'a')) % 1000000) / 10000.0,
       avg_connections_7d = (abs(hashtext(id::text || 'k')) % 1000000) / 10000.0 WHERE account_id = :'acct';
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'load_balancers', id::text, '2026-01-11', jsonb_build_object(
         'cpu_avg', 0, 'cpu_max', 0, 'memory_avg', 0,
         'network', (abs(hashtext(id::text || 'n')) % 100000) / 1000.0, 'disk', 0,
         'requests', (abs(hashtext(id::text || 'r')) % 10000000) / 100.0), hourly_cost * 24
  FROM finsim.load_balancers WHERE account_id = :'acct';
UPDATE finsim.load_balancers SET avg_request_count_7d = (abs(hashtext(id::text || 'r')) % 100000000) / 10000.0
 WHERE account_id = :'acct';
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'lambda_functions', id::text, '2026-01-11', jsonb_build_object(
         'cpu_avg', 0, 'cpu_max', 0, 'memory_avg', 0, 'network', 0, 'disk', 0,
         'invocations', abs(hashtext(id::text || 'v')) % 100000,
         'duration_ms', (abs(hashtext(id::text || 'u')) % 200000) / 100.0), 0.01
  FROM finsim.lambda_functions WHERE account_id = :'acct';
UPDATE finsim.lambda_functions SET invocations_7d = abs(hashtext(id::text || 'v')) % 700000,
       avg_duration_ms_7d = (abs(hashtext(id::text || 'u')) % 2000000) / 1000.0 WHERE account_id = :'acct';
\timing off
ROLLBACK;
