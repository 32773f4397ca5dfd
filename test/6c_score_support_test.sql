-- Which findings support an action (finsim._act_supports; finsim.actions().impact), as
-- apply_action's harmful rule and expire_recommendations use it, and the scorecard's
-- handed_off_waste: the waste out of the agent's hands (frozen, or recommended to a person
-- where only a person may decide), which the score does not hold against the agent.
-- Real detection (finsim.waste_findings) over hand-written rows.
BEGIN;
SELECT plan(31);

-- The registry's impact levels.
SELECT results_eq($$SELECT impact, array_agg(action ORDER BY action) FROM finsim.actions() WHERE impact <> 'reshapes' GROUP BY impact ORDER BY impact$$,
  $$VALUES ('records', '{recommend}'::text[]),
           ('removes', '{delete_load_balancer,delete_rds,delete_snapshot,delete_volume,release_eip,remove_node,revoke_api_client,terminate_instance}'),
           ('stops', '{stop_instance,stop_rds}'::text[])$$,
  'finsim.actions(): removes, stops and records; every other action reshapes');
SELECT ok(finsim._act_supports('terminate_instance', 10, 'stop_instance'), 'a terminate finding supports stopping');
SELECT ok(finsim._act_supports('terminate_instance', 10, 'rightsize_instance'), '... and rightsizing');
SELECT ok(NOT finsim._act_supports('terminate_instance', 0, 'stop_instance'), '... but not when it saves nothing');
SELECT ok(NOT finsim._act_supports('schedule_instance', 45, 'terminate_instance'), 'a schedule finding does not support terminating');
SELECT ok(NOT finsim._act_supports('stop_rds', 45, 'delete_rds'), 'a stop finding does not support deleting');
SELECT ok(NOT finsim._act_supports('recommend', 45, 'stop_instance'), 'a recommend finding supports no change');
SELECT ok(finsim._act_supports('schedule_instance', 0, 'schedule_instance'), 'a finding supports the action it recommends');
SELECT ok(finsim._act_supports('terminate_instance', 10, 'recommend'), 'recording a recommendation is milder than any change');

