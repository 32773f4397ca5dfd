-- Every action of the registry applied on hand-written resources: effect, re-pricing,
-- dependent effects and the audit trail.
BEGIN;
SELECT plan(82);

-- Fixture: one account at virtual time 2026-01-01, explicit costs everywhere.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('a0000000-0000-0000-0000-000000000001', 'act-apply', '2026-01-01 00:00+00');
\set A '''a0000000-0000-0000-0000-000000000001'''

INSERT INTO finsim.autoscaling_groups (id, account_id, name, min_size, max_size, desired_capacity, instance_type)
VALUES ('a1000000-0000-0000-0000-000000000001', :A, 'web', 1, 5, 3, 'm5.large');
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, launch_time, autoscaling_group_id) VALUES
  ('10000000-0000-0000-0000-000000000001', :A, 'i-run',   'm5.xlarge', 'running', 0.192, 0, '2025-01-01', NULL),
  ('10000000-0000-0000-0000-000000000002', :A, 'i-stop',  'm5.large',  'running', 0.096, 0, '2025-01-01', NULL),
  ('10000000-0000-0000-0000-000000000003', :A, 'i-start', 'm5.large',  'stopped', 0.096, 0, '2025-01-01', NULL),
  ('10000000-0000-0000-0000-000000000004', :A, 'i-right', 'm5.xlarge', 'running', 0.192, 0, '2025-01-01', NULL),
  ('10000000-0000-0000-0000-000000000005', :A, 'i-sched', 'm5.large',  'running', 0.096, 0, '2025-01-01', NULL),
  ('10000000-0000-0000-0000-000000000011', :A, 'i-g1', 'm5.large', 'running', 0.096, 0, '2025-01-01', 'a1000000-0000-0000-0000-000000000001'),
  ('10000000-0000-0000-0000-000000000012', :A, 'i-g2', 'm5.large', 'running', 0.096, 0, '2025-02-01', 'a1000000-0000-0000-0000-000000000001'),
  ('10000000-0000-0000-0000-000000000013', :A, 'i-g3', 'm5.large', 'running', 0.096, 0, '2025-03-01', 'a1000000-0000-0000-0000-000000000001');
INSERT INTO finsim.lambda_functions (id, account_id, name, memory_mb, timeout_seconds, provisioned_concurrency, estimated_monthly_cost) VALUES
  ('20000000-0000-0000-0000-000000000001', :A, 'conc', 1024, 30, 10, 79.998948),
  ('20000000-0000-0000-0000-000000000002', :A, 'mem',  1024, 30, 10, 79.998948),
  ('20000000-0000-0000-0000-000000000003', :A, 'tmo',  128, 900, 0, 0);
INSERT INTO finsim.container_clusters (id, account_id, name, node_instance_type, min_nodes, desired_nodes, max_nodes, estimated_hourly_cost) VALUES
  ('30000000-0000-0000-0000-000000000001', :A, 'c1', 'm5.large', 1, 3, 5, 0.388),
  ('30000000-0000-0000-0000-000000000002', :A, 'c2', 'm5.large', 0, 2, 3, 0.292);
INSERT INTO finsim.container_nodes (id, account_id, cluster_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost) VALUES
  ('31000000-0000-0000-0000-000000000001', :A, '30000000-0000-0000-0000-000000000001', 'i-n1', 'm5.large', 0.096, 0),
  ('31000000-0000-0000-0000-000000000002', :A, '30000000-0000-0000-0000-000000000001', 'i-n2', 'm5.large', 0.096, 0),
  ('31000000-0000-0000-0000-000000000003', :A, '30000000-0000-0000-0000-000000000001', 'i-n3', 'm5.large', 0.096, 0),
  ('31000000-0000-0000-0000-000000000004', :A, '30000000-0000-0000-0000-000000000002', 'i-n4', 'm5.large', 0.096, 0);
INSERT INTO finsim.container_services (id, account_id, cluster_id, name, requested_cpu, requested_memory_mb, replica_count)
VALUES ('32000000-0000-0000-0000-000000000001', :A, '30000000-0000-0000-0000-000000000001', 'api', 2, 4096, 4);
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, attached_instance_id, monthly_cost) VALUES
  ('40000000-0000-0000-0000-000000000001', :A, 'vol-att',  50, 'gp3', 'in-use', 'i-run', 4),
  ('40000000-0000-0000-0000-000000000002', :A, 'vol-free', 100, 'gp2', 'available', NULL, 10),
  ('40000000-0000-0000-0000-000000000003', :A, 'vol-type', 100, 'gp2', 'in-use', 'i-stop', 10);
