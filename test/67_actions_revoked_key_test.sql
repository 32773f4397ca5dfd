-- A revoked API key stops working in sessions that already logged in with it: every
-- action / recommendation call under that login is refused (42501, like a missing scope)
-- and changes nothing.  Reads under row-level security keep working until logout.
BEGIN;
SELECT plan(19);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('d7000000-0000-0000-0000-000000000001', 'act-revoked', '2026-03-01 00:00+00');
\set A '''d7000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, monthly_cost) VALUES
  ('d7100000-0000-0000-0000-000000000001', :A, 'vol-free-1', 100, 'gp2', 'available', 10),
  ('d7100000-0000-0000-0000-000000000002', :A, 'vol-free-2', 100, 'gp2', 'available', 10);
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, optimization_policy, launch_time)
VALUES ('d7200000-0000-0000-0000-000000000001', :A, 'i-rec', 'm5.large', 'running', 0.096, 0, 'recommend_only', '2025-01-01');
INSERT INTO finsim.recommendations (id, account_id, resource_type, resource_id, pattern, action, action_params, est_monthly_savings, status, created_by)
VALUES ('d7300000-0000-0000-0000-000000000001', :A, 'instances', 'd7200000-0000-0000-0000-000000000001', 'agent', 'stop_instance', '{}', 70.08, 'open', 'agent');

CREATE ROLE act_agent_67;
GRANT finsim_agent TO act_agent_67;
GRANT EXECUTE ON FUNCTION finsim._check_scope(text) TO act_agent_67;
CREATE TEMP TABLE k1 AS SELECT * FROM finsim.create_api_client(:A, 'self-revoker', '{act:*}');
CREATE TEMP TABLE k2 AS SELECT * FROM finsim.create_api_client(:A, 'admin-revoked', '{act:*}');

\ir fixtures/as_role.sql
-- The result of stmt run as act_agent_67 in the session's current login, or 'SQLSTATE message'.
CREATE FUNCTION pg_temp.agent(stmt text) RETURNS text LANGUAGE sql AS $$ SELECT pg_temp.as_role('act_agent_67', stmt) $$;
CREATE FUNCTION pg_temp.agent_hint(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  out text;
BEGIN
  SET LOCAL ROLE act_agent_67;
  BEGIN
    EXECUTE stmt;
    out := 'no error';
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS out = PG_EXCEPTION_HINT;
  END;
  RESET ROLE;
  RETURN out;
END $$;
CREATE FUNCTION pg_temp.login(k text, s text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN pg_temp.agent(format('SELECT finsim.login(%L, %L)::text', k, s));
END $$;

-- The agent revokes its own key, then tries to delete a volume in the same session.
SELECT is(pg_temp.login((SELECT access_key_id FROM k1), (SELECT secret FROM k1)), :A, 'logged in');
SELECT is(pg_temp.agent(format($q$SELECT outcome FROM finsim.apply_action('api_clients', %L, 'revoke_api_client')$q$,
                               (SELECT id FROM finsim.api_clients WHERE name = 'self-revoker'))),
  'applied', 'the agent revokes its own key');
CREATE TEMP TABLE ev0 AS SELECT count(*) AS n FROM finsim.resource_change_events WHERE account_id = :A;
SELECT is(pg_temp.agent($q$SELECT outcome FROM finsim.apply_action('volumes', 'd7100000-0000-0000-0000-000000000001', 'delete_volume', '{"snapshot_first": true}')$q$),
  '42501 api key of this login has been revoked', 'apply_action after the revocation: 42501');
SELECT is(pg_temp.agent_hint($q$SELECT outcome FROM finsim.apply_action('volumes', 'd7100000-0000-0000-0000-000000000001', 'delete_volume')$q$),
  'a revoked key can no longer act: call finsim.logout() and log in with a valid key (an admin creates one with finsim.create_api_client)',
  'with a hint');
SELECT is((SELECT state FROM finsim.volumes WHERE volume_id = 'vol-free-1'), 'available', 'the volume is not deleted');
SELECT is((SELECT count(*)::int FROM finsim.snapshots WHERE account_id = :A), 0, 'no snapshot written');
SELECT is((SELECT count(*) FROM finsim.resource_change_events WHERE account_id = :A), (SELECT n FROM ev0), 'no record written');
SELECT is(pg_temp.agent($q$SELECT outcome FROM finsim.accept_recommendation('d7300000-0000-0000-0000-000000000001')$q$),
  '42501 api key of this login has been revoked', 'accept_recommendation: 42501');
SELECT is(pg_temp.agent($q$SELECT finsim.dismiss_recommendation('d7300000-0000-0000-0000-000000000001')$q$),
  '42501 api key of this login has been revoked', 'dismiss_recommendation: 42501');
SELECT is((SELECT status FROM finsim.recommendations WHERE id = 'd7300000-0000-0000-0000-000000000001'), 'open', 'the recommendation stays open');
SELECT is(pg_temp.agent($q$SELECT finsim.expire_recommendations('d7000000-0000-0000-0000-000000000001')::text$q$),
  '42501 api key of this login has been revoked', 'expire_recommendations: 42501');
SELECT is(pg_temp.agent($q$SELECT finsim._check_scope('volumes')::text$q$),
  '42501 api key of this login has been revoked', 'the shared scope check (auth::require_scope) refuses too');
SELECT is(pg_temp.agent($q$SELECT finsim.may_act('volumes')::text$q$),
  '42501 api key of this login has been revoked', 'finsim.may_act raises the same error (not a silent false)');
SELECT is(pg_temp.agent($q$SELECT count(*)::text FROM finsim.volumes$q$), '2',
  'reads under row-level security keep working until logout (documented)');
SELECT is(pg_temp.agent('SELECT finsim.logout()::text'), '', 'logout');
SELECT is(pg_temp.login((SELECT access_key_id FROM k1), (SELECT secret FROM k1)),
  '28P01 invalid access key or secret', 'and the key cannot log in again');

-- An admin revokes a key (UPDATE revoked_at) while a session is logged in with it.
SELECT is(pg_temp.login((SELECT access_key_id FROM k2), (SELECT secret FROM k2)), :A, 'second key logged in');
UPDATE finsim.api_clients SET revoked_at = now() WHERE name = 'admin-revoked';
SELECT is(pg_temp.agent($q$SELECT outcome FROM finsim.apply_action('volumes', 'd7100000-0000-0000-0000-000000000002', 'delete_volume')$q$),
  '42501 api key of this login has been revoked', 'revoked by an admin: the logged-in session is refused');
SELECT is((SELECT state FROM finsim.volumes WHERE volume_id = 'vol-free-2'), 'available', 'and nothing changed');
SELECT pg_temp.agent('SELECT finsim.logout()::text') AS lo \gset

SELECT * FROM finish();
ROLLBACK;
