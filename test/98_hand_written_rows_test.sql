-- The robustness review's findings on hand-written rows and odd spellings (eighth session):
-- what the engine cannot compute with is refused when written (23514, nothing stored), and
-- what it is given is read one way.
BEGIN;
SELECT plan(29);

\ir fixtures/err.sql

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('98000000-0000-0000-0000-000000000001', 'tap-hand-written', '2026-05-02 00:00+00');  -- a Saturday
\set A '''98000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, state, hourly_cost, gpu_hourly_cost,
                              avg_cpu_7d, launch_time, tags) VALUES
  ('98100000-0000-0000-0000-0000000000a1', :A, 'i-idle', 'm5.xlarge', 'prod', 'running', 0.192, 0, 2, '2025-01-01', '{"env":"prod","team":"t","project":"p"}'),
  ('98100000-0000-0000-0000-0000000000a2', :A, 'i-busy', 'm5.xlarge', 'prod', 'running', 0.192, 0, 60, '2025-01-01', '{"env":"prod","team":"t","project":"p"}');

-- 1. Non-finite money and sizes: NaN sorts above every number, so '>= 0' alone let it in.
SELECT is(split_part(pg_temp.err($$UPDATE finsim.instances SET hourly_cost = 'NaN' WHERE instance_id = 'i-busy'$$), '|', 2),
  'new row for relation "instances" violates check constraint "instances_cost_check"', 'a NaN hourly_cost: 23514');
SELECT is(split_part(pg_temp.err($$UPDATE finsim.instances SET hourly_cost = 'Infinity' WHERE instance_id = 'i-busy'$$), '|', 1),
  '23514', 'an Infinity hourly_cost: 23514');
SELECT is(split_part(pg_temp.err($$INSERT INTO finsim.snapshots (account_id, snapshot_id, size_gib, monthly_cost) VALUES ('98000000-0000-0000-0000-000000000001', 'snap-inf', 10, 'Infinity')$$), '|', 1),
  '23514', 'an Infinity monthly_cost: 23514');
SELECT is(split_part(pg_temp.err($$UPDATE finsim.cloud_accounts SET baseline_run_rate = 'NaN' WHERE id = '98000000-0000-0000-0000-000000000001'$$), '|', 1),
  '23514', 'a NaN baseline_run_rate: 23514');

-- 2. Recommendations name an action of finsim.actions() on a table it applies to, and a
-- canonical (lower-case) resource id.
SELECT is(split_part(pg_temp.err($$INSERT INTO finsim.recommendations (account_id, resource_type, resource_id, pattern, action)
  VALUES ('98000000-0000-0000-0000-000000000001', 'nosuchtable', '98100000-0000-0000-0000-0000000000a2', 'p', 'stop_instance')$$), '|', 2),
  'new row for relation "recommendations" violates check constraint "recommendations_action_check"',
  'a recommendation on a table that is no resource table: 23514');
SELECT is(split_part(pg_temp.err($$INSERT INTO finsim.recommendations (account_id, resource_type, resource_id, pattern, action)
  VALUES ('98000000-0000-0000-0000-000000000001', 'volumes', '98100000-0000-0000-0000-0000000000a2', 'p', 'stop_instance')$$), '|', 2),
  'new row for relation "recommendations" violates check constraint "recommendations_action_check"',
  '... an action that does not apply to the table: 23514');
SELECT is(split_part(pg_temp.err($$INSERT INTO finsim.recommendations (account_id, resource_type, resource_id, pattern, action)
  VALUES ('98000000-0000-0000-0000-000000000001', 'instances', '98100000-0000-0000-0000-0000000000A2', 'p', 'stop_instance')$$), '|', 2),
  'new row for relation "recommendations" violates check constraint "recommendations_resource_id_check"',
  '... an upper-case resource id: 23514');
SELECT is(finsim.expire_recommendations(:A), 0, 'expiry runs (no row got in)');

-- 3. apply_action reads an upper-case uuid as the resource's own id.
SELECT is((SELECT outcome FROM finsim.apply_action('instances', upper('98100000-0000-0000-0000-0000000000a1'), 'stop_instance')),
  'applied', 'stopping the idle instance named in upper case applies');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE account_id = :A AND field_name = 'harmful'), 0,
  '... and is not harmful: its idle_instance finding supports it');
SELECT is((SELECT string_agg(DISTINCT resource_id, ',') FROM finsim.resource_change_events WHERE account_id = :A AND field_name IN ('action', 'run_rate', 'credit')),
  '98100000-0000-0000-0000-0000000000a1', '... recorded under the lower-case id');
UPDATE finsim.instances SET optimization_policy = 'recommend_only' WHERE account_id = :A AND instance_id = 'i-busy';
SELECT is((SELECT count(DISTINCT recommendation_id)::int FROM (
             SELECT recommendation_id FROM finsim.apply_action('instances', '98100000-0000-0000-0000-0000000000a2', 'stop_instance')
             UNION ALL
             SELECT recommendation_id FROM finsim.apply_action('instances', '98100000-0000-0000-0000-0000000000A2', 'stop_instance')) r), 1,
  'recommending with either spelling gives the one open recommendation');

-- 4. Infinite times the patterns subtract from the virtual clock.
SELECT is(split_part(pg_temp.err($$UPDATE finsim.instances SET launch_time = '-infinity' WHERE instance_id = 'i-busy'$$), '|', 2),
  'new row for relation "instances" violates check constraint "instances_times_check"', 'launch_time -infinity: 23514');
SELECT is(split_part(pg_temp.err($$INSERT INTO finsim.snapshots (account_id, snapshot_id, size_gib, created_at) VALUES ('98000000-0000-0000-0000-000000000001', 'snap-old', 10, '-infinity')$$), '|', 2),
  'new row for relation "snapshots" violates check constraint "snapshots_times_check"', 'snapshot created_at -infinity: 23514');

-- 8. snapshot_first / final_snapshot taken again the same virtual second.
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state) VALUES
  ('98200000-0000-0000-0000-000000000001', :A, 'vol-again', 10, 'gp3', 'available');
SELECT is((SELECT outcome FROM finsim.apply_action('volumes', '98200000-0000-0000-0000-000000000001', 'delete_volume', '{"snapshot_first": true}')),
  'applied', 'delete_volume with snapshot_first applies');
UPDATE finsim.volumes SET state = 'available' WHERE account_id = :A AND volume_id = 'vol-again';
SELECT is((SELECT outcome FROM finsim.apply_action('volumes', '98200000-0000-0000-0000-000000000001', 'delete_volume', '{"snapshot_first": true}')),
  'applied', '... and again, the volume restored by hand (was 23505 on the snapshot id)');
SELECT is((SELECT count(DISTINCT snapshot_id)::int FROM finsim.snapshots WHERE account_id = :A AND source_volume_id = 'vol-again'), 2,
  '... two snapshots');
INSERT INTO finsim.rds_instances (id, account_id, db_instance_id, instance_class) VALUES
  ('98300000-0000-0000-0000-000000000001', :A, 'db-again', 'db.t3.medium');
SELECT is((SELECT outcome FROM finsim.apply_action('rds_instances', '98300000-0000-0000-0000-000000000001', 'delete_rds', '{"final_snapshot": true}')),
  'applied', 'delete_rds with final_snapshot applies');
INSERT INTO finsim.rds_instances (id, account_id, db_instance_id, instance_class) VALUES
  ('98300000-0000-0000-0000-000000000002', :A, 'db-again', 'db.t3.medium');
SELECT is((SELECT outcome FROM finsim.apply_action('rds_instances', '98300000-0000-0000-0000-000000000002', 'delete_rds', '{"final_snapshot": true}')),
  'applied', '... and a database of the same name, deleted the same virtual second');
SELECT is((SELECT string_agg(snapshot_id, ' ' ORDER BY snapshot_id) FROM finsim.snapshots WHERE account_id = :A AND snapshot_id LIKE 'rds-final-%'),
  'rds-final-db-again-20260502000000 rds-final-db-again-20260502000000-2', '... keeps both final snapshots');

-- 9. A hand-written audit row that is no run-rate does not break the scorecard.
INSERT INTO finsim.resource_change_events (account_id, resource_type, resource_id, change_source, field_name, old_value, new_value, changed_at)
VALUES (:A, 'instances', 'x', 'manual', 'run_rate', 'abc', '1', '2026-05-02');
SELECT is((SELECT actions_applied FROM finsim.scorecard(:A)), 5::bigint, 'the scorecard reads past a non-numeric run_rate row');

-- 12. may_act names a table of finsim.api_scope_tables().
SELECT is(pg_temp.err($$SELECT finsim.may_act('nosuchtable')$$),
  '22023|"nosuchtable" is not a table finsim''s actions change||SELECT finsim.api_scope_tables() lists them, finsim.actions() the tables of each action.',
  'may_act on no table: 22023');
SELECT is(finsim.may_act('api_clients'), true, '... api_clients (revoke_api_client''s table) is one');

-- 13. One schedule grammar: the column holds what billing and the drift engine read.
SELECT is(split_part(pg_temp.err($$UPDATE finsim.instances SET schedule = 'weekdays' WHERE instance_id = 'i-busy'$$), '|', 2),
  'new row for relation "instances" violates check constraint "instances_schedule_check"', 'schedule ''weekdays'': 23514');
UPDATE finsim.instances SET schedule = 'daily 00-12', state = 'running', optimization_policy = 'auto_safe'
 WHERE account_id = :A AND instance_id = 'i-busy';
SELECT is((SELECT count(*)::int FROM finsim.drift_tick(:A)), 1, 'a tick on Saturday 2026-05-02');
SELECT is((SELECT estimated_daily_cost FROM finsim.metrics_daily m JOIN finsim.instances i ON i.account_id = m.account_id AND i.id::text = m.resource_id
            WHERE m.account_id = :A AND i.instance_id = 'i-busy' AND m.date = '2026-05-02'),
  round(0.192 * 12, 6), '... the daily 00-12 instance runs 12 h on a Saturday (was 0: any schedule ran weekdays only)');

-- 11 (last: a transaction cannot go back to read-write; pgTAP writes only temp tables).
-- Read-only transactions: 25006 naming the function.
SET LOCAL transaction_read_only = on;
SELECT is(pg_temp.err($$SELECT * FROM finsim.apply_action('instances', '98100000-0000-0000-0000-0000000000a1', 'start_instance')$$),
  '25006|cannot execute finsim.apply_action() in a read-only transaction||', 'apply_action read-only: 25006 naming it');
SELECT is(split_part(pg_temp.err($$SELECT finsim.expire_recommendations('98000000-0000-0000-0000-000000000001')$$), '|', 2),
  'cannot execute finsim.expire_recommendations() in a read-only transaction', 'expire_recommendations read-only: the same');
SELECT is(split_part(pg_temp.err($$SELECT finsim.dismiss_recommendation((SELECT id FROM finsim.recommendations WHERE account_id = '98000000-0000-0000-0000-000000000001' LIMIT 1))$$), '|', 2),
  'cannot execute finsim.dismiss_recommendation() in a read-only transaction', 'dismiss_recommendation read-only: the same');

SELECT * FROM finish();
ROLLBACK;