INSERT INTO finsim.snapshots (id, account_id, snapshot_id, size_gib, monthly_cost, created_at) VALUES
  ('41000000-0000-0000-0000-000000000001', :A, 'snap-old', 20, 1, '2024-01-01'),
  ('41000000-0000-0000-0000-000000000002', :A, 'snap-keep', 20, 1, '2025-12-30');
INSERT INTO finsim.s3_buckets (id, account_id, name) VALUES ('42000000-0000-0000-0000-000000000001', :A, 'logs-bucket');
INSERT INTO finsim.rds_instances (id, account_id, db_instance_id, instance_class, allocated_storage_gib, hourly_cost, storage_monthly_cost) VALUES
  ('50000000-0000-0000-0000-000000000001', :A, 'db-big',  'db.m5.xlarge', 100, 0.342, 11.5),
  ('50000000-0000-0000-0000-000000000002', :A, 'db-stop', 'db.m5.large',  100, 0.171, 11.5),
  ('50000000-0000-0000-0000-000000000003', :A, 'db-old',  'db.m5.large',  200, 0.171, 23);
INSERT INTO finsim.cache_clusters (id, account_id, cluster_id, node_type, num_nodes, hourly_cost)
VALUES ('51000000-0000-0000-0000-000000000001', :A, 'redis-1', 'cache.r6g.xlarge', 2, 0.504);
INSERT INTO finsim.load_balancers (id, account_id, lb_arn, name, hourly_cost)
VALUES ('60000000-0000-0000-0000-000000000001', :A, 'arn:lb/idle', 'idle', 0.0219);
INSERT INTO finsim.elastic_ips (id, account_id, allocation_id, public_ip, associated_instance_id, associated_lb_arn, state, hourly_cost) VALUES
  ('61000000-0000-0000-0000-000000000001', :A, 'eipalloc-inst', '10.0.0.1', 'i-run', NULL, 'associated', 0),
  ('61000000-0000-0000-0000-000000000002', :A, 'eipalloc-lb',   '10.0.0.2', NULL, 'arn:lb/idle', 'associated', 0),
  ('61000000-0000-0000-0000-000000000003', :A, 'eipalloc-free', '10.0.0.3', NULL, NULL, 'unassociated', 0.005);
INSERT INTO finsim.log_groups (id, account_id, name) VALUES ('70000000-0000-0000-0000-000000000001', :A, '/app/debug');
INSERT INTO finsim.managed_services (id, account_id, service_type, name, instance_type, node_count, hourly_cost)
VALUES ('80000000-0000-0000-0000-000000000001', :A, 'opensearch', 'search', 'r6g.xlarge.search', 2, 0.67);
INSERT INTO finsim.streaming_clusters (id, account_id, name, engine, shard_count, retention_hours, provisioned_throughput_mbps, hourly_cost)
VALUES ('81000000-0000-0000-0000-000000000001', :A, 'events', 'kinesis', 4, 24, 4, 0.06);
INSERT INTO finsim.api_clients (id, account_id, name, access_key_id, secret_key_hash)
VALUES ('90000000-0000-0000-0000-000000000001', :A, 'old-bot', 'AKIAOLDBOT', 'x');

-- Is the audit trigger (helper "schema") live?  Probe on a throwaway change.
UPDATE finsim.log_groups SET retention_days = 7 WHERE id = '70000000-0000-0000-0000-000000000001';
CREATE TEMP TABLE audit_live AS
  SELECT EXISTS (SELECT 1 FROM finsim.resource_change_events WHERE field_name = 'retention_days') AS live;
UPDATE finsim.log_groups SET retention_days = NULL WHERE id = '70000000-0000-0000-0000-000000000001';
DELETE FROM finsim.resource_change_events;

CREATE TEMP TABLE res AS SELECT ''::text AS action, NULL::text AS outcome, NULL::numeric AS savings, NULL::jsonb AS changes LIMIT 0;
CREATE FUNCTION pg_temp.act(rt text, id text, action text, params jsonb DEFAULT '{}') RETURNS text
  LANGUAGE sql AS $$
  INSERT INTO res SELECT action, r.outcome, r.est_monthly_savings, r.changes
    FROM finsim.apply_action(rt, id, action, params, 'test: ' || action) r
  RETURNING outcome $$;

