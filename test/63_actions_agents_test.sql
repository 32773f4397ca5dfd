-- Agents through finsim.login (helper "auth"): scopes, own account only, no leak across
-- accounts, created_by = API client name.  Skipped until finsim.login exists; the calls
-- into auth's functions are dynamic so this file parses without them.
BEGIN;
SELECT plan(19);

INSERT INTO finsim.cloud_accounts (id, name, virtual_time) VALUES
  ('f0000000-0000-0000-0000-000000000001', 'act-agent-own',   '2026-02-01 00:00+00'),
  ('f0000000-0000-0000-0000-000000000002', 'act-agent-other', '2026-02-01 00:00+00');
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, state, hourly_cost, gpu_hourly_cost, optimization_policy, launch_time) VALUES
  ('f1000000-0000-0000-0000-000000000001', 'f0000000-0000-0000-0000-000000000001', 'i-own',   'm5.xlarge', 'running', 0.192, 0, 'auto_safe', '2025-01-01'),
  ('f1000000-0000-0000-0000-000000000002', 'f0000000-0000-0000-0000-000000000001', 'i-own-r', 'm5.xlarge', 'running', 0.192, 0, 'recommend_only', '2025-01-01'),
  ('f1000000-0000-0000-0000-000000000003', 'f0000000-0000-0000-0000-000000000002', 'i-other', 'm5.xlarge', 'running', 0.192, 0, 'auto_safe', '2025-01-01');
CREATE ROLE act_agent_63;
GRANT finsim_agent TO act_agent_63;

-- 'SQLSTATE message' of a statement run as act_agent_63 after logging in with scopes, or its result.
-- as_agent = false: the same, logged in as the test's own (superuser) role.
\ir fixtures/as_key.sql
CREATE FUNCTION pg_temp.as_agent(scopes text[], stmt text, as_agent boolean DEFAULT true) RETURNS text LANGUAGE sql AS $$
  SELECT pg_temp.as_key('f0000000-0000-0000-0000-000000000001', 'act_agent_63', scopes, stmt, as_agent) $$;

CREATE FUNCTION pg_temp.agent_tests() RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
  IF to_regprocedure('finsim.login(text,text)') IS NULL THEN
    RETURN NEXT skip('finsim.login (helper auth) is not installed yet', 19);
    RETURN;
  END IF;
  RETURN NEXT matches(pg_temp.as_agent('{read:*}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000001', 'stop_instance')$q$),
    '^42501 ', 'a read-only key cannot act (42501)');
  RETURN NEXT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-own'), 'running', 'and nothing changed');
  RETURN NEXT matches(pg_temp.as_agent('{act:volumes}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000001', 'stop_instance')$q$),
    '^42501 ', 'act:volumes does not allow acting on instances');
  RETURN NEXT is(pg_temp.as_agent('{act:instances}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000001', 'stop_instance')$q$),
    'applied', 'act:instances allows acting on an own instance');
  RETURN NEXT is(pg_temp.as_agent('{act:*}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000003', 'stop_instance')$q$),
    'P0002 instances f1000000-0000-0000-0000-000000000003 not found', 'another account''s resource is simply not found');
  RETURN NEXT is(pg_temp.as_agent('{act:*}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-0000000000ff', 'stop_instance')$q$),
    'P0002 instances f1000000-0000-0000-0000-0000000000ff not found', 'same message as a missing resource (no leak)');
  RETURN NEXT is((SELECT state FROM finsim.instances WHERE instance_id = 'i-other'), 'running', 'the other account is untouched');
  RETURN NEXT is(pg_temp.as_agent('{act:*}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000002', 'stop_instance')$q$),
    'recommended', 'recommend_only for an agent');
  RETURN NEXT is((SELECT created_by FROM finsim.recommendations WHERE resource_id = 'f1000000-0000-0000-0000-000000000002'),
    'bot-act:*', 'created_by is the API client name');
  RETURN NEXT is(pg_temp.as_agent('{act:*}',
    format('SELECT outcome FROM finsim.accept_recommendation(%L)',
           (SELECT id FROM finsim.recommendations WHERE resource_id = 'f1000000-0000-0000-0000-000000000002'))),
    '42501 a logged-in agent session cannot accept a recommendation on a recommend_only resource (instances f1000000-0000-0000-0000-000000000002)',
    'recommend_only means a person decides: the agent cannot accept its recommendation (42501)');
  RETURN NEXT is(pg_temp.as_agent('{read:*}',
    $q$SELECT actions_applied::text FROM finsim.scorecard('f0000000-0000-0000-0000-000000000001')$q$),
    '1', 'an agent reads its own scorecard (the stop; the recommendation is not applied)');
  RETURN NEXT matches(pg_temp.as_agent('{act:*}',
    $q$SELECT actions_applied::text FROM finsim.scorecard('f0000000-0000-0000-0000-000000000002')$q$),
    '^P0002 ', 'but not another account''s');
  -- An admin that logs in with a key acts as that key: its scopes and its account.
  RETURN NEXT matches(pg_temp.as_agent('{read:*}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000002', 'stop_instance')$q$, false),
    '^42501 api key lacks scope act:instances', 'a superuser logged in with a read-only key cannot act (42501)');
  RETURN NEXT is(pg_temp.as_agent('{act:*}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000003', 'stop_instance')$q$, false),
    'P0002 instances f1000000-0000-0000-0000-000000000003 not found', 'a superuser logged in acts on the key''s account only');
  RETURN NEXT is((SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000003', 'stop_instance')),
    'applied', 'after logout the superuser acts on any account again');
  -- 'recommend' follows the same caller and scope rules as every action.
  RETURN NEXT matches(pg_temp.as_agent('{read:*}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000001', 'recommend', '{"advice": "x"}')$q$),
    '^42501 ', 'recommend: a read-only key cannot record a recommendation (42501)');
  RETURN NEXT matches(pg_temp.as_agent('{act:volumes}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000001', 'recommend', '{"advice": "x"}')$q$),
    '^42501 ', 'recommend: act:volumes does not allow it on instances');
  RETURN NEXT is(pg_temp.as_agent('{act:instances}',
    $q$SELECT outcome FROM finsim.apply_action('instances', 'f1000000-0000-0000-0000-000000000001', 'recommend', '{"advice": "x"}')$q$),
    'recommended', 'recommend: act:instances records it');
  RETURN NEXT is((SELECT created_by FROM finsim.recommendations WHERE resource_id = 'f1000000-0000-0000-0000-000000000001' AND action = 'recommend'),
    'bot-act:instances', 'recommend: created_by is the API client name');
END $$;
SELECT * FROM pg_temp.agent_tests();

SELECT * FROM finish();
ROLLBACK;