-- Harmful: account H.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('6c000000-0000-0000-0000-000000000001', 'score-support', '2026-05-01 00:00+00');
\set H '''6c000000-0000-0000-0000-000000000001'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, state, hourly_cost, gpu_hourly_cost,
                              avg_cpu_7d, launch_time, last_active_at, tags) VALUES
  -- dev, busy, always on: only dev_always_on (schedule_instance)
  ('6c100000-0000-0000-0000-000000000001', :H, 'i-dev',     'm5.large',  'dev',  'running', 0.096, 0, 50, '2025-01-01', NULL, '{"env":"dev","team":"t","project":"p"}'),
  ('6c100000-0000-0000-0000-000000000002', :H, 'i-dev2',    'm5.large',  'dev',  'running', 0.096, 0, 50, '2025-01-01', NULL, '{"env":"dev","team":"t","project":"p"}'),
  -- prod, idle: idle_instance (terminate_instance) and oversized_instance (rightsize_instance)
  ('6c100000-0000-0000-0000-000000000003', :H, 'i-idle',    'm5.xlarge', 'prod', 'running', 0.192, 0, 2,  '2025-01-01', NULL, '{"env":"prod","team":"t","project":"p"}'),
  ('6c100000-0000-0000-0000-000000000004', :H, 'i-idle2',   'm5.xlarge', 'prod', 'running', 0.192, 0, 2,  '2025-01-01', NULL, '{"env":"prod","team":"t","project":"p"}'),
  -- stopped for months with a volume: stopped_instance (terminate_instance, savings = the volume)
  ('6c100000-0000-0000-0000-000000000005', :H, 'i-stopped', 'm5.large',  'prod', 'stopped', 0.096, 0, 0,  '2025-01-01', '2026-01-01', '{"env":"prod","team":"t","project":"p"}');
INSERT INTO finsim.volumes (id, account_id, volume_id, size_gib, volume_type, state, monthly_cost, attached_instance_id, tags)
VALUES ('6c200000-0000-0000-0000-000000000001', :H, 'vol-s', 100, 'gp3', 'in-use', 8, 'i-stopped', '{"env":"prod","team":"t","project":"p"}');
SELECT results_eq($$SELECT resource_name, pattern, recommended_action FROM finsim.waste_findings('6c000000-0000-0000-0000-000000000001')
                     WHERE resource_type = 'instances' ORDER BY resource_name, pattern$$,
  $$VALUES ('i-dev', 'dev_always_on', 'schedule_instance'), ('i-dev2', 'dev_always_on', 'schedule_instance'),
           ('i-idle', 'idle_instance', 'terminate_instance'), ('i-idle', 'oversized_instance', 'rightsize_instance'),
           ('i-idle2', 'idle_instance', 'terminate_instance'), ('i-idle2', 'oversized_instance', 'rightsize_instance'),
           ('i-stopped', 'stopped_instance', 'terminate_instance')$$,
  'the findings the actions below are judged by');

CREATE FUNCTION pg_temp.harmful(rid text) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM finsim.resource_change_events
   WHERE account_id = '6c000000-0000-0000-0000-000000000001' AND field_name = 'harmful' AND resource_id = rid $$;
SELECT is((SELECT outcome FROM finsim.apply_action('instances', '6c100000-0000-0000-0000-000000000001', 'terminate_instance')),
  'applied', 'terminating the busy dev instance applies');
SELECT is(pg_temp.harmful('6c100000-0000-0000-0000-000000000001'), 1::bigint,
  '... and is harmful: its only finding recommends a schedule, not terminating it');
SELECT is((SELECT outcome FROM finsim.apply_action('instances', '6c100000-0000-0000-0000-000000000002', 'schedule_instance', '{"hours": "weekdays 08-20"}')),
  'applied', 'scheduling the other dev instance applies');
SELECT is(pg_temp.harmful('6c100000-0000-0000-0000-000000000002'), 0::bigint, '... and is not harmful (the recommended action)');
SELECT is((SELECT outcome FROM finsim.apply_action('instances', '6c100000-0000-0000-0000-000000000003', 'stop_instance')),
  'applied', 'stopping the idle instance applies');
SELECT is(pg_temp.harmful('6c100000-0000-0000-0000-000000000003'), 0::bigint,
  '... and is not harmful: milder than the terminate its finding recommends, and it saves');
SELECT is((SELECT outcome FROM finsim.apply_action('instances', '6c100000-0000-0000-0000-000000000004', 'rightsize_instance', '{"instance_type": "m5.2xlarge"}')),
  'applied', 'rightsizing the other idle instance UP applies');
SELECT is(pg_temp.harmful('6c100000-0000-0000-0000-000000000004'), 1::bigint,
  '... and is harmful: its finding recommends rightsizing, but this raises the run-rate');
SELECT is((SELECT outcome FROM finsim.apply_action('instances', '6c100000-0000-0000-0000-000000000005', 'start_instance')),
  'applied', 'starting the long-stopped instance applies');
SELECT is(pg_temp.harmful('6c100000-0000-0000-0000-000000000005'), 1::bigint,
  '... and is harmful: its finding recommends terminating it, starting it raises the run-rate');

-- Expiry follows the same rule: a recommendation lives while a finding supports its action.
UPDATE finsim.instances SET optimization_policy = 'recommend_only', state = 'running' WHERE account_id = :H AND instance_id = 'i-dev';
CREATE TEMP TABLE rt AS SELECT * FROM finsim.apply_action('instances', '6c100000-0000-0000-0000-000000000001', 'terminate_instance');
CREATE TEMP TABLE rs AS SELECT * FROM finsim.apply_action('instances', '6c100000-0000-0000-0000-000000000001', 'schedule_instance', '{"hours": "weekdays 08-20"}');
SELECT is((SELECT string_agg(outcome, ' ') FROM (SELECT outcome FROM rt UNION ALL SELECT outcome FROM rs) o), 'recommended recommended',
  'two recommendations on the recommend_only dev instance: terminate and schedule');
SELECT is(finsim.expire_recommendations(:H), 1, 'expire: one recommendation no finding supports');
SELECT results_eq($$SELECT action, status FROM finsim.recommendations WHERE account_id = '6c000000-0000-0000-0000-000000000001' ORDER BY action$$,
  $$VALUES ('schedule_instance', 'open'), ('terminate_instance', 'expired')$$,
  'terminating expired (dev_always_on only supports a schedule); the schedule stays open');

-- handed_off_waste: account S, four idle prod instances (140.16 a month each).
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('6c000000-0000-0000-0000-000000000002', 'score-handoff', '2026-05-01 00:00+00');
\set S '''6c000000-0000-0000-0000-000000000002'''
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, state, hourly_cost, gpu_hourly_cost,
                              avg_cpu_7d, launch_time, tags, optimization_policy, optimization_freeze_until) VALUES
  ('6c300000-0000-0000-0000-000000000001', :S, 'i-auto',   'm5.xlarge', 'prod', 'running', 0.192, 0, 2, '2025-01-01', '{"env":"prod","team":"t","project":"p"}', 'auto_safe', NULL),
  ('6c300000-0000-0000-0000-000000000002', :S, 'i-auto2',  'm5.xlarge', 'prod', 'running', 0.192, 0, 2, '2025-01-01', '{"env":"prod","team":"t","project":"p"}', 'auto_safe', NULL),
  ('6c300000-0000-0000-0000-000000000003', :S, 'i-frozen', 'm5.xlarge', 'prod', 'running', 0.192, 0, 2, '2025-01-01', '{"env":"prod","team":"t","project":"p"}', 'auto_safe', '2026-09-01'),
  ('6c300000-0000-0000-0000-000000000004', :S, 'i-person', 'm5.xlarge', 'prod', 'running', 0.192, 0, 2, '2025-01-01', '{"env":"prod","team":"t","project":"p"}', 'recommend_only', NULL);
CREATE FUNCTION pg_temp.card() RETURNS text LANGUAGE sql AS $$
  SELECT realized_monthly_savings || ' ' || remaining_waste || ' ' || handed_off_waste || ' ' || score
    FROM finsim.scorecard('6c000000-0000-0000-0000-000000000002') $$;
-- One agent step on instance 6c30…0<n>: its outcome, then the scorecard.
CREATE FUNCTION pg_temp.step(n text, act text) RETURNS text LANGUAGE sql AS $$
  SELECT (SELECT outcome FROM finsim.apply_action('instances', '6c300000-0000-0000-0000-00000000000' || n, act))
         || ': ' || pg_temp.card() $$;
SELECT is(pg_temp.card(), '0 560.64 140.16 0.00',
  'before any action: remaining 4 x 140.16, the frozen one handed off, score 0');
SELECT is(pg_temp.step('1', 'terminate_instance'), 'applied: 140.160000 420.48 140.16 33.33',
  'the agent terminates one idle instance: realized 140.16 of the 420.48 within its reach');
SELECT is(pg_temp.step('2', 'recommend'), 'recommended: 140.160000 420.48 140.16 33.33',
  'recommending an auto_safe finding (instead of fixing it) hands nothing off: the agent could have acted');
SELECT is(pg_temp.step('4', 'stop_instance'), 'recommended: 140.160000 420.48 140.16 33.33',
  'on the recommend_only instance, recommending another action than the finding''s (stop, not terminate) hands nothing off');
SELECT is(pg_temp.step('4', 'terminate_instance'), 'recommended: 140.160000 420.48 280.32 50.00',
  'recommending the finding''s action hands it to a person: 140.16 of 280.32 within reach, 50');
SELECT is(finsim.dismiss_recommendation((SELECT id FROM finsim.recommendations WHERE account_id = :S AND action = 'terminate_instance'), 'keep it')
          || ': ' || pg_temp.card(), 'dismissed: 140.160000 420.48 280.32 50.00',
  'a person dismisses it: it stays handed off (a person decided)');

-- An agent that raises the bill scores 0, even with nothing else within reach.
INSERT INTO finsim.cloud_accounts (id, name, virtual_time)
VALUES ('6c000000-0000-0000-0000-000000000003', 'score-spender', '2026-05-01 00:00+00');
INSERT INTO finsim.instances (id, account_id, instance_id, instance_type, env, state, hourly_cost, gpu_hourly_cost,
                              avg_cpu_7d, launch_time, tags) VALUES
  ('6c400000-0000-0000-0000-000000000001', '6c000000-0000-0000-0000-000000000003', 'i-busy', 'm5.large', 'prod', 'running',
   0.096, 0, 50, '2025-01-01', '{"env":"prod","team":"t","project":"p"}');
SELECT is((SELECT outcome FROM finsim.apply_action('instances', '6c400000-0000-0000-0000-000000000001', 'rightsize_instance',
                                                   '{"instance_type": "m5.4xlarge"}')), 'applied', 'rightsizing a busy instance UP applies');
SELECT is((SELECT remaining_waste || ' ' || harmful_actions || ' ' || score FROM finsim.scorecard('6c000000-0000-0000-0000-000000000003')),
          '0 1 0.00', 'no waste left, one harmful action, the bill raised: score 0 (not 100 - 10)');

SELECT * FROM finish();
ROLLBACK;