SELECT is((SELECT count(*)::int FROM finsim.actions()), 28, 'the registry lists 28 actions');

-- EC2
SELECT is(pg_temp.act('instances', '10000000-0000-0000-0000-000000000001', 'terminate_instance'), 'applied', 'terminate_instance applied');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-run'), 'terminated', 'instance terminated');
SELECT is((SELECT state || '/' || COALESCE(attached_instance_id, '-') FROM finsim.volumes WHERE volume_id = 'vol-att'), 'available/-', 'cascade: its volume is detached (available)');
SELECT is((SELECT state || '/' || COALESCE(associated_instance_id, '-') || '/' || hourly_cost FROM finsim.elastic_ips WHERE allocation_id = 'eipalloc-inst'),
          'unassociated/-/0.005', 'cascade: its EIP is unassociated and now costs 0.005/h');
SELECT is((SELECT savings FROM res WHERE action = 'terminate_instance'), round(0.192 * 730 - 0.005 * 730, 6), 'terminate savings = instance run-rate minus the EIP that starts costing');

SELECT is(pg_temp.act('instances', '10000000-0000-0000-0000-000000000002', 'stop_instance'), 'applied', 'stop_instance applied');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-stop'), 'stopped', 'instance stopped');
SELECT is((SELECT savings FROM res WHERE action = 'stop_instance'), 70.08::numeric, 'stop saves 0.096 x 730');
SELECT is(pg_temp.act('instances', '10000000-0000-0000-0000-000000000003', 'start_instance'), 'applied', 'start_instance applied');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-start'), 'running', 'instance running');
SELECT is((SELECT savings FROM res WHERE action = 'start_instance'), -70.08::numeric, 'starting costs 0.096 x 730 (negative savings)');

SELECT is(pg_temp.act('instances', '10000000-0000-0000-0000-000000000004', 'rightsize_instance', '{"instance_type":"m5.large"}'), 'applied', 'rightsize_instance applied');
SELECT is((SELECT instance_type || ' ' || hourly_cost FROM finsim.instances WHERE instance_id = 'i-right'), 'm5.large 0.096', 're-typed and re-priced from the catalog');
SELECT is((SELECT savings FROM res WHERE action = 'rightsize_instance'), 70.08::numeric, 'rightsize saves (0.192 - 0.096) x 730');

SELECT is(pg_temp.act('instances', '10000000-0000-0000-0000-000000000005', 'schedule_instance', '{"hours":"weekdays 08-20"}'), 'applied', 'schedule_instance applied');
SELECT is((SELECT schedule FROM finsim.instances WHERE instance_id = 'i-sched'), 'weekdays 08-20', 'schedule set');
SELECT ok(abs((SELECT savings FROM res WHERE action = 'schedule_instance') - 0.096 * 730 * (1 - 5.0 / 7 * 12 / 24)) < 0.0001,
          'billing counts the running fraction (5/7 x 12/24)');

SELECT is(pg_temp.act('autoscaling_groups', 'a1000000-0000-0000-0000-000000000001', 'resize_asg', '{"desired_capacity":1,"min_size":1,"max_size":2}'), 'applied', 'resize_asg applied');
SELECT is((SELECT min_size || '/' || desired_capacity || '/' || max_size FROM finsim.autoscaling_groups WHERE name = 'web'), '1/1/2', 'group sizes changed');
SELECT is((SELECT string_agg(instance_id || ':' || state, ',' ORDER BY instance_id) FROM finsim.instances WHERE autoscaling_group_id IS NOT NULL),
          'i-g1:running,i-g2:terminated,i-g3:terminated', 'excess running members terminated, newest launch first');
SELECT is((SELECT changes->>'members_terminated' FROM res WHERE action = 'resize_asg'), '2', 'changes report two members terminated');

-- Lambda
SELECT is(pg_temp.act('lambda_functions', '20000000-0000-0000-0000-000000000001', 'set_lambda_concurrency', '{"provisioned_concurrency":0}'), 'applied', 'set_lambda_concurrency applied');
SELECT is((SELECT provisioned_concurrency || ' ' || estimated_monthly_cost::float8 FROM finsim.lambda_functions WHERE name = 'conc'), '0 0', 'concurrency 0 and re-priced to 0');
SELECT is(pg_temp.act('lambda_functions', '20000000-0000-0000-0000-000000000002', 'set_lambda_memory', '{"memory_mb":512}'), 'applied', 'set_lambda_memory applied');
SELECT is((SELECT memory_mb || ' ' || estimated_monthly_cost::float8 FROM finsim.lambda_functions WHERE name = 'mem'), '512 39.999474',
          're-priced: 10 x 0.5 GB x 730 h x 3600 s x 0.0000030441 (the pricing trigger''s rule and rounding)');
