-- An admin's change to a key's scopes reaches the sessions already logged in with it, at
-- their next call: the per-call lookup that refuses a revoked key (auth::require_live_key)
-- also reloads the key's scopes.  Narrowed scopes refuse (42501, nothing changed), widened
-- ones allow, through apply_action, finsim.may_act and the shared scope check alike.
BEGIN;
SELECT plan(17);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('d2600000-0000-0000-0000-000000000001', 'tap-scope-changes', '2026-03-01 00:00+00');
\set A '''d2600000-0000-0000-0000-000000000001'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, launch_time)
VALUES ('d2610000-0000-0000-0000-000000000001', :A, 'i-scoped-1', 'm5.large', 'running', 0.096, 0, '2025-01-01'),
       ('d2610000-0000-0000-0000-000000000002', :A, 'i-scoped-2', 'm5.large', 'running', 0.096, 0, '2025-01-01');

CREATE ROLE tap_agent_26;
GRANT finsim_agent TO tap_agent_26;
GRANT EXECUTE ON FUNCTION finsim._check_scope(text) TO tap_agent_26;
CREATE TEMP TABLE k AS SELECT * FROM finsim.create_api_client(:A, 'rescoped', '{read:*,act:*}');
CREATE TEMP TABLE ro AS SELECT * FROM finsim.create_api_client(:A, 'read only', '{read:*}');

\ir fixtures/as_role.sql
-- The result of stmt run as tap_agent_26 in the session's current login, or 'SQLSTATE message'.
CREATE FUNCTION pg_temp.agent(stmt text) RETURNS text LANGUAGE sql AS $$ SELECT pg_temp.as_role('tap_agent_26', stmt) $$;
-- An admin's change of a key's scopes (the test's superuser; no login of its own).
CREATE FUNCTION pg_temp.set_scopes(key text, scopes jsonb) RETURNS void LANGUAGE sql AS $$
  UPDATE finsim.api_clients SET scopes = set_scopes.scopes WHERE access_key_id = set_scopes.key
$$;
CREATE FUNCTION pg_temp.stop(id text) RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.agent(format($q$SELECT outcome FROM finsim.apply_action('instances', %L, 'stop_instance')$q$, id))
$$;

SELECT is(pg_temp.agent(format('SELECT finsim.login(%L, %L)::text', access_key_id, secret)), :A, 'logged in with an act:* key')
  FROM k;
SELECT is(pg_temp.agent($$SELECT finsim.may_act('instances')::text$$), 'true', 'may_act(instances): true');

-- Narrowed to read:* while logged in: the next call is refused.
SELECT pg_temp.set_scopes((SELECT access_key_id FROM k), '["read:*"]');
SELECT is(pg_temp.agent($$SELECT finsim.may_act('instances')::text$$), 'false',
          'narrowed to read:*: may_act(instances) is false at the next call');
SELECT is(pg_temp.stop('d2610000-0000-0000-0000-000000000001'), '42501 api key lacks scope act:instances',
          'narrowed to read:*: apply_action is refused with 42501');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-scoped-1'), 'running', 'and the instance is untouched');
SELECT is((SELECT count(*)::int FROM finsim.resource_change_events WHERE account_id = :A AND resource_type = 'instances'), 0,
          'no record of the instance written');
SELECT is(pg_temp.agent($$SELECT finsim._check_scope('instances')::text$$), '42501 api key lacks scope act:instances',
          'narrowed to read:*: the shared scope check (auth::require_scope) refuses too');

-- Narrowed to another table: that one only.
SELECT pg_temp.set_scopes((SELECT access_key_id FROM k), '["read:*", "act:volumes"]');
SELECT is(pg_temp.agent($$SELECT finsim.may_act('volumes')::text || ' ' || finsim.may_act('instances')::text$$), 'true false',
          'narrowed to act:volumes: may act on volumes, not on instances');
SELECT is(pg_temp.stop('d2610000-0000-0000-0000-000000000001'), '42501 api key lacks scope act:instances',
          'narrowed to act:volumes: stop_instance is refused');

-- Widened again: allowed at the next call.
SELECT pg_temp.set_scopes((SELECT access_key_id FROM k), '["read:*", "act:instances"]');
SELECT is(pg_temp.agent($$SELECT finsim.may_act('instances')::text$$), 'true', 'widened to act:instances: may_act is true');
SELECT is(pg_temp.stop('d2610000-0000-0000-0000-000000000001'), 'applied', 'widened: stop_instance is applied');
SELECT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-scoped-1'), 'stopped', 'the instance is stopped');

-- A session that logged in with a read-only key gains what an admin grants it.
SELECT is(pg_temp.agent(format('SELECT finsim.login(%L, %L)::text', access_key_id, secret)), :A, 'logged in with a read:* key')
  FROM ro;
SELECT is(pg_temp.stop('d2610000-0000-0000-0000-000000000002'), '42501 api key lacks scope act:instances',
          'read:*: stop_instance is refused');
SELECT pg_temp.set_scopes((SELECT access_key_id FROM ro), '["read:*", "act:*"]');
SELECT is(pg_temp.stop('d2610000-0000-0000-0000-000000000002'), 'applied', 'widened to act:* while logged in: applied');

-- Revocation still wins over any scope.
SELECT pg_temp.set_scopes((SELECT access_key_id FROM ro), '["act:*"]');
UPDATE finsim.api_clients SET revoked_at = now() WHERE access_key_id = (SELECT access_key_id FROM ro);
SELECT is(pg_temp.agent($$SELECT finsim.may_act('instances')::text$$), '42501 api key of this login has been revoked',
          'a revoked key is refused whatever its scopes');
SELECT is(pg_temp.agent('SELECT finsim.current_account_id()::text'), :A, 'the login itself is unchanged (logout ends it)');

SELECT finsim.logout();
SELECT * FROM finish();
ROLLBACK;
