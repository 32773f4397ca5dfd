-- bench/drift_floor.sql: the set-based SQL floor for one day: per resource table one UPDATE of
-- the live metric columns and one INSERT ... SELECT of a metrics_daily row per resource
-- (metrics from hashtext, no model, no 7-day recomputation, no events).  Rolled back.
\set ON_ERROR_STOP 1
BEGIN;
\timing on
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'instances', id::text, '2026-01-11', jsonb_build_object('cpu_avg', abs(hashtext(id::text)) % 100,
         'cpu_max', 100, 'memory_avg', 50, 'network', 1, 'disk', 10), hourly_cost * 24
  FROM finsim.instances WHERE account_id = :'acct';
UPDATE finsim.instances SET current_cpu = abs(hashtext(id::text)) % 100, current_memory = 50,
       avg_cpu_7d = 20, avg_network_7d = 1, last_active_at = '2026-01-11' WHERE account_id = :'acct';
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'volumes', id::text, '2026-01-11', jsonb_build_object('cpu_avg', 0, 'cpu_max', 0,
         'memory_avg', 0, 'network', 0, 'disk', abs(hashtext(id::text)) % 100), monthly_cost / 30.4
  FROM finsim.volumes WHERE account_id = :'acct';
UPDATE finsim.volumes SET avg_iops_7d = abs(hashtext(id::text)) % 3000, last_used_at = '2026-01-11' WHERE account_id = :'acct';
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'rds_instances', id::text, '2026-01-11', jsonb_build_object('cpu_avg', abs(hashtext(id::text)) % 100,
         'cpu_max', 100, 'memory_avg', 50, 'network', 1, 'disk', 10, 'connections', 5), hourly_cost * 24
  FROM finsim.rds_instances WHERE account_id = :'acct';
UPDATE finsim.rds_instances SET avg_cpu_7d = abs(hashtext(id::text)) % 100, avg_connections_7d = 5 WHERE account_id = :'acct';
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'load_balancers', id::text, '2026-01-11', jsonb_build_object('cpu_avg', 0, 'cpu_max', 0,
         'memory_avg', 0, 'network', 1, 'disk', 0, 'requests', abs(hashtext(id::text)) % 1000), hourly_cost * 24
  FROM finsim.load_balancers WHERE account_id = :'acct';
UPDATE finsim.load_balancers SET avg_request_count_7d = abs(hashtext(id::text)) % 1000 WHERE account_id = :'acct';
INSERT INTO finsim.metrics_daily (account_id, resource_type, resource_id, date, metric_payload, estimated_daily_cost)
  SELECT account_id, 'lambda_functions', id::text, '2026-01-11', jsonb_build_object('cpu_avg', 0, 'cpu_max', 0,
         'memory_avg', 0, 'network', 0, 'disk', 0, 'invocations', abs(hashtext(id::text)) % 1000), 0.01
  FROM finsim.lambda_functions WHERE account_id = :'acct';
UPDATE finsim.lambda_functions SET invocations_7d = abs(hashtext(id::text)) % 1000, avg_duration_ms_7d = 50 WHERE account_id = :'acct';
\timing off
ROLLBACK;