-- A cost the row carries from its usage history is shifted by the catalog difference, not
-- re-based; a row the catalog cannot price keeps its cost.
INSERT INTO finsim.lambda_functions (id, account_id, name, region, memory_mb, provisioned_concurrency, invocations_7d,
                                     avg_duration_ms_7d, estimated_monthly_cost) VALUES
  ('20000000-0000-0000-0000-000000000004', :A, 'hist', 'us-east-1', 1024, 0, 0, 0, 50),
  ('20000000-0000-0000-0000-000000000005', :A, 'far', 'mars-north-1', 1024, 10, 0, 0, 20);
SELECT is(pg_temp.act('lambda_functions', '20000000-0000-0000-0000-000000000004', 'set_lambda_memory', '{"memory_mb":512}'), 'applied',
          'set_lambda_memory on a row with a usage-history cost: applied');
SELECT ok((SELECT estimated_monthly_cost = 50 FROM finsim.lambda_functions WHERE name = 'hist')
          AND EXISTS (SELECT 1 FROM res WHERE action = 'set_lambda_memory' AND (changes->'estimated_monthly_cost'->>0)::numeric = 50
                                          AND (changes->'estimated_monthly_cost'->>1)::numeric = 50),
          '... it keeps its cost (no catalog difference: no concurrency, no invocations), as its changes say');
SELECT is(pg_temp.act('lambda_functions', '20000000-0000-0000-0000-000000000005', 'set_lambda_memory', '{"memory_mb":512}'), 'applied',
          'set_lambda_memory in a region the catalog cannot price: applied');
SELECT is((SELECT memory_mb || ' ' || estimated_monthly_cost::float8 FROM finsim.lambda_functions WHERE name = 'far'), '512 20',
          '... and the row keeps its cost');
SELECT is(pg_temp.act('lambda_functions', '20000000-0000-0000-0000-000000000003', 'set_lambda_timeout', '{"timeout_seconds":60}'), 'applied', 'set_lambda_timeout applied');
SELECT is((SELECT timeout_seconds FROM finsim.lambda_functions WHERE name = 'tmo'), 60, 'timeout set');

-- Containers.  Which nodes a resize stops must not follow created_at (wall-clock
-- bookkeeping): i-n1 is the newest row here, and still stays (lowest instance id).
UPDATE finsim.container_nodes SET created_at = now() + interval '1 hour' WHERE instance_id = 'i-n1';
SELECT is(pg_temp.act('container_clusters', '30000000-0000-0000-0000-000000000001', 'resize_cluster', '{"desired_nodes":2}'), 'applied', 'resize_cluster applied');
SELECT is((SELECT desired_nodes || ' ' || estimated_hourly_cost FROM finsim.container_clusters WHERE name = 'c1'), '2 0.292', 'cluster re-priced: 0.10 + 2 x 0.096');
SELECT is((SELECT string_agg(instance_id || ':' || state, ',' ORDER BY instance_id) FROM finsim.container_nodes WHERE cluster_id = '30000000-0000-0000-0000-000000000001'),
          'i-n1:running,i-n2:running,i-n3:stopped', 'excess node stopped');
SELECT is(pg_temp.act('container_nodes', '31000000-0000-0000-0000-000000000004', 'remove_node'), 'applied', 'remove_node applied');
SELECT is((SELECT state FROM finsim.container_nodes WHERE instance_id = 'i-n4'), 'stopped', 'node stopped');
SELECT is((SELECT desired_nodes || ' ' || estimated_hourly_cost FROM finsim.container_clusters WHERE name = 'c2'), '1 0.196', 'cluster desired_nodes - 1 and re-priced');
SELECT is(pg_temp.act('container_services', '32000000-0000-0000-0000-000000000001', 'set_service_requests', '{"requested_cpu":0.5,"replica_count":2}'), 'applied', 'set_service_requests applied');
SELECT is((SELECT requested_cpu || '/' || requested_memory_mb || '/' || replica_count FROM finsim.container_services WHERE name = 'api'), '0.5/4096/2', 'requests changed, memory kept');

