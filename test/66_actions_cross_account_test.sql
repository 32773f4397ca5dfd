-- Admin calls when the same resource id exists in two accounts (hand-written fixtures):
-- apply_action refuses the ambiguous id (22023, nothing changed); accept_recommendation acts
-- on the recommendation's own account; an ambiguous recommendation id is refused too.
BEGIN;
SELECT plan(19);

-- Account B sorts first and its rows are inserted first, so a lookup by id alone finds B's.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('d6000000-0000-0000-0000-00000000000b', 'act-dup-b', '2026-03-01 00:00+00'),
  ('d6000000-0000-0000-0000-00000000000c', 'act-dup-a', '2026-03-01 00:00+00');
\set A '''d6000000-0000-0000-0000-00000000000c'''
\set B '''d6000000-0000-0000-0000-00000000000b'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, optimization_policy, launch_time) VALUES
  ('d6100000-0000-0000-0000-000000000001', :B, 'i-b-same', 'm5.large', 'running', 0.096, 0, 'auto_safe', '2025-01-01'),
  ('d6100000-0000-0000-0000-000000000002', :B, 'i-b-rec',  'm5.large', 'running', 0.096, 0, 'auto_safe', '2025-01-01'),
  ('d6100000-0000-0000-0000-000000000001', :A, 'i-a-same', 'm5.large', 'running', 0.096, 0, 'auto_safe', '2025-01-01'),
  ('d6100000-0000-0000-0000-000000000002', :A, 'i-a-rec',  'm5.large', 'running', 0.096, 0, 'recommend_only', '2025-01-01'),
  ('d6100000-0000-0000-0000-000000000003', :A, 'i-a-only', 'm5.large', 'running', 0.096, 0, 'auto_safe', '2025-01-01');
-- Account A's open recommendation to stop its own recommend_only instance.
INSERT INTO finsim.recommendations (id, account_id, resource_type, resource_id, pattern, action, action_params, est_monthly_savings, status, created_by)
VALUES ('d6200000-0000-0000-0000-000000000001', :A, 'instances', 'd6100000-0000-0000-0000-000000000002', 'agent', 'stop_instance', '{}', 70.08, 'open', 'agent');
-- The same recommendation id in both accounts (only hand-written rows can do this).
INSERT INTO finsim.recommendations (id, account_id, resource_type, resource_id, pattern, action, action_params, est_monthly_savings, status, created_by) VALUES
  ('d6200000-0000-0000-0000-000000000009', :B, 'instances', 'd6100000-0000-0000-0000-000000000002', 'agent', 'terminate_instance', '{}', 70.08, 'open', 'agent'),
  ('d6200000-0000-0000-0000-000000000009', :A, 'instances', 'd6100000-0000-0000-0000-000000000003', 'agent', 'terminate_instance', '{}', 70.08, 'open', 'agent');
CREATE TEMP TABLE ev0 AS SELECT count(*) AS n FROM finsim.resource_change_events WHERE account_id IN (:A, :B);

-- apply_action by an admin on an id that exists in two accounts: refused, nothing changed.
SELECT throws_ok($$SELECT * FROM finsim.apply_action('instances', 'd6100000-0000-0000-0000-000000000001', 'stop_instance')$$,
  '22023', 'instances d6100000-0000-0000-0000-000000000001 exists in 2 accounts: an admin call cannot tell which one is meant',
  'admin apply_action on an id of two accounts: 22023');
CREATE FUNCTION pg_temp.err(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  h text;
  d text;
BEGIN
  EXECUTE stmt;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT, d = PG_EXCEPTION_DETAIL;
  RETURN d || ' | ' || h;
END $$;
SELECT matches(pg_temp.err($$SELECT * FROM finsim.apply_action('instances', 'd6100000-0000-0000-0000-000000000001', 'stop_instance')$$),
  '^accounts: d6000000-0000-0000-0000-00000000000b, d6000000-0000-0000-0000-00000000000c \| .*finsim\.login.*',
  'the detail names the accounts, the hint how to act on one of them');
SELECT is((SELECT string_agg(instance_id || ' ' || state, ', ' ORDER BY instance_id) FROM finsim.instances WHERE id = 'd6100000-0000-0000-0000-000000000001'),
  'i-a-same running, i-b-same running', 'neither account''s instance changed');
SELECT is((SELECT count(*) FROM finsim.resource_change_events WHERE account_id IN (:A, :B)), (SELECT n FROM ev0), 'no audit or outcome record written');
SELECT is((SELECT count(*)::int FROM finsim.recommendations WHERE account_id IN (:A, :B)), 3, 'no recommendation written');
SELECT is((SELECT baseline_run_rate FROM finsim.cloud_accounts WHERE id = :B), NULL, 'no baseline set');

-- An id of one account only still works for an admin.
SELECT is((SELECT outcome FROM finsim.apply_action('instances', 'd6100000-0000-0000-0000-000000000003', 'stop_instance')), 'applied',
  'admin apply_action on an id of one account applies');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-a-only'), 'stopped', 'that instance stopped');

-- accept_recommendation by an admin acts on the recommendation's own account.
CREATE TEMP TABLE acc AS SELECT * FROM finsim.accept_recommendation('d6200000-0000-0000-0000-000000000001');
SELECT is((SELECT outcome FROM acc), 'applied', 'accepting A''s recommendation applies');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-a-rec'), 'stopped', 'A''s instance stopped');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-b-rec'), 'running', 'B''s instance with the same id untouched');
SELECT is((SELECT status FROM finsim.recommendations WHERE account_id = :A AND id = 'd6200000-0000-0000-0000-000000000001'), 'applied',
  'A''s recommendation applied');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE account_id = :B), 0, 'no record in account B');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events
            WHERE account_id = :A AND resource_id = 'd6100000-0000-0000-0000-000000000002' AND field_name = 'action' AND new_value = 'stop_instance:applied'),
  1, 'the outcome is recorded in account A');

-- A recommendation id of two accounts: an admin cannot tell which one is meant.
SELECT throws_ok($$SELECT * FROM finsim.accept_recommendation('d6200000-0000-0000-0000-000000000009')$$,
  '22023', 'recommendation d6200000-0000-0000-0000-000000000009 exists in 2 accounts: an admin call cannot tell which one is meant',
  'accept of a recommendation id of two accounts: 22023');
SELECT throws_ok($$SELECT finsim.dismiss_recommendation('d6200000-0000-0000-0000-000000000009')$$,
  '22023', NULL, 'dismiss of a recommendation id of two accounts: 22023');
SELECT is((SELECT string_agg(status, ',') FROM finsim.recommendations WHERE id = 'd6200000-0000-0000-0000-000000000009'), 'open,open',
  'both stay open');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-b-rec'), 'running', 'and B''s instance is still running');

-- An agent of account A acts on its own row even though the id exists in B too.
CREATE ROLE act_agent_66;
GRANT finsim_agent TO act_agent_66;
CREATE TEMP TABLE key66 AS SELECT * FROM finsim.create_api_client(:A, 'bot-66', '{act:*}');
GRANT SELECT ON key66 TO act_agent_66;
SET LOCAL ROLE act_agent_66;
SELECT finsim.login((SELECT access_key_id FROM key66), (SELECT secret FROM key66)) IS NOT NULL AS logged_in \gset
CREATE TEMP TABLE ag AS SELECT * FROM finsim.apply_action('instances', 'd6100000-0000-0000-0000-000000000001', 'stop_instance');
SELECT finsim.logout() AS lo \gset
RESET ROLE;
SELECT is((SELECT string_agg(instance_id || ' ' || state, ', ' ORDER BY instance_id) FROM finsim.instances WHERE id = 'd6100000-0000-0000-0000-000000000001'),
  'i-a-same stopped, i-b-same running', 'an agent acts on its own account''s row');

SELECT * FROM finish();
ROLLBACK;
