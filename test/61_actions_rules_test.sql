-- apply_action rules: policies, freezes on the virtual clock, every refusal reason, bad
-- parameters (clear 22023, nothing changed), missing resources and caller checks.
BEGIN;
SELECT plan(81);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('b0000000-0000-0000-0000-000000000001', 'act-rules', '2026-03-01 00:00+00');
\set B '''b0000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, optimization_policy, launch_time) VALUES
  ('b1000000-0000-0000-0000-000000000001', :B, 'i-rec',    'm5.xlarge', 'running', 0.192, 0, 'recommend_only', '2025-01-01'),
  ('b1000000-0000-0000-0000-000000000002', :B, 'i-ign',    'm5.xlarge', 'running', 0.192, 0, 'ignore', '2025-01-01'),
  ('b1000000-0000-0000-0000-000000000003', :B, 'i-frz',    'm5.xlarge', 'running', 0.192, 0, 'auto_safe', '2025-01-01'),
  ('b1000000-0000-0000-0000-000000000004', :B, 'i-stopped','m5.xlarge', 'stopped', 0.192, 0, 'auto_safe', '2025-01-01'),
  ('b1000000-0000-0000-0000-000000000005', :B, 'i-auto',   'm5.xlarge', 'running', 0.192, 0, 'auto_safe', '2025-01-01'),
  ('b1000000-0000-0000-0000-000000000006', :B, 'i-dead',   'm5.xlarge', 'terminated', 0.192, 0, 'auto_safe', '2025-01-01');
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, state, attached_instance_id, monthly_cost)
VALUES ('b2000000-0000-0000-0000-000000000001', :B, 'vol-used', 50, 'in-use', 'i-auto', 4);
INSERT INTO finsim.elastic_ips (id, account_id, allocation_id, public_ip, associated_instance_id, state, hourly_cost)
VALUES ('b3000000-0000-0000-0000-000000000001', :B, 'eipalloc-used', '10.1.0.1', 'i-auto', 'associated', 0);
INSERT INTO finsim.autoscaling_groups (id, account_id, name, min_size, max_size, desired_capacity, instance_type)
VALUES ('b4000000-0000-0000-0000-000000000001', :B, 'grp', 2, 4, 2, 'm5.large');
INSERT INTO finsim.container_clusters (id, account_id, name, node_instance_type, min_nodes, desired_nodes, max_nodes, estimated_hourly_cost)
VALUES ('b5000000-0000-0000-0000-000000000001', :B, 'tight', 'm5.large', 1, 1, 3, 0.196);
INSERT INTO finsim.container_nodes (id, account_id, cluster_id, instance_id, instance_type, hourly_cost, gpu_hourly_cost)
VALUES ('b5100000-0000-0000-0000-000000000001', :B, 'b5000000-0000-0000-0000-000000000001', 'i-only', 'm5.large', 0.096, 0);
INSERT INTO finsim.lambda_functions (id, account_id, name, timeout_seconds, estimated_monthly_cost)
VALUES ('b6000000-0000-0000-0000-000000000001', :B, 'fn', 30, 0);
INSERT INTO finsim.rds_instances (id, account_id, db_instance_id, instance_class, state, hourly_cost, storage_monthly_cost)
VALUES ('b7000000-0000-0000-0000-000000000001', :B, 'db-stopped', 'db.m5.large', 'stopped', 0.171, 2.3);
INSERT INTO finsim.streaming_clusters (id, account_id, name, engine, shard_count, provisioned_throughput_mbps, hourly_cost)
VALUES ('b9000000-0000-0000-0000-000000000001', :B, 'kafka', 'msk', 3, 30, 0.63);
INSERT INTO finsim.managed_services (id, account_id, service_type, name, instance_type, node_count, hourly_cost)
VALUES ('b8000000-0000-0000-0000-000000000001', :B, 'opensearch', 'os', 'r6g.large.search', 1, 0.167);
-- Protected rows: bad params are still 22023 (checked before the policy gate), not a refusal.
INSERT INTO finsim.managed_services (id, account_id, service_type, name, instance_type, node_count, hourly_cost, optimization_policy)
VALUES ('b8000000-0000-0000-0000-000000000002', :B, 'opensearch', 'os-ignored', 'r6g.large.search', 1, 0.167, 'ignore');
INSERT INTO finsim.s3_buckets (id, account_id, name, env, region, lifecycle_policy, tags, optimization_policy, optimization_freeze_until)
VALUES ('b8100000-0000-0000-0000-000000000001', :B, 'frozen-bucket', 'prod', 'us-east-1', NULL, '{}', 'auto_safe', '2099-01-01');

CREATE FUNCTION pg_temp.try(rt text, id text, action text, params jsonb DEFAULT '{}') RETURNS text
  LANGUAGE sql AS $$ SELECT outcome || ': ' || COALESCE(message, '') FROM finsim.apply_action(rt, id, action, params) $$;

-- recommend_only
SELECT is((SELECT outcome FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000001', 'rightsize_instance', '{"instance_type":"m5.large"}', 'cpu 3%')),
          'recommended', 'recommend_only: recommended');
SELECT is((SELECT instance_type FROM finsim.instances WHERE instance_id = 'i-rec'), 'm5.xlarge', 'recommend_only: resource untouched');
SELECT is((SELECT status || ' ' || created_by || ' ' || est_monthly_savings || ' ' || reason FROM finsim.recommendations WHERE resource_id = 'b1000000-0000-0000-0000-000000000001'),
          'open agent 70.080000 cpu 3%', 'open recommendation with savings, created_by and reason');
SELECT is((SELECT recommendation_id FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000001', 'rightsize_instance', '{"instance_type":"m5.large"}')),
          (SELECT id FROM finsim.recommendations WHERE resource_id = 'b1000000-0000-0000-0000-000000000001'), 'second call returns the existing recommendation');
SELECT is((SELECT count(*)::int FROM finsim.recommendations WHERE resource_id = 'b1000000-0000-0000-0000-000000000001'), 1, 'no duplicate open recommendation');
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000001', 'stop_instance'), 'recommended: resource is recommend_only: recommendation created, resource untouched',
          'another action on the same resource is its own recommendation');
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000001', 'rightsize_instance', '{"instance_type":"c5.large"}'),
          'refused: c5.large is not in the family of m5.xlarge (m5): pass allow_family_change = true to change family',
          'recommend_only still refuses impossible changes (nothing recommended)');

-- ignore
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000002', 'terminate_instance'),
          'refused: resource optimization_policy is ''ignore'': agents must leave it alone', 'ignore: refused with reason');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-ign'), 'running', 'ignore: untouched');

-- account freeze on the virtual clock
UPDATE finsim.cloud_accounts SET freeze_optimizations_until = '2026-03-02 00:00+00' WHERE id = :B;
SELECT matches(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000003', 'stop_instance'),
               '^refused: account optimizations are frozen until 2026-03-02', 'account freeze: refused with reason');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-frz'), 'running', 'account freeze: untouched');
UPDATE finsim.cloud_accounts SET virtual_time = '2026-03-02 00:00+00' WHERE id = :B;
SELECT is((SELECT outcome FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000003', 'stop_instance')), 'applied',
          'freeze over once the virtual clock reaches it');
-- resource freeze
UPDATE finsim.instances SET optimization_freeze_until = '2026-04-01 00:00+00' WHERE instance_id = 'i-frz';
SELECT matches(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000003', 'start_instance'),
               '^refused: resource is frozen until 2026-04-01', 'resource freeze: refused with reason');
UPDATE finsim.cloud_accounts SET virtual_time = '2026-04-02 00:00+00' WHERE id = :B;
SELECT is((SELECT outcome FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000003', 'start_instance')), 'applied',
          'resource freeze in the virtual past does not refuse');

-- every refusal reason
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000006', 'start_instance'),
          'refused: instance i-dead is terminated: a terminated resource cannot be acted on again', 'terminated resource');
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000004', 'stop_instance'), 'refused: instance is not running (state stopped)', 'stop a stopped instance');
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000005', 'start_instance'), 'refused: instance is not stopped (state running)', 'start a running instance');
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000005', 'rightsize_instance', '{"instance_type":"m5.xlarge"}'), 'refused: instance is already m5.xlarge', 'rightsize to the same type');
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000005', 'rightsize_instance', '{"instance_type":"r5.large"}'),
          'refused: r5.large is not in the family of m5.xlarge (m5): pass allow_family_change = true to change family', 'rightsize to another family');
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000005', 'schedule_instance', '{"hours":"daily 00-24"}'), 'applied: schedule_instance applied to instances b1000000-0000-0000-0000-000000000005', 'schedule');
SELECT is(pg_temp.try('instances', 'b1000000-0000-0000-0000-000000000005', 'schedule_instance', '{"hours":"daily 00-24"}'), 'refused: instance already runs on schedule daily 00-24', 'same schedule again');
SELECT is(pg_temp.try('volumes', 'b2000000-0000-0000-0000-000000000001', 'delete_volume'),
          'refused: volume vol-used is in-use (attached to i-auto): detach it or terminate the instance first', 'delete an in-use volume');
SELECT is((SELECT state FROM finsim.volumes WHERE volume_id = 'vol-used'), 'in-use', 'in-use volume untouched');
SELECT is(pg_temp.try('volumes', 'b2000000-0000-0000-0000-000000000001', 'modify_volume_type', '{"volume_type":"gp3"}'), 'refused: volume is already gp3', 'same volume type');
SELECT is(pg_temp.try('elastic_ips', 'b3000000-0000-0000-0000-000000000001', 'release_eip'),
          'refused: Elastic IP 10.1.0.1 is associated with i-auto: disassociate it first', 'release an associated EIP');
SELECT is(pg_temp.try('autoscaling_groups', 'b4000000-0000-0000-0000-000000000001', 'resize_asg', '{"desired_capacity":1}'),
          'refused: sizes must satisfy min_size <= desired_capacity <= max_size (would be 2 <= 1 <= 4)', 'shrink below min_size');
SELECT is(pg_temp.try('autoscaling_groups', 'b4000000-0000-0000-0000-000000000001', 'resize_asg', '{"desired_capacity":2}'),
          'refused: nothing to change: the group already has these sizes and type', 'resize to the same sizes');
SELECT is(pg_temp.try('container_clusters', 'b5000000-0000-0000-0000-000000000001', 'resize_cluster', '{"max_nodes":0}'),
          'refused: sizes must satisfy min_nodes <= desired_nodes <= max_nodes (would be 1 <= 1 <= 0)', 'cluster max below desired');
SELECT is(pg_temp.try('container_clusters', 'b5000000-0000-0000-0000-000000000001', 'resize_cluster', '{"desired_nodes":1}'),
          'refused: nothing to change: the cluster already has these sizes and node type', 'resize a cluster to the same sizes');
SELECT is((SELECT min_nodes || ' ' || desired_nodes || ' ' || max_nodes || ' ' || node_instance_type
             FROM finsim.container_clusters WHERE name = 'tight'), '1 1 3 m5.large', 'refused cluster resizes changed nothing');
SELECT is(pg_temp.try('container_nodes', 'b5100000-0000-0000-0000-000000000001', 'remove_node'),
          'refused: removing the node would take cluster tight below min_nodes (1): resize_cluster first, or pass lower_min_nodes = true', 'remove a node below min_nodes');
SELECT is(pg_temp.try('lambda_functions', 'b6000000-0000-0000-0000-000000000001', 'set_lambda_timeout', '{"timeout_seconds":30}'),
          'refused: nothing to change: the function already has this setting', 'same lambda setting');
SELECT is(pg_temp.try('rds_instances', 'b7000000-0000-0000-0000-000000000001', 'stop_rds'), 'refused: database is not available (state stopped)', 'stop a stopped database');
SELECT is(pg_temp.try('rds_instances', 'b7000000-0000-0000-0000-000000000001', 'resize_rds', '{"instance_class":"db.r5.large"}'),
          'refused: db.r5.large is not in the family of db.m5.large (db.m5): pass allow_family_change = true to change family', 'resize_rds to another family');
SELECT is((SELECT outcome FROM finsim.apply_action('rds_instances', 'b7000000-0000-0000-0000-000000000001', 'resize_rds', '{"instance_class":"db.r5.large","allow_family_change":true}')),
          'applied', 'allow_family_change = true permits it');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE account_id = :B AND field_name = 'action' AND new_value LIKE '%:refused' AND reason IS NOT NULL),
          21, 'every refusal is recorded with its reason');

-- bad parameters: 22023 with a hint, nothing changed
CREATE TEMP TABLE events_before AS SELECT count(*) AS n FROM finsim.resource_change_events WHERE account_id = :B;
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'explode_instance')$$,
                 '22023', 'unknown action "explode_instance"', 'unknown action');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('volumes', 'b1000000-0000-0000-0000-000000000005', 'terminate_instance')$$,
                 '22023', 'action terminate_instance does not apply to resource type "volumes"', 'action on the wrong resource type');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'rightsize_instance', '{"instance_type":"m5.large","force":true}')$$,
                 '22023', 'unknown parameter "force" for action rightsize_instance', 'unknown parameter');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'rightsize_instance', '{"instance_type":["m5.large"]}')$$,
                 '22023', 'parameter "instance_type" of action rightsize_instance must be a string, got JSON array', 'wrong JSON type');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'rightsize_instance', '{"instance_type":"m9.huge"}')$$,
                 '22023', 'unknown instance type "m9.huge" for parameter "instance_type"', 'unknown instance type');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'rightsize_instance')$$,
                 '22023', 'action rightsize_instance requires parameter "instance_type"', 'missing required parameter');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('autoscaling_groups', 'b4000000-0000-0000-0000-000000000001', 'resize_asg', '{"desired_capacity":-1}')$$,
                 '22023', 'parameter "desired_capacity" of action resize_asg is out of range: -1', 'negative size');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('autoscaling_groups', 'b4000000-0000-0000-0000-000000000001', 'resize_asg', '{"desired_capacity":2.5}')$$,
                 '22023', 'parameter "desired_capacity" of action resize_asg must be an integer, got JSON number', 'fractional integer');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('autoscaling_groups', 'b4000000-0000-0000-0000-000000000001', 'resize_asg', '{"desired_capacity":"3"}')$$,
                 '22023', 'parameter "desired_capacity" of action resize_asg must be an integer, got JSON string', 'number as a string');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('autoscaling_groups', 'b4000000-0000-0000-0000-000000000001', 'resize_asg')$$,
                 '22023', 'action resize_asg needs at least one parameter', 'resize without parameters');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'stop_instance', '[1]')$$,
                 '22023', 'params must be a JSON object', 'params not an object');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'schedule_instance', '{"hours":"weekdays 20-08"}')$$,
                 '22023', 'invalid schedule "weekdays 20-08"', 'bad schedule');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'schedule_instance', '{"hours":"weekends 08-20"}')$$,
                 '22023', 'invalid schedule "weekends 08-20"', 'a schedule billing does not understand is refused');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('volumes', 'b2000000-0000-0000-0000-000000000001', 'delete_volume', '{"snapshot_first":"yes"}')$$,
                 '22023', 'parameter "snapshot_first" of action delete_volume must be a boolean, got JSON string', 'boolean as string');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('managed_services', 'b8000000-0000-0000-0000-000000000001', 'resize_managed_service', '{"instance_type":"m5.large"}')$$,
                 '22023', 'unknown instance type "m5.large" for service opensearch', 'managed type unknown for the service');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('managed_services', 'b8000000-0000-0000-0000-000000000002', 'resize_managed_service', '{"instance_type":"m5.large"}')$$,
                 '22023', 'unknown instance type "m5.large" for service opensearch', '... also on an ignore service (not a refusal)');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('s3_buckets', 'b8100000-0000-0000-0000-000000000001', 'set_s3_lifecycle', '{"lifecycle_policy":{"expire_days":-5}}')$$,
                 '22023', 'invalid lifecycle_policy {"expire_days": -5}', 'a bad lifecycle policy on a frozen bucket: 22023, not a refusal');
SELECT throws_ok(format($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'recommend', %L)$$,
                        jsonb_build_object('advice', repeat('a', 20000))),
                 '22023', 'params are too large (20014 bytes; at most 16384)', 'params over 16 kB are refused');
SELECT throws_ok(format($$SELECT * FROM finsim.apply_action('instances', %L, 'stop_instance')$$, repeat('x', 100000)),
                 'P0002', 'instances ' || repeat('x', 64) || '... not found', 'a huge resource id is clipped in the message');
SELECT throws_ok(format($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', %L)$$, repeat('y', 100000)),
                 '22023', 'unknown action "' || repeat('y', 64) || '..."', 'a huge action name is clipped in the message');
SELECT throws_ok($$SELECT * FROM finsim.apply_action(NULL, 'b1000000-0000-0000-0000-000000000005', 'stop_instance')$$,
                 '22004', NULL, 'NULL resource_type');
SELECT is((SELECT instance_type || ' ' || state || ' ' || COALESCE(schedule, '-') FROM finsim.instances WHERE instance_id = 'i-auto'), 'm5.xlarge running daily 00-24',
          'bad parameters changed nothing');
SELECT is((SELECT desired_capacity FROM finsim.autoscaling_groups WHERE name = 'grp'), 2, 'bad sizes changed nothing');
SELECT is((SELECT count(*) FROM finsim.resource_change_events WHERE account_id = :B), (SELECT n FROM events_before),
          'errors leave no record (they are not outcomes)');

SELECT throws_ok($$SELECT * FROM finsim.apply_action('streaming_clusters', 'b9000000-0000-0000-0000-000000000001', 'resize_stream', '{"shard_count":1e400}')$$,
                 '22023', NULL, 'a huge number is out of range');
SELECT is((SELECT outcome FROM finsim.apply_action('streaming_clusters', 'b9000000-0000-0000-0000-000000000001', 'resize_stream', '{"shard_count":1}')),
          'applied', 'resize an MSK cluster');
SELECT is((SELECT shard_count || ' ' || hourly_cost || ' ' || provisioned_throughput_mbps FROM finsim.streaming_clusters WHERE name = 'kafka'), '1 0.210000 10.000000',
          'brokers keep their per-broker rate; throughput scales');

-- integral numbers written as 5.0 are integers
SELECT is((SELECT outcome FROM finsim.apply_action('autoscaling_groups', 'b4000000-0000-0000-0000-000000000001', 'resize_asg', '{"max_size":5.0}')),
          'applied', 'an integral 5.0 is accepted as an integer');

-- the same action on the same state gives the same result, ids included
CREATE FUNCTION pg_temp.run_once() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r text;
  e text;
BEGIN
  SELECT row(d.*)::text INTO r FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000001', 'stop_instance', '{}', 'det') d;
  SELECT string_agg(x.id::text || ' ' || x.field_name || ' ' || COALESCE(x.new_value, ''), ', ' ORDER BY x.id) INTO e
    FROM finsim.resource_change_events x WHERE x.account_id = 'b0000000-0000-0000-0000-000000000001';
  RETURN r || ' | ' || e;
END $$;
CREATE FUNCTION pg_temp.run_twice() RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  a text;
  b text;
BEGIN
  BEGIN
    a := pg_temp.run_once();
    RAISE EXCEPTION 'undo' USING ERRCODE = 'FSUND';
  EXCEPTION WHEN SQLSTATE 'FSUND' THEN
    NULL;
  END;
  b := pg_temp.run_once();
  RETURN ARRAY[a, b];
END $$;
DELETE FROM finsim.recommendations WHERE resource_id = 'b1000000-0000-0000-0000-000000000001';
CREATE TEMP TABLE det AS SELECT pg_temp.run_twice() AS v;
SELECT is((SELECT v[2] FROM det), (SELECT v[1] FROM det), 'the same action on the same state gives the same result, ids included');
SELECT matches((SELECT v[1] FROM det), '^\(recommended,', 'and it did something (a recommendation)');
SELECT is((SELECT count(*)::int FROM finsim.recommendations WHERE resource_id = 'b1000000-0000-0000-0000-000000000001'), 1, 'once');

-- missing resources (P0002), no leak across accounts
INSERT INTO finsim.cloud_accounts (id, name) VALUES ('b0000000-0000-0000-0000-000000000002', 'act-other');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-0000000000ff', 'stop_instance')$$,
                 'P0002', 'instances b1000000-0000-0000-0000-0000000000ff not found', 'unknown id');
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'i-auto', 'stop_instance')$$,
                 'P0002', 'instances i-auto not found', 'resource_id must be the row id');

-- callers: neither admin nor logged in -> 42501; a finsim_admin member may act
CREATE ROLE act_nobody_61;
GRANT finsim_agent TO act_nobody_61;
CREATE ROLE act_admin_61;
GRANT finsim_admin TO act_admin_61;
SET ROLE act_nobody_61;
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'stop_instance')$$,
                 '42501', NULL, 'not logged in: apply_action refused');
SELECT throws_ok($$SELECT * FROM finsim.scorecard('b0000000-0000-0000-0000-000000000001')$$, '42501', NULL, 'not logged in: scorecard refused');
SELECT throws_ok($$SELECT * FROM finsim.accept_recommendation((SELECT '00000000-0000-0000-0000-000000000000'::uuid))$$, '42501', NULL, 'not logged in: accept refused');
SELECT throws_ok($$SELECT finsim.dismiss_recommendation('00000000-0000-0000-0000-000000000000', 'no')$$, '42501', NULL, 'not logged in: dismiss refused');
SELECT throws_ok($$SELECT finsim.expire_recommendations('b0000000-0000-0000-0000-000000000001')$$, '42501', NULL, 'not logged in: expire refused');
RESET ROLE;
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-auto'), 'running', 'refused caller changed nothing');
SET ROLE act_admin_61;
SELECT is((SELECT outcome FROM finsim.apply_action('instances', 'b1000000-0000-0000-0000-000000000005', 'stop_instance')), 'applied', 'finsim_admin member may act on any account');
RESET ROLE;
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-auto'), 'stopped', 'admin action took effect');

-- internal helpers are not callable by agents
SELECT ok(NOT has_function_privilege('finsim_agent', 'finsim._apply_action(uuid, text, text, text, jsonb, text, text, text, boolean)', 'EXECUTE'),
          'agents cannot call the internal _apply_action');
SELECT ok(has_function_privilege('finsim_agent', 'finsim.apply_action(text, text, text, jsonb, text)', 'EXECUTE'), 'agents may call apply_action');
SELECT ok((SELECT prosecdef AND proconfig @> ARRAY['search_path=pg_catalog, pg_temp'] FROM pg_proc WHERE oid = 'finsim.apply_action(text, text, text, jsonb, text)'::regprocedure),
          'apply_action is SECURITY DEFINER with a pinned search_path');
SELECT ok((SELECT count(*) = 28 FROM finsim.actions() WHERE description <> '' AND jsonb_typeof(params) = 'object' AND cardinality(resource_types) >= 1),
          'every registry entry has resource types, params and a description');

SELECT * FROM finish();
ROLLBACK;