-- Storage
SELECT is(pg_temp.act('volumes', '40000000-0000-0000-0000-000000000002', 'delete_volume', '{"snapshot_first":true}'), 'applied', 'delete_volume applied');
SELECT is((SELECT state FROM finsim.volumes WHERE volume_id = 'vol-free'), 'deleted', 'volume marked deleted');
SELECT is((SELECT size_gib || ' ' || monthly_cost || ' ' || created_at FROM finsim.snapshots WHERE source_volume_id = 'vol-free'),
          '100 5.00 2026-01-01 00:00:00+00', 'snapshot_first made a snapshot at virtual time, priced 100 x 0.05');
SELECT is((SELECT snapshot_id FROM finsim.snapshots WHERE source_volume_id = 'vol-free'),
          'snap-' || substr(replace(finsim._act_uuid('a0000000-0000-0000-0000-000000000001', 'snapshot_first', 'vol-free')::text, '-', ''), 1, 17),
          'snapshot id is deterministic');
SELECT is((SELECT savings FROM res WHERE action = 'delete_volume'), 5.00::numeric, 'delete with snapshot saves 10 - 5');
SELECT is(pg_temp.act('volumes', '40000000-0000-0000-0000-000000000003', 'modify_volume_type', '{"volume_type":"gp3"}'), 'applied', 'modify_volume_type applied');
SELECT is((SELECT volume_type || ' ' || monthly_cost FROM finsim.volumes WHERE volume_id = 'vol-type'), 'gp3 8.00', 're-priced 100 x 0.08');
SELECT is(pg_temp.act('snapshots', '41000000-0000-0000-0000-000000000001', 'delete_snapshot'), 'applied', 'delete_snapshot applied');
SELECT is((SELECT count(*)::int FROM finsim.snapshots WHERE snapshot_id = 'snap-old'), 0, 'snapshot row deleted');
SELECT is(pg_temp.act('snapshots', '41000000-0000-0000-0000-000000000002', 'set_snapshot_retention', '{"retention_policy":"weekly-4"}'), 'applied', 'set_snapshot_retention applied');
SELECT is((SELECT retention_policy FROM finsim.snapshots WHERE snapshot_id = 'snap-keep'), 'weekly-4', 'retention policy set (the drift engine deletes the snapshot 28 days after 2025-12-30)');
SELECT is(pg_temp.act('s3_buckets', '42000000-0000-0000-0000-000000000001', 'set_s3_lifecycle', '{"lifecycle_policy":{"transition_ia_days":30,"expire_days":365}}'), 'applied', 'set_s3_lifecycle applied');
SELECT is((SELECT lifecycle_policy FROM finsim.s3_buckets WHERE name = 'logs-bucket'), '{"transition_ia_days":30,"expire_days":365}'::jsonb, 'lifecycle policy set');

-- Databases
SELECT is(pg_temp.act('rds_instances', '50000000-0000-0000-0000-000000000001', 'resize_rds', '{"instance_class":"db.m5.large"}'), 'applied', 'resize_rds applied');
SELECT is((SELECT instance_class || ' ' || hourly_cost FROM finsim.rds_instances WHERE db_instance_id = 'db-big'), 'db.m5.large 0.171', 're-classed and re-priced');
SELECT is(pg_temp.act('rds_instances', '50000000-0000-0000-0000-000000000002', 'stop_rds'), 'applied', 'stop_rds applied');
SELECT is((SELECT state FROM finsim.rds_instances WHERE db_instance_id = 'db-stop'), 'stopped', 'database stopped');
SELECT is((SELECT savings FROM res WHERE action = 'stop_rds'), 124.83::numeric, 'stopping saves compute (0.171 x 730), storage keeps costing');
SELECT is(pg_temp.act('rds_instances', '50000000-0000-0000-0000-000000000003', 'delete_rds', '{"final_snapshot":true}'), 'applied', 'delete_rds applied');
SELECT is((SELECT count(*)::int FROM finsim.rds_instances WHERE db_instance_id = 'db-old'), 0, 'database row deleted');
SELECT is((SELECT size_gib || ' ' || monthly_cost FROM finsim.snapshots WHERE snapshot_id LIKE 'rds-final-db-old-%'), '200 10.00', 'final snapshot kept (200 GiB x 0.05)');
SELECT is(pg_temp.act('cache_clusters', '51000000-0000-0000-0000-000000000001', 'resize_cache', '{"node_type":"cache.r6g.large","num_nodes":1}'), 'applied', 'resize_cache applied');
SELECT is((SELECT node_type || ' ' || num_nodes || ' ' || hourly_cost FROM finsim.cache_clusters WHERE cluster_id = 'redis-1'), 'cache.r6g.large 1 0.126', 'cache re-priced');

