-- Number parameters are checked exactly (numeric, not double precision) and stored as the
-- value that was checked, rounded to the registry's scale (integers: 0 decimals), so what
-- is stored is always within the documented range.
BEGIN;
SELECT plan(24);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('d8000000-0000-0000-0000-000000000001', 'act-exact', '2026-03-01 00:00+00');
\set A '''d8000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.container_clusters (id, account_id, name, node_instance_type, min_nodes, desired_nodes, max_nodes, estimated_hourly_cost)
VALUES ('d8100000-0000-0000-0000-000000000001', :A, 'c1', 'm5.large', 1, 3, 5, 0.388);
INSERT INTO finsim.container_services (id, account_id, cluster_id, name, requested_cpu, requested_memory_mb, replica_count, optimization_policy) VALUES
  ('d8200000-0000-0000-0000-000000000001', :A, 'd8100000-0000-0000-0000-000000000001', 'api', 2, 4096, 4, 'auto_safe'),
  ('d8200000-0000-0000-0000-000000000002', :A, 'd8100000-0000-0000-0000-000000000001', 'rec', 2, 4096, 4, 'recommend_only');
INSERT INTO finsim.autoscaling_groups (id, account_id, name, min_size, max_size, desired_capacity, instance_type)
VALUES ('d8300000-0000-0000-0000-000000000001', :A, 'web', 1, 5, 3, 'm5.large');
\set S '''d8200000-0000-0000-0000-000000000001'''

CREATE FUNCTION pg_temp.svc(params text) RETURNS text LANGUAGE sql AS $$
  SELECT outcome FROM finsim.apply_action('container_services', 'd8200000-0000-0000-0000-000000000001', 'set_service_requests', params::jsonb)
$$;

-- Above the maximum by less than double precision can tell.
SELECT throws_ok($$SELECT pg_temp.svc('{"requested_cpu": 1024.0000000000000001}')$$, '22023',
  'parameter "requested_cpu" of action set_service_requests is out of range: 1024.0000000000000001',
  'requested_cpu just above 1024: 22023');
SELECT throws_ok($$SELECT pg_temp.svc('{"requested_cpu": -0.0000000000000000000001}')$$, '22023', NULL,
  'requested_cpu just below 0: 22023');
SELECT throws_ok($$SELECT pg_temp.svc('{"requested_cpu": 1e300}')$$, '22023', NULL, 'requested_cpu 1e300: 22023');
SELECT is((SELECT requested_cpu FROM finsim.container_services WHERE id = :S), 2::numeric, 'nothing stored');

-- Integers: a fraction too small for double precision is still a fraction.
SELECT throws_ok($$SELECT pg_temp.svc('{"replica_count": 2.0000000000000001}')$$, '22023',
  'parameter "replica_count" of action set_service_requests must be an integer, got JSON number',
  'replica_count 2.0000000000000001: 22023 (not an integer)');
SELECT throws_ok($$SELECT outcome FROM finsim.apply_action('autoscaling_groups', 'd8300000-0000-0000-0000-000000000001', 'resize_asg', '{"max_size": 10000.0000000000000001}')$$,
  '22023', NULL, 'max_size just above 10000: 22023');
SELECT is((SELECT max_size FROM finsim.autoscaling_groups WHERE name = 'web'), 5, 'group unchanged');

-- The maximum itself, and values stored rounded to the registry's scale.
SELECT is(pg_temp.svc('{"requested_cpu": 1024}'), 'applied', 'requested_cpu 1024 (the maximum) is accepted');
SELECT is((SELECT requested_cpu::text FROM finsim.container_services WHERE id = :S), '1024', 'stored 1024');
SELECT is(pg_temp.svc('{"requested_cpu": 1e-300}'), 'applied', 'requested_cpu 1e-300 (within 0..1024) is accepted');
SELECT is((SELECT requested_cpu::text FROM finsim.container_services WHERE id = :S), '0',
  'stored rounded to 3 decimals: 0, not 300 decimal digits');
SELECT is(pg_temp.svc('{"requested_cpu": 0.0005}'), 'applied', 'requested_cpu 0.0005 accepted');
SELECT is((SELECT requested_cpu::text FROM finsim.container_services WHERE id = :S), '0.001', 'stored rounded half away from zero: 0.001');
SELECT is(pg_temp.svc('{"requested_cpu": 1023.99999}'), 'applied', 'requested_cpu 1023.99999 accepted');
SELECT is((SELECT requested_cpu::text FROM finsim.container_services WHERE id = :S), '1024', 'rounds to the maximum, never beyond');
SELECT is(pg_temp.svc('{"requested_cpu": 0.5, "replica_count": 3.000}'), 'applied', 'an integer written 3.000 is an integer');
SELECT is((SELECT requested_cpu || '/' || replica_count FROM finsim.container_services WHERE id = :S), '0.5/3', 'stored 0.5 and 3');

-- Recommendations keep the normalized parameters.
SELECT is((SELECT outcome FROM finsim.apply_action('container_services', 'd8200000-0000-0000-0000-000000000002', 'set_service_requests',
                                                   '{"requested_cpu": 0.00000000000000000000000001, "replica_count": 2.0}')),
  'recommended', 'recommend_only service: recommendation');
SELECT is((SELECT action_params::text FROM finsim.recommendations WHERE resource_id = 'd8200000-0000-0000-0000-000000000002'),
  '{"replica_count": 2, "requested_cpu": 0}', 'its action_params hold the values as they will be stored');

-- accept_recommendation checks a hand-written recommendation's params the same way.
INSERT INTO finsim.recommendations (id, account_id, resource_type, resource_id, pattern, action, action_params, est_monthly_savings, status, created_by) VALUES
  ('d8400000-0000-0000-0000-000000000001', :A, 'container_services', 'd8200000-0000-0000-0000-000000000001', 'agent', 'set_service_requests',
   '{"requested_cpu": 1024.0000000000000001}', 0, 'open', 'hand'),
  ('d8400000-0000-0000-0000-000000000002', :A, 'autoscaling_groups', 'd8300000-0000-0000-0000-000000000001', 'agent', 'resize_asg',
   '{"max_size": 7.0000000000000000001}', 0, 'open', 'hand');
SELECT throws_ok($$SELECT outcome FROM finsim.accept_recommendation('d8400000-0000-0000-0000-000000000001')$$, '22023',
  'parameter "requested_cpu" of action set_service_requests is out of range: 1024.0000000000000001',
  'accepting a hand-written recommendation with requested_cpu above 1024: 22023');
SELECT is((SELECT requested_cpu FROM finsim.container_services WHERE id = :S), 0.5, 'nothing stored');
SELECT throws_ok($$SELECT outcome FROM finsim.accept_recommendation('d8400000-0000-0000-0000-000000000002')$$, '22023', NULL,
  'accepting a hand-written recommendation with a fractional max_size: 22023');
SELECT is((SELECT max_size FROM finsim.autoscaling_groups WHERE name = 'web'), 5, 'group unchanged');

-- The registry documents the scale.
SELECT is((SELECT params->'requested_cpu'->>'scale' FROM finsim.actions() WHERE action = 'set_service_requests'), '3',
  'finsim.actions() lists requested_cpu with scale 3');

SELECT * FROM finish();
ROLLBACK;