-- Network
SELECT is(pg_temp.act('load_balancers', '60000000-0000-0000-0000-000000000001', 'delete_load_balancer'), 'applied', 'delete_load_balancer applied');
SELECT is((SELECT count(*)::int FROM finsim.load_balancers), 0, 'load balancer row deleted');
SELECT is((SELECT state || ' ' || hourly_cost FROM finsim.elastic_ips WHERE allocation_id = 'eipalloc-lb'), 'unassociated 0.005', 'its EIP is unassociated');
SELECT is(pg_temp.act('elastic_ips', '61000000-0000-0000-0000-000000000003', 'release_eip'), 'applied', 'release_eip applied');
SELECT is((SELECT count(*)::int FROM finsim.elastic_ips WHERE allocation_id = 'eipalloc-free'), 0, 'EIP row released');
SELECT is((SELECT savings FROM res WHERE action = 'release_eip'), 3.65::numeric, 'release saves 0.005 x 730');

-- Observability, managed services, streams, governance
SELECT is(pg_temp.act('log_groups', '70000000-0000-0000-0000-000000000001', 'set_log_retention', '{"retention_days":30}'), 'applied', 'set_log_retention applied');
SELECT is((SELECT retention_days FROM finsim.log_groups WHERE name = '/app/debug'), 30, 'retention set');
SELECT is(pg_temp.act('managed_services', '80000000-0000-0000-0000-000000000001', 'resize_managed_service', '{"instance_type":"r6g.large.search","node_count":1}'), 'applied', 'resize_managed_service applied');
SELECT is((SELECT instance_type || ' ' || node_count || ' ' || hourly_cost FROM finsim.managed_services WHERE name = 'search'), 'r6g.large.search 1 0.167', 'managed service re-priced');
SELECT is(pg_temp.act('streaming_clusters', '81000000-0000-0000-0000-000000000001', 'resize_stream', '{"shard_count":2,"retention_hours":48}'), 'applied', 'resize_stream applied');
SELECT is((SELECT shard_count || ' ' || retention_hours || ' ' || hourly_cost FROM finsim.streaming_clusters WHERE name = 'events'), '2 48 0.070', 'stream re-priced: 2 x (0.015 + 0.02 extended retention)');
SELECT is(pg_temp.act('api_clients', '90000000-0000-0000-0000-000000000001', 'revoke_api_client'), 'applied', 'revoke_api_client applied');
SELECT is((SELECT revoked_at FROM finsim.api_clients WHERE name = 'old-bot'), '2026-01-01 00:00+00'::timestamptz, 'revoked at virtual now');

-- Every registry action that changes something was applied here ('recommend' only records
-- a recommendation: test/56), and each call left its durable outcome record.
SELECT set_eq('SELECT action FROM res WHERE outcome = ''applied''', 'SELECT action FROM finsim.actions() WHERE action <> ''recommend''', 'every changing action of the registry was applied');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE field_name = 'action' AND new_value LIKE '%:applied' AND change_source = 'agent'),
          (SELECT count(*)::int FROM res), 'one action record per call, change_source agent');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE field_name = 'action' AND changed_at = '2026-01-01 00:00+00' AND reason LIKE 'test: %'),
          (SELECT count(*)::int FROM res), 'records carry virtual time and the reason');

-- Field-level audit rows of the changes (written by the audit trigger of helper "schema").
SELECT CASE WHEN (SELECT live FROM audit_live) THEN
  is((SELECT string_agg(old_value || '>' || new_value || ':' || change_source, ',') FROM finsim.resource_change_events
       WHERE resource_id = '10000000-0000-0000-0000-000000000004' AND field_name = 'instance_type'),
     'm5.xlarge>m5.large:agent', 'audit row for rightsize with change_source agent')
  ELSE skip('audit trigger not installed yet', 1) END;
SELECT CASE WHEN (SELECT live FROM audit_live) THEN
  is((SELECT count(*)::int FROM finsim.resource_change_events
       WHERE resource_type = 'volumes' AND field_name = 'state' AND change_source = 'agent'
         AND new_value IN ('available', 'deleted')), 2, 'audit rows for the cascade and the deletion, change_source agent')
  ELSE skip('audit trigger not installed yet', 1) END;

SELECT * FROM finish();
ROLLBACK;
